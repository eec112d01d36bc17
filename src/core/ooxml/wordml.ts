/**
 * The WordprocessingML of a document's own content — body paragraphs, runs, lists, tables, the
 * logos of the first page's header — written as docx (9.15) writes the same content given as its
 * objects, byte for byte. `test/unit/docx-package.test.ts` checks it: the same blocks, given to
 * docx as `Paragraph`/`Table`/`ImageRun` objects and packed by docx's `Packer`, must give the same
 * parts as ours.
 *
 * Why not docx's objects: building them costs some 5 ms per convention and packing them with
 * docx's Packer some 13 ms more (measured on the examples, warm), more than all the rest of a render
 * together; writing the same XML here takes well under a millisecond. What a convention needs is a
 * small, fixed part of WordprocessingML,
 * described by the types below; anything outside them is not written here but by docx (see
 * `package.ts`: styles, numbering definitions, settings, footers, section properties…).
 *
 * To change how a paragraph looks, prefer a style: styles are docx options (`documentOptions` in
 * src/core/docx-layout.ts), and a paragraph only names its style. A new direct property (an outline
 * level, say) is added in three places: its field in `ParagraphSpec`, its element in `paragraph()`
 * at the place docx's ParagraphProperties writes it, and its docx option in
 * test/support/docx-oracle.ts — whose generated-blocks test then says whether the two agree.
 */
import { escapeXml } from './xml.js';

/** A run of text, in bold and/or italics, or a line break. */
export type RunSpec = { text: string; bold?: true; italics?: true } | { break: true };

/** Paragraph alignments, as docx's `AlignmentType` names them. */
export type Alignment = 'left' | 'center' | 'both';

/** A list paragraph: the numbering definition (`reference`), its level, and which list it belongs to (`instance`). */
export interface ListSpec {
  reference: string;
  level: number;
  instance: number;
}

export interface ParagraphSpec {
  kind: 'paragraph';
  runs: RunSpec[];
  /** A paragraph style of the document's styles (docx's `HeadingLevel` values: `Title`, `Heading1`…). */
  style?: string;
  alignment?: Alignment;
  keepNext?: boolean;
  keepLines?: boolean;
  pageBreakBefore?: boolean;
  list?: ListSpec;
  /** Tab stops: `right` at a position in twentieths of a point. */
  rightTabStop?: number;
}

export interface BorderSpec {
  style: 'none' | 'single';
  size: number;
  color: string;
}

export interface CellSpec {
  /** Width in percent of the table's width. */
  widthPercent: number;
  /** Columns of the grid the cell spans (one when absent). */
  span?: number;
  /** Background colour (hexadecimal RGB). */
  fill?: string;
  /** Cell margins in twentieths of a point. */
  margins?: { top: number; bottom: number; left: number; right: number };
  /** At least one (a cell ends with a paragraph). */
  paragraphs: ParagraphSpec[];
}

export interface RowSpec {
  /** Kept on one page. */
  cantSplit: boolean;
  /** Repeated at the top of each page (a header row). */
  header: boolean;
  cells: CellSpec[];
}

export interface TableSpec {
  kind: 'table';
  /** The grid: column widths in twentieths of a point. */
  columns: number[];
  /** Columns kept at their widths, whatever the cells hold. */
  fixedLayout: boolean;
  /** The same border on every side and between cells. */
  border: BorderSpec;
  rows: RowSpec[];
}

export type BlockSpec = ParagraphSpec | TableSpec;

/** A logo of the first page's header: its bytes, type and size in pixels. */
export interface ImageSpec {
  data: Uint8Array;
  type: 'png' | 'jpg';
  width: number;
  height: number;
  name: string;
  description: string;
  title: string;
}

/** An image of a part, as the part's relationships name it. */
export interface MediaEntry {
  image: ImageSpec;
  fileName: string;
}

const TEXT_RUN_OPEN = '<w:r><w:t xml:space="preserve">';
const BREAK_RUN = '<w:r><w:br/></w:r>';

function runXml(run: RunSpec): string {
  if ('break' in run) return BREAK_RUN;
  const properties = (run.bold ? '<w:b/><w:bCs/>' : '') + (run.italics ? '<w:i/><w:iCs/>' : '');
  const text = escapeXml(run.text);
  return properties === '' ? `${TEXT_RUN_OPEN}${text}</w:t></w:r>` : `<w:r><w:rPr>${properties}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
}

/**
 * The numbering instances a document's lists use, numbered as docx numbers them: in the order the
 * paragraphs are written, from 2 (docx's default bullet list is 1).
 */
export class ListInstances {
  private readonly ids = new Map<string, { numId: number; reference: string }>();

  numId(list: ListSpec): number {
    const key = `${list.reference}-${list.instance}`;
    let entry = this.ids.get(key);
    if (!entry) {
      entry = { numId: this.ids.size + 2, reference: list.reference };
      this.ids.set(key, entry);
    }
    return entry.numId;
  }

  /** The instances, in numId order. */
  get used(): readonly { numId: number; reference: string }[] {
    return [...this.ids.values()];
  }
}

/** Writes blocks of a part; the list instances it meets are registered in `lists`. */
export class BodyWriter {
  constructor(readonly lists: ListInstances) {}

  blocks(blocks: readonly BlockSpec[]): string {
    let xml = '';
    for (const block of blocks) xml += block.kind === 'paragraph' ? this.paragraph(block) : this.table(block);
    return xml;
  }

  paragraph(paragraph: ParagraphSpec, runsXml?: string): string {
    let properties = '';
    // In the order docx's ParagraphProperties writes them (the schema's order).
    const style = paragraph.style ?? (paragraph.list ? 'ListParagraph' : undefined);
    if (style !== undefined) properties += `<w:pStyle w:val="${escapeXml(style)}"/>`;
    if (paragraph.keepNext) properties += '<w:keepNext/>';
    if (paragraph.keepLines) properties += '<w:keepLines/>';
    if (paragraph.pageBreakBefore) properties += '<w:pageBreakBefore/>';
    if (paragraph.list) {
      properties += `<w:numPr><w:ilvl w:val="${paragraph.list.level}"/><w:numId w:val="${this.lists.numId(paragraph.list)}"/></w:numPr>`;
    }
    if (paragraph.rightTabStop !== undefined) properties += `<w:tabs><w:tab w:val="right" w:pos="${paragraph.rightTabStop}"/></w:tabs>`;
    if (paragraph.alignment) properties += `<w:jc w:val="${paragraph.alignment}"/>`;
    let runs = runsXml;
    if (runs === undefined) {
      runs = '';
      for (const run of paragraph.runs) runs += runXml(run);
    }
    if (properties === '') return runs === '' ? '<w:p/>' : `<w:p>${runs}</w:p>`;
    return `<w:p><w:pPr>${properties}</w:pPr>${runs}</w:p>`;
  }

  table(table: TableSpec): string {
    const { style, size, color } = table.border;
    const border = `w:val="${style}" w:color="${color}" w:sz="${size}"/>`;
    let xml =
      '<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/><w:tblBorders>' +
      `<w:top ${border}<w:left ${border}<w:bottom ${border}<w:right ${border}<w:insideH ${border}<w:insideV ${border}` +
      `</w:tblBorders>${table.fixedLayout ? '<w:tblLayout w:type="fixed"/>' : ''}</w:tblPr><w:tblGrid>`;
    for (const width of table.columns) xml += `<w:gridCol w:w="${width}"/>`;
    xml += '</w:tblGrid>';
    for (const row of table.rows) {
      xml += `<w:tr><w:trPr>${row.cantSplit ? '<w:cantSplit/>' : '<w:cantSplit w:val="off"/>'}${row.header ? '<w:tblHeader/>' : '<w:tblHeader w:val="off"/>'}</w:trPr>`;
      for (const cell of row.cells) xml += this.cell(cell);
      xml += '</w:tr>';
    }
    return `${xml}</w:tbl>`;
  }

  private cell(cell: CellSpec): string {
    // Percentages in fiftieths of a percent, as docx writes them.
    let properties = `<w:tcW w:type="pct" w:w="${cell.widthPercent * 50}"/>`;
    if (cell.span !== undefined && cell.span > 1) properties += `<w:gridSpan w:val="${cell.span}"/>`;
    if (cell.fill !== undefined) properties += `<w:shd w:fill="${cell.fill}" w:color="auto" w:val="clear"/>`;
    if (cell.margins) {
      const { top, left, bottom, right } = cell.margins;
      properties += `<w:tcMar><w:top w:type="dxa" w:w="${top}"/><w:left w:type="dxa" w:w="${left}"/><w:bottom w:type="dxa" w:w="${bottom}"/><w:right w:type="dxa" w:w="${right}"/></w:tcMar>`;
    }
    let xml = `<w:tc><w:tcPr>${properties}</w:tcPr>`;
    for (const paragraph of cell.paragraphs) xml += this.paragraph(paragraph);
    return `${xml}</w:tc>`;
  }
}

/** One EMU (the unit of DrawingML sizes) per pixel at 96 dpi. */
const EMU_PER_PIXEL = 9525;

/**
 * An image inline in a run, as docx's `ImageRun` writes it. `docPrId` numbers the drawing objects
 * of the document (docx takes them from a counter of the process: ours start at 1 in each
 * document, which keeps a document's bytes the same whatever was rendered before it).
 */
export function imageRunXml(image: ImageSpec, relationshipId: string, docPrId: number): string {
  const cx = Math.round(image.width * EMU_PER_PIXEL);
  const cy = Math.round(image.height * EMU_PER_PIXEL);
  const a = 'http://schemas.openxmlformats.org/drawingml/2006/main';
  return (
    `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/>` +
    `<wp:effectExtent t="0" r="0" b="0" l="0"/>` +
    `<wp:docPr id="${docPrId}" name="${escapeXml(image.name)}" descr="${escapeXml(image.description)}" title="${escapeXml(image.title)}"/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${a}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic xmlns:a="${a}"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="" descr=""/>` +
    `<pic:cNvPicPr><a:picLocks noChangeAspect="1" noChangeArrowheads="1"/></pic:cNvPicPr></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${relationshipId}" cstate="none"/><a:srcRect/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    `</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
  );
}

/** A run holding a tab character. */
export const TAB_RUN = `${TEXT_RUN_OPEN}\t</w:t></w:r>`;
