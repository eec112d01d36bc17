/**
 * docx as the oracle of our WordprocessingML writer: the blocks and logos our writer writes, given
 * to docx as its own objects (`Paragraph`, `TextRun`, `Table`, `ImageRun`) in the document that
 * `documentOptions` describes, and packed by docx's public `Packer.toBuffer`.
 *
 * Canonicalisation, applied to docx's side only (ours must already be so):
 * - docProps/core.xml: docx stamps `dcterms:created` and `dcterms:modified` with the time of the
 *   call and has no option for `dc:language`; both dates become noon on the signature date, and
 *   `<dc:language>fr-FR</dc:language>` is added last, as our writer does for reproducible bytes;
 * - `wp:docPr` ids: docx takes them from a counter of the process (the second document rendered
 *   gets 3 and 4 where the first got 1 and 2); they are numbered from 1 in each part, in order.
 */
import {
  BorderStyle,
  Document,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type FileChild,
  type IParagraphOptions,
} from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import type { DocxMetadata } from '../../src/core/docx.js';
import { documentOptions } from '../../src/core/docx-layout.js';
import type { BlockSpec, ImageSpec, ParagraphSpec, RunSpec, TableSpec } from '../../src/core/ooxml/wordml.js';

function run(spec: RunSpec): TextRun {
  if ('break' in spec) return new TextRun({ break: 1 });
  return new TextRun({ text: spec.text, bold: spec.bold, italics: spec.italics });
}

export function docxParagraph(spec: ParagraphSpec, children: IParagraphOptions['children'] = spec.runs.map(run)): Paragraph {
  return new Paragraph({
    children,
    style: spec.style,
    alignment: spec.alignment,
    keepNext: spec.keepNext,
    keepLines: spec.keepLines,
    pageBreakBefore: spec.pageBreakBefore,
    numbering: spec.list,
    tabStops: spec.rightTabStop === undefined ? undefined : [{ type: TabStopType.RIGHT, position: spec.rightTabStop }],
  });
}

function docxTable(spec: TableSpec): Table {
  const border = {
    style: spec.border.style === 'none' ? BorderStyle.NONE : BorderStyle.SINGLE,
    size: spec.border.size,
    color: spec.border.color,
  };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: spec.fixedLayout ? TableLayoutType.FIXED : undefined,
    columnWidths: spec.columns,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: spec.rows.map(
      (row) =>
        new TableRow({
          cantSplit: row.cantSplit,
          tableHeader: row.header,
          children: row.cells.map(
            (cell) =>
              new TableCell({
                width: { size: cell.widthPercent, type: WidthType.PERCENTAGE },
                columnSpan: cell.span,
                shading: cell.fill === undefined ? undefined : { fill: cell.fill, type: ShadingType.CLEAR, color: 'auto' },
                margins: cell.margins,
                children: cell.paragraphs.map((p) => docxParagraph(p)),
              }),
          ),
        }),
    ),
  });
}

export function docxBlocks(blocks: readonly BlockSpec[]): FileChild[] {
  return blocks.map((block) => (block.kind === 'paragraph' ? docxParagraph(block) : docxTable(block)));
}

/** The logos' header paragraph as docx objects: the images separated by tab runs. */
function docxLogos(images: readonly ImageSpec[], tabStop: number): Paragraph {
  const children = images.flatMap((image, index) => {
    const picture = new ImageRun({
      type: image.type,
      data: image.data,
      transformation: { width: image.width, height: image.height },
      altText: { name: image.name, description: image.description, title: image.title },
    });
    return index === 0 ? [picture] : [new TextRun({ text: '\t' }), picture];
  });
  return docxParagraph({ kind: 'paragraph', runs: [], rightTabStop: tabStop }, children);
}

/** Parts of a package by path: text for XML parts, bytes for media. */
export type Parts = Record<string, string | Uint8Array>;

export function unzipParts(bytes: Uint8Array): Parts {
  return Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([path, data]) => [path, path.startsWith('word/media/') ? data : strFromU8(data)]),
  );
}

/** What docx writes for the same content, canonicalised as this module's comment says. */
export async function oracleParts(
  blocks: readonly BlockSpec[],
  metadata: DocxMetadata,
  logos?: { images: readonly ImageSpec[]; tabStop: number },
): Promise<Parts> {
  const document = new Document(documentOptions(metadata, { body: docxBlocks(blocks), firstHeader: logos && docxLogos(logos.images, logos.tabStop) }));
  const parts = unzipParts(await Packer.toBuffer(document));
  const core = parts['docProps/core.xml'] as string;
  parts['docProps/core.xml'] = core
    .replace(/(<dcterms:(?:created|modified) [^>]*>)[^<]*/g, `$1${metadata.dateSignature}T12:00:00Z`)
    .replace('</cp:coreProperties>', '<dc:language>fr-FR</dc:language></cp:coreProperties>');
  for (const [path, data] of Object.entries(parts)) {
    if (typeof data === 'string' && data.includes('<wp:docPr ')) {
      let id = 0;
      parts[path] = data.replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++id}"`);
    }
  }
  return parts;
}
