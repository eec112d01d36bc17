/**
 * Markdown (from the templates) to Word structures, through the `marked` lexer: headings in heading
 * styles, lists as Word numbering, tables as tables, the signature block as a table of cells that
 * cannot split, annexes on a new page, "Page X sur Y" in the footer, A4 portrait.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ILevelsOptions,
} from 'docx';
import { Marked, type Token, type Tokens, type TokenizerAndRendererExtension } from 'marked';
import { RenderError } from './errors.js';
import { cachedParagraph, packageParts, zipParts, type PackagePart, type RawXml } from './docx-package.js';

export interface DocxMetadata {
  title: string;
  subject: string;
  creator: string;
  /** ISO date (signature date) used for every date inside the package, so bytes are reproducible. */
  dateSignature: string;
  /** SHA-256 of the source YAML, kept as a custom property to trace a document to its source. */
  sourceSha256?: string;
  /** The parties' logos, in the header of the first page. */
  logos?: readonly { bytes: Buffer; type: 'png' | 'jpg'; width: number; height: number }[];
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' sur ', PageNumber.TOTAL_PAGES], size: 18 })],
      }),
    ],
  });
}

/** Logos share the first page's header at one height, side by side. */
const LOGO_HEIGHT_PX = 64;
const LOGO_MAX_WIDTH_PX = 200;

function logoHeader(logos: NonNullable<DocxMetadata['logos']>): Header {
  const runs = logos.flatMap((logo, index) => {
    const scale = Math.min(LOGO_HEIGHT_PX / logo.height, LOGO_MAX_WIDTH_PX / logo.width);
    const image = new ImageRun({
      type: logo.type,
      data: logo.bytes,
      transformation: { width: Math.round(logo.width * scale), height: Math.round(logo.height * scale) },
      altText: { name: `logo-${index + 1}`, description: 'Logo', title: 'Logo' },
    });
    return index === 0 ? [image] : [new TextRun({ text: '\t' }), image];
  });
  return new Header({ children: [new Paragraph({ children: runs, tabStops: [{ type: TabStopType.RIGHT, position: 9638 }] })] });
}

interface ContainerToken {
  type: 'container';
  raw: string;
  kind: string;
  tokens: Token[];
  /** For table-like containers: rows of cells, each cell a list of block tokens. */
  rows: Token[][][];
}

const TABLE_KINDS = new Set(['tableau', 'grille', 'signatures']);
const CONTAINER_KINDS = new Set(['centre', 'annexe', ...TABLE_KINDS]);

const containerExtension: TokenizerAndRendererExtension = {
  name: 'container',
  level: 'block',
  start(src: string) {
    return /^:{3,}/m.exec(src)?.index;
  },
  tokenizer(src: string) {
    const match = /^(:{3,})(?!:)[ \t]*([a-z-]+)[ \t]*\n([\s\S]*?)\n?\1(?!:)[ \t]*(?:\n+|$)/.exec(src);
    if (!match) return undefined;
    const [raw, , kind = '', body = ''] = match;
    if (!CONTAINER_KINDS.has(kind)) throw new RenderError(`bloc « ::: ${kind} » inconnu`, 'gabarit-bloc-inconnu');
    const token: ContainerToken = { type: 'container', raw, kind, tokens: [], rows: [] };
    if (TABLE_KINDS.has(kind)) {
      token.rows = body
        .split(/^\+\+\+[ \t]*$/m)
        .filter((row) => row.trim() !== '')
        .map((row) => row.split(/^\|\|\|[ \t]*$/m).map((cell) => this.lexer.blockTokens(cell.trim(), [])));
    } else {
      token.tokens = this.lexer.blockTokens(body, []);
    }
    return token as unknown as Tokens.Generic;
  },
  renderer() {
    return '';
  },
};

const markdown = new Marked({ gfm: true, extensions: [containerExtension] });

interface InlineStyle {
  bold?: boolean;
  italics?: boolean;
}

type Block = Paragraph | Table | RawXml;

interface BlockContext {
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType];
  listLevel: number;
  /** In a table cell, which docx ends with a paragraph of its own unless its last child is one. */
  inCell?: boolean;
}

/**
 * French typography, on template and YAML text alike: typographic apostrophe; no-break space
 * before « : » and inside guillemets, narrow no-break space before ; ! ? — so that a line never
 * starts with a colon or a closing guillemet.
 */
export function typography(text: string): string {
  // Each rule runs only where its trigger character occurs: a document has some two thousand runs,
  // most of which need one rule or none.
  let out = text;
  if (out.includes("'")) out = out.replace(/'/g, '’');
  if (out.includes(':')) out = out.replace(/[ \u00a0\u202f]+:/g, '\u00a0:');
  if (/[;!?]/.test(out)) out = out.replace(/[ \u00a0\u202f]+([;!?])/g, '\u202f$1');
  if (out.includes('«')) out = out.replace(/«[ \u00a0\u202f]*/g, '«\u00a0');
  if (out.includes('»')) out = out.replace(/[ \u00a0\u202f]*»/g, '\u00a0»');
  if (/\d/.test(out)) {
    out = out
      .replace(/\b([Aa]rticles?|[Aa]nnexes?|n°|N°) (?=\d)/g, '$1\u00a0')
      // Digit groups (1 000, a SIRET, a phone number) never break across lines.
      .replace(/(\d) (?=\d)/g, '$1\u202f')
      .replace(/(\d) ?% /g, '$1\u00a0% ')
      .replace(/(\d) €/g, '$1\u00a0€');
  }
  return out;
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

class DocxBuilder {
  private orderedListInstance = 0;

  constructor(private readonly cacheParagraphs: boolean) {}

  inline(tokens: readonly Token[] | undefined, style: InlineStyle = {}): TextRun[] {
    const runs: TextRun[] = [];
    for (const token of tokens ?? []) {
      switch (token.type) {
        case 'text':
        case 'escape':
        case 'codespan':
          if ('tokens' in token && token.tokens && token.tokens.length > 0) runs.push(...this.inline(token.tokens, style));
          else runs.push(new TextRun({ text: typography(decodeEntities(token.text as string)), ...style }));
          break;
        case 'strong':
          runs.push(...this.inline(token.tokens, { ...style, bold: true }));
          break;
        case 'em':
          runs.push(...this.inline(token.tokens, { ...style, italics: true }));
          break;
        case 'link':
          // Addresses and e-mails stay plain text: a signed paper document has no links to follow.
          runs.push(...this.inline(token.tokens, style));
          break;
        case 'br':
          runs.push(new TextRun({ break: 1 }));
          break;
        case 'del':
          runs.push(...this.inline(token.tokens, style));
          break;
        default:
          throw new RenderError(`élément Markdown « ${token.type} » non pris en charge dans le texte`, 'gabarit-markdown');
      }
    }
    return runs;
  }

  blocks(tokens: readonly Token[], context: BlockContext): Block[] {
    const out: Block[] = [];
    tokens.forEach((token, index) => {
      const next = tokens.slice(index + 1).find((t) => t.type !== 'space');
      const keepWithSignatures = next?.type === 'container' && (next as unknown as ContainerToken).kind === 'signatures';
      switch (token.type) {
        case 'space':
          break;
        case 'heading':
          out.push(this.heading(token as Tokens.Heading));
          break;
        case 'paragraph': {
          const paragraph = () =>
            new Paragraph({ children: this.inline(token.tokens), alignment: context.alignment, keepNext: keepWithSignatures || undefined });
          // A paragraph is the same XML wherever it appears: the stock clauses, identical from one
          // convention of a type to the next, are built and serialised once per process.
          const key = `${context.alignment}|${keepWithSignatures}|${token.raw}`;
          out.push(this.cacheParagraphs && !context.inCell ? cachedParagraph(key, paragraph) : paragraph());
          break;
        }
        case 'list':
          out.push(...this.list(token as Tokens.List, context.listLevel));
          break;
        case 'table':
          out.push(this.gfmTable(token as Tokens.Table));
          break;
        case 'container':
          out.push(...this.container(token as unknown as ContainerToken));
          break;
        case 'code':
          throw new RenderError(
            'bloc de code dans le Markdown produit : une ligne de gabarit est sans doute indentée de quatre espaces',
            'gabarit-markdown',
          );
        default:
          throw new RenderError(`élément Markdown « ${token.type} » non pris en charge`, 'gabarit-markdown');
      }
    });
    return out;
  }

  heading(token: Tokens.Heading, pageBreakBefore = false): Paragraph {
    const levels = [HeadingLevel.TITLE, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;
    const heading = levels[Math.min(token.depth, 4) - 1]!;
    return new Paragraph({
      heading,
      children: this.inline(token.tokens),
      keepNext: true,
      keepLines: true,
      alignment: token.depth === 1 ? AlignmentType.CENTER : undefined,
      pageBreakBefore: pageBreakBefore || undefined,
    });
  }

  list(token: Tokens.List, level: number): Paragraph[] {
    const instance = token.ordered ? ++this.orderedListInstance : 0;
    const paragraphs: Paragraph[] = [];
    for (const item of token.items) {
      const nested: Paragraph[] = [];
      const runs: TextRun[] = [];
      for (const child of item.tokens) {
        if (child.type === 'list') nested.push(...this.list(child as Tokens.List, level + 1));
        else if (child.type === 'text' || child.type === 'paragraph') {
          if (runs.length > 0) runs.push(new TextRun({ break: 1 }));
          runs.push(...this.inline((child as Tokens.Text).tokens ?? [child]));
        } else if (child.type !== 'space') {
          throw new RenderError(`élément « ${child.type} » non pris en charge dans une liste`, 'gabarit-markdown');
        }
      }
      paragraphs.push(
        new Paragraph({
          children: runs,
          alignment: AlignmentType.JUSTIFIED,
          numbering: token.ordered
            ? { reference: 'numeros', level: Math.min(level, 2), instance }
            : { reference: 'puces', level: Math.min(level, 2) },
        }),
        ...nested,
      );
    }
    return paragraphs;
  }

  container(token: ContainerToken): Block[] {
    switch (token.kind) {
      case 'centre':
        return this.blocks(token.tokens, { alignment: AlignmentType.CENTER, listLevel: 0 });
      case 'annexe': {
        // An annex starts on a new page: its title carries "page break before", so no empty
        // paragraph is left at the bottom of the previous page.
        const first = token.tokens.find((t) => t.type !== 'space');
        if (first?.type !== 'heading') throw new RenderError('une annexe commence par son titre (## Annexe …)', 'gabarit-annexe');
        const rest = token.tokens.slice(token.tokens.indexOf(first) + 1);
        return [
          this.heading(first as Tokens.Heading, true),
          ...this.blocks(rest, { alignment: AlignmentType.JUSTIFIED, listLevel: 0 }),
        ];
      }
      default:
        return [this.table(token)];
    }
  }

  table(token: ContainerToken): Table {
    const isSignatures = token.kind === 'signatures';
    const hasHeader = token.kind === 'tableau';
    const columns = Math.max(...token.rows.map((r) => r.length));
    const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
    const line = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
    const border = isSignatures ? none : line;
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      layout: TableLayoutType.FIXED,
      columnWidths: Array.from({ length: columns }, () => Math.floor(9638 / columns)),
      borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
      rows: token.rows.map(
        (cells, rowIndex) =>
          new TableRow({
            cantSplit: true,
            tableHeader: hasHeader && rowIndex === 0,
            children: Array.from({ length: columns }, (_, i) => {
              const blocks = this.blocks(cells[i] ?? [], { alignment: AlignmentType.LEFT, listLevel: 0, inCell: true });
              const children = blocks.length > 0 ? blocks : [new Paragraph({ children: [] })];
              return new TableCell({
                width: { size: Math.floor(100 / columns), type: WidthType.PERCENTAGE },
                shading: hasHeader && rowIndex === 0 ? { fill: 'E7EEF7', type: 'clear', color: 'auto' } : undefined,
                // A signature cell keeps room below the name for the handwritten signature and stamp.
                margins: { top: 60, bottom: isSignatures ? 1700 : 60, left: 100, right: 100 },
                children: hasHeader && rowIndex === 0 ? this.bold(cells[i] ?? []) : children,
              });
            }),
          }),
      ),
    });
  }

  private bold(tokens: readonly Token[]): Paragraph[] {
    const paragraphs = tokens
      .filter((t) => t.type === 'paragraph')
      .map((t) => new Paragraph({ children: this.inline((t as Tokens.Paragraph).tokens, { bold: true }), keepNext: true }));
    return paragraphs.length > 0 ? paragraphs : [new Paragraph({ children: [] })];
  }

  gfmTable(token: Tokens.Table): Table {
    const row = (cells: Tokens.TableCell[], header: boolean) =>
      new TableRow({
        tableHeader: header,
        cantSplit: true,
        children: cells.map(
          (cell) => new TableCell({ children: [new Paragraph({ children: this.inline(cell.tokens, header ? { bold: true } : {}) })] }),
        ),
      });
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [row(token.header, true), ...token.rows.map((r) => row(r, false))],
    });
  }
}

function bulletLevels(): ILevelsOptions[] {
  const symbols = ['•', '–', '▪'];
  return symbols.map((text, level) => ({
    level,
    format: LevelFormat.BULLET,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 283 } } },
  }));
}

function numberLevels(): ILevelsOptions[] {
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return formats.map((format, level) => ({
    level,
    format,
    text: `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 340 } } },
  }));
}

const BODY_FONT = 'Arial';

/** Builds the DOCX bytes of a rendered Markdown document. */
export function buildDocx(markdownText: string, metadata: DocxMetadata): Buffer {
  return reproducible(packageParts(wordDocument(markdownText, metadata)), metadata.dateSignature);
}

/**
 * The docx `Document` of a rendered Markdown document (before packaging). `cacheParagraphs: false`
 * gives a document made of docx's objects only, as docx's own compiler can serialise it (the
 * packaging test compares both).
 */
export function wordDocument(markdownText: string, metadata: DocxMetadata, { cacheParagraphs = true } = {}): Document {
  const tokens = markdown.lexer(markdownText);
  const builder = new DocxBuilder(cacheParagraphs);
  const children = builder.blocks(tokens, { alignment: AlignmentType.JUSTIFIED, listLevel: 0 });
  return new Document({
    title: metadata.title,
    subject: metadata.subject,
    creator: metadata.creator,
    lastModifiedBy: metadata.creator,
    description: 'Document produit par convention à partir de sa description YAML.',
    customProperties: metadata.sourceSha256 ? [{ name: 'SourceSHA256', value: metadata.sourceSha256 }] : [],
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 21, language: { value: 'fr-FR' } }, paragraph: { spacing: { after: 120, line: 264 } } },
        title: { run: { font: BODY_FONT, size: 32, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 240, after: 360 } } },
        heading1: { run: { font: BODY_FONT, size: 24, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 300, after: 120 }, keepNext: true } },
        heading2: { run: { font: BODY_FONT, size: 22, bold: true, italics: true }, paragraph: { spacing: { before: 200, after: 100 }, keepNext: true } },
        heading3: { run: { font: BODY_FONT, size: 21, bold: true }, paragraph: { spacing: { before: 160, after: 80 }, keepNext: true } },
      },
    },
    numbering: {
      config: [
        { reference: 'puces', levels: bulletLevels() },
        { reference: 'numeros', levels: numberLevels() },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, footer: 567, header: 567 },
          },
          titlePage: (metadata.logos?.length ?? 0) > 0,
        },
        headers: metadata.logos?.length ? { first: logoHeader(metadata.logos), default: new Header({ children: [] }) } : undefined,
        // With logos, the first page has its own header, hence its own footer: the same one.
        footers: { default: pageFooter(), first: pageFooter() },
        children,
      },
    ],
  });
}

/**
 * Same YAML, same bytes, on any day and any machine: the package's dates become the signature date
 * (docx stamps "now" into docProps/core.xml, and a zip stamps every entry), the entries keep one
 * order, and the language of the document is declared.
 */
function reproducible(parts: PackagePart[], isoDate: string): Buffer {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  for (const part of parts) {
    if (part.path === 'docProps/core.xml' && typeof part.data === 'string') {
      part.data = part.data
        .replace(/(<dcterms:(?:created|modified) [^>]*>)[^<]*/g, `$1${isoDate}T12:00:00Z`)
        .replace('</cp:coreProperties>', '<dc:language>fr-FR</dc:language></cp:coreProperties>');
    }
  }
  // Zip entries carry DOS times, read in local time: a local noon is the same noon in every zone.
  return zipParts(parts, new Date(year, month - 1, day, 12, 0, 0));
}
