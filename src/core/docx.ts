/**
 * Markdown (from the templates) to a Word document: the `marked` lexer reads it, `blocksOf` turns
 * its tokens into the blocks our WordprocessingML writer knows (src/core/ooxml/wordml.ts) —
 * headings in heading styles, lists as Word numbering, tables as tables, the signature block as a
 * table of cells that cannot split, annexes on a new page — and `buildDocx` puts them in the shell
 * docx builds from `documentOptions` (styles, numbering definitions, A4 portrait page, "Page X sur
 * Y" footer; see src/core/ooxml/package.ts for who writes what).
 */
import { Marked, type Token, type Tokens, type TokenizerAndRendererExtension } from 'marked';
import { RenderError } from './errors.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './assets.js';
import { DESCRIPTION, NUMBERING, TEXT_WIDTH } from './page-layout.js';
import { documentParts, shellFromPackage, zipParts, type Shell } from './ooxml/package.js';
import type { Alignment, BlockSpec, CellSpec, ImageSpec, ParagraphSpec, RunSpec, TableSpec } from './ooxml/wordml.js';

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

interface ContainerToken {
  type: 'container';
  raw: string;
  kind: string;
  tokens: Token[];
  /** For table-like containers: rows of cells, each cell a list of block tokens. */
  rows: Token[][][];
}

const TABLE_KINDS = new Set(['tableau', 'grille', 'signatures']);
const CONTAINER_KINDS = new Set(['centre', 'annexe', 'groupe', ...TABLE_KINDS]);

const containerExtension: TokenizerAndRendererExtension = {
  name: 'container',
  level: 'block',
  // Where a container may start, so that a paragraph stops before it. marked asks at each block of
  // the rest of the text: `indexOf` finds the next fence far faster than a multiline regex did.
  start(src: string) {
    for (let at = src.indexOf(':::'); at !== -1; at = src.indexOf(':::', at + 1)) if (at === 0 || src[at - 1] === '\n') return at;
    return undefined;
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

const markdown = new Marked({
  gfm: true,
  extensions: [containerExtension],
  tokenizer: {
    // GFM's extended autolinks (a bare `https://…`, `www.…` or e-mail address) take their text raw,
    // backslash escapes included: a URL from a value (escaped for Markdown by render.ts) came out
    // as `page\_2\#ancre`. A signed paper document has no links to follow: an address is text,
    // read by the text and escape tokenizers like any other.
    url() {
      return undefined;
    },
  },
});

interface InlineStyle {
  bold?: true;
  italics?: true;
}

interface BlockContext {
  alignment: Alignment;
  listLevel: number;
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

/**
 * The entities a template may write (marked leaves them in the text), and the references render.ts
 * puts for a space or a tab starting a line of a value. A value's own `&` arrives escaped (an
 * `escape` token), never here.
 */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(/&#32;/g, ' ')
    .replace(/&#9;/g, '\t')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** A group heading ("TITRE II : …") sits between the title (`#`) and the articles (`##`) it holds. */
const GROUP_DEPTH = 1.5;
/** Word's built-in heading styles the layout defines (src/core/docx-layout.ts). */
const DEEPEST_HEADING = 4;

class BlockBuilder {
  private orderedListInstance = 0;
  /**
   * The Markdown depths of the headings open at this point, outermost first: a heading's outline
   * level is its place among them, so that a document's tree follows its own structure (an article
   * is level 1, or 2 under a TITRE; its sub-articles one more), whatever depth a template wrote.
   */
  private readonly openHeadings: number[] = [];

  inline(tokens: readonly Token[] | undefined, style: InlineStyle = {}, runs: RunSpec[] = []): RunSpec[] {
    for (const token of tokens ?? []) {
      switch (token.type) {
        case 'escape':
          // A backslash escape (how render.ts protects a value's punctuation): the character itself.
          runs.push({ text: typography(token.text as string), ...style });
          break;
        case 'text':
        case 'codespan':
          if ('tokens' in token && token.tokens && token.tokens.length > 0) this.inline(token.tokens, style, runs);
          else runs.push({ text: typography(decodeEntities(token.text as string)), ...style });
          break;
        case 'strong':
          this.inline(token.tokens, { ...style, bold: true }, runs);
          break;
        case 'em':
          this.inline(token.tokens, { ...style, italics: true }, runs);
          break;
        case 'link':
          // A link written in a template (`[texte](adresse)`, `<https://…>`) prints its text.
          this.inline(token.tokens, style, runs);
          break;
        case 'br':
          runs.push({ break: true });
          break;
        case 'del':
          this.inline(token.tokens, style, runs);
          break;
        default:
          throw new RenderError(`élément Markdown « ${token.type} » non pris en charge dans le texte`, 'gabarit-markdown');
      }
    }
    return runs;
  }

  blocks(tokens: readonly Token[], context: BlockContext): BlockSpec[] {
    const out: BlockSpec[] = [];
    /** A centred block taken into the signature table above it (see `signaturesWithLetterhead`). */
    let taken: Token | undefined;
    tokens.forEach((token, index) => {
      if (token === taken) return;
      switch (token.type) {
        case 'space':
          break;
        case 'heading':
          out.push(this.heading(token as Tokens.Heading));
          break;
        case 'paragraph': {
          let next: Token | undefined;
          for (let i = index + 1; i < tokens.length && next === undefined; i++) if (tokens[i]!.type !== 'space') next = tokens[i];
          // The sentence before the signatures ("Fait à…") stays on their page.
          const keepWithSignatures = next?.type === 'container' && (next as unknown as ContainerToken).kind === 'signatures';
          // …and so does the end of the last clause above it: a signature page is never "Fait à" alone.
          const previous = out.at(-1);
          if (keepWithSignatures && previous?.kind === 'paragraph') previous.keepNext = true;
          out.push({ kind: 'paragraph', runs: this.inline(token.tokens), alignment: context.alignment, keepNext: keepWithSignatures || undefined });
          break;
        }
        case 'list':
          out.push(...this.list(token as Tokens.List, context.listLevel));
          break;
        case 'table':
          out.push(this.gfmTable(token as Tokens.Table));
          break;
        case 'container': {
          let next: Token | undefined;
          for (let i = index + 1; i < tokens.length && next === undefined; i++) if (tokens[i]!.type !== 'space') next = tokens[i];
          const kind = (token as unknown as ContainerToken).kind;
          if (kind === 'signatures' && next?.type === 'container' && (next as unknown as ContainerToken).kind === 'centre') {
            out.push(this.signaturesWithLetterhead(token as unknown as ContainerToken, next as unknown as ContainerToken));
            taken = next;
          } else out.push(...this.container(token as unknown as ContainerToken));
          break;
        }
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

  heading(token: Tokens.Heading, pageBreakBefore = false, depth: number = token.depth): ParagraphSpec {
    let style = 'Title';
    if (depth === 1) {
      this.openHeadings.length = 0;
    } else {
      while (this.openHeadings.length > 0 && this.openHeadings.at(-1)! >= depth) this.openHeadings.pop();
      this.openHeadings.push(depth);
      style = `Heading${Math.min(this.openHeadings.length, DEEPEST_HEADING)}`;
    }
    return {
      kind: 'paragraph',
      style,
      runs: this.inline(token.tokens),
      keepNext: true,
      keepLines: true,
      alignment: token.depth === 1 ? 'center' : undefined,
      pageBreakBefore: pageBreakBefore || undefined,
    };
  }

  list(token: Tokens.List, level: number): ParagraphSpec[] {
    const instance = token.ordered ? ++this.orderedListInstance : 0;
    const paragraphs: ParagraphSpec[] = [];
    for (const item of token.items) {
      const nested: ParagraphSpec[] = [];
      const runs: RunSpec[] = [];
      for (const child of item.tokens) {
        if (child.type === 'list') nested.push(...this.list(child as Tokens.List, level + 1));
        else if (child.type === 'text' || child.type === 'paragraph') {
          if (runs.length > 0) runs.push({ break: true });
          this.inline((child as Tokens.Text).tokens ?? [child], {}, runs);
        } else if (child.type !== 'space') {
          throw new RenderError(`élément « ${child.type} » non pris en charge dans une liste`, 'gabarit-markdown');
        }
      }
      paragraphs.push(
        {
          kind: 'paragraph',
          runs,
          alignment: 'both',
          list: { reference: token.ordered ? 'numeros' : 'puces', level: Math.min(level, 2), instance },
        },
        ...nested,
      );
    }
    return paragraphs;
  }

  container(token: ContainerToken): BlockSpec[] {
    switch (token.kind) {
      case 'centre': {
        // A centred block (a title, a letterhead) is one whole, never split across two pages.
        const blocks = this.blocks(token.tokens, { alignment: 'center', listLevel: 0 });
        for (const block of blocks.slice(0, -1)) if (block.kind === 'paragraph') block.keepNext = true;
        return blocks;
      }
      case 'annexe': {
        // An annex starts on a new page: its title carries "page break before", so no empty
        // paragraph is left at the bottom of the previous page.
        const first = token.tokens.find((t) => t.type !== 'space');
        if (first?.type !== 'heading') throw new RenderError('une annexe commence par son titre (## Annexe …)', 'gabarit-annexe');
        // An annex is a tree of its own, at the top of the document's outline (not under the last TITRE).
        this.openHeadings.length = 0;
        const rest = token.tokens.slice(token.tokens.indexOf(first) + 1);
        return [this.heading(first as Tokens.Heading, true), ...this.blocks(rest, { alignment: 'both', listLevel: 0 })];
      }
      case 'groupe': {
        // A group of articles ("TITRE II : …"): its one heading, above the articles that follow it.
        // A title from the YAML may run over several lines: what follows its first line is text
        // under the heading, as it was before groups had a container.
        const first = token.tokens.find((t) => t.type !== 'space');
        if (first?.type !== 'heading') throw new RenderError('un bloc « ::: groupe » commence par son titre (## …)', 'gabarit-markdown');
        const rest = token.tokens.slice(token.tokens.indexOf(first) + 1);
        return [this.heading(first as Tokens.Heading, false, GROUP_DEPTH), ...this.blocks(rest, { alignment: 'both', listLevel: 0 })];
      }
      default:
        return [this.table(token)];
    }
  }

  /** A cell's blocks: paragraphs only (a cell holding a table is not something a convention needs). */
  private cellParagraphs(tokens: readonly Token[]): ParagraphSpec[] {
    const blocks = this.blocks(tokens, { alignment: 'left', listLevel: 0 });
    if (blocks.some((block) => block.kind !== 'paragraph')) throw new RenderError('tableau dans une cellule de tableau', 'gabarit-markdown');
    return blocks.length > 0 ? (blocks as ParagraphSpec[]) : [{ kind: 'paragraph', runs: [] }];
  }

  table(token: ContainerToken): TableSpec {
    const isSignatures = token.kind === 'signatures';
    const hasHeader = token.kind === 'tableau';
    const columns = Math.max(...token.rows.map((r) => r.length));
    const lastRow = token.rows.length - 1;
    return {
      kind: 'table',
      columns: Array.from({ length: columns }, () => Math.floor(TEXT_WIDTH / columns)),
      fixedLayout: true,
      border: isSignatures ? { style: 'none', size: 0, color: 'FFFFFF' } : { style: 'single', size: 4, color: '808080' },
      rows: token.rows.map((cells, rowIndex) => ({
        cantSplit: true,
        header: hasHeader && rowIndex === 0,
        cells: Array.from({ length: columns }, (_, i): CellSpec => {
          const header = hasHeader && rowIndex === 0;
          return {
            widthPercent: Math.floor(100 / columns),
            fill: header ? 'E7EEF7' : undefined,
            // A signature cell keeps room below the name for the handwritten signature and stamp.
            margins: { top: 60, bottom: isSignatures ? 1700 : 60, left: 100, right: 100 },
            paragraphs: header ? this.bold(cells[i] ?? []) : this.keptWithNextRow(this.cellParagraphs(cells[i] ?? []), isSignatures && rowIndex < lastRow),
          };
        }),
      })),
    };
  }

  /**
   * A centred block right after the signatures (the partner's letterhead that seed 001 prints on
   * its signature page) becomes the signature table's last row, one cell across its columns: the
   * table is kept whole, with « Fait à » and the end of the last clause above it, so the letterhead
   * never sits alone on a page of its own. (A paragraph's keep-with-next from a table's last row
   * to the paragraph after the table is Word's, not LibreOffice's: the letterhead must be in it.)
   */
  private signaturesWithLetterhead(signatures: ContainerToken, letterhead: ContainerToken): TableSpec {
    const table = this.table(signatures);
    for (const cell of table.rows.at(-1)!.cells) for (const paragraph of cell.paragraphs) paragraph.keepNext = true;
    const paragraphs = this.container(letterhead);
    if (paragraphs.some((block) => block.kind !== 'paragraph')) throw new RenderError('tableau dans un bloc centré après les signatures', 'gabarit-markdown');
    table.rows.push({
      cantSplit: true,
      header: false,
      cells: [{ widthPercent: 100, span: table.columns.length, margins: { top: 60, bottom: 60, left: 100, right: 100 }, paragraphs: paragraphs as ParagraphSpec[] }],
    });
    return table;
  }

  /** The signature blocks are one whole: each row's paragraphs keep with the next row. */
  private keptWithNextRow(paragraphs: ParagraphSpec[], keep: boolean): ParagraphSpec[] {
    if (keep) for (const paragraph of paragraphs) paragraph.keepNext = true;
    return paragraphs;
  }

  private bold(tokens: readonly Token[]): ParagraphSpec[] {
    const paragraphs = tokens
      .filter((t) => t.type === 'paragraph')
      .map((t): ParagraphSpec => ({ kind: 'paragraph', runs: this.inline((t as Tokens.Paragraph).tokens, { bold: true }), keepNext: true }));
    return paragraphs.length > 0 ? paragraphs : [{ kind: 'paragraph', runs: [] }];
  }

  /** A Markdown table: columns of equal width, thin borders, the header row in bold and repeated. */
  gfmTable(token: Tokens.Table): TableSpec {
    const columns = token.header.length;
    const row = (cells: Tokens.TableCell[], header: boolean) => ({
      cantSplit: true,
      header,
      cells: cells.map(
        (cell): CellSpec => ({
          widthPercent: Math.floor(100 / columns),
          paragraphs: [{ kind: 'paragraph', runs: this.inline(cell.tokens, header ? { bold: true } : {}) }],
        }),
      ),
    });
    return {
      kind: 'table',
      columns: Array.from({ length: columns }, () => Math.floor(TEXT_WIDTH / columns)),
      fixedLayout: false,
      border: { style: 'single', size: 4, color: 'auto' },
      rows: [row(token.header, true), ...token.rows.map((r) => row(r, false))],
    };
  }
}

/**
 * An e-mail address or a web address. Their hyphens are the only places a line may break inside
 * them (LibreOffice and Word break after a hyphen), which cut "dpo.cpam-essonne@assurance-/maladie.fr"
 * in two.
 */
const ADDRESS = /(?:https?:\/\/|www\.)[^\s<>«»()]+[^\s<>«»().,;:!?\u00a0\u202f]|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/**
 * U+2060 WORD JOINER, put after each hyphen of an address: no line break there (Unicode's line
 * breaking, which LibreOffice follows: an address that does not fit goes whole to the next line).
 * The trade-off: WordprocessingML has no way to forbid a break inside a run that keeps the text as it
 * is (`w:noBreakHyphen` and U+2011 are another character, which a copied address carries and which
 * breaks it); the joiner is invisible and zero-width, LibreOffice's PDF does not carry it in its
 * text (a copy from the PDF is the address as written), but a copy from the DOCX carries it.
 */
const WORD_JOINER = '\u2060';

function protectAddresses(text: string): string {
  if (!text.includes('-') || !(text.includes('@') || text.includes('://') || text.includes('www.'))) return text;
  return text.replace(ADDRESS, (address) => address.replace(/-/g, `-${WORD_JOINER}`));
}

/** Adjacent runs of the same look, as one: an address split by a value's escapes is found whole. */
function joinRuns(runs: RunSpec[]): RunSpec[] {
  const joined: RunSpec[] = [];
  for (const run of runs) {
    const last = joined.at(-1);
    if (last && !('break' in last) && !('break' in run) && last.bold === run.bold && last.italics === run.italics) {
      joined[joined.length - 1] = { ...last, text: last.text + run.text };
    } else {
      joined.push(run);
    }
  }
  for (const [index, run] of joined.entries()) if (!('break' in run)) joined[index] = { ...run, text: protectAddresses(run.text) };
  return joined;
}

function plainText(paragraph: ParagraphSpec): string {
  let text = '';
  for (const run of paragraph.runs) if (!('break' in run)) text += run.text;
  return text.trim();
}

/** A paragraph that announces what follows: a bold label, or a lead-in ending with a colon. */
function announces(paragraph: ParagraphSpec): boolean {
  const text = plainText(paragraph);
  if (text === '') return false;
  if (text.endsWith(':')) return true;
  return paragraph.runs.every((run) => 'break' in run || run.bold === true || run.text.trim() === '');
}

function settleParagraph(paragraph: ParagraphSpec): void {
  if (paragraph.runs.length > 1 || (paragraph.runs.length === 1 && !('break' in paragraph.runs[0]!))) paragraph.runs = joinRuns(paragraph.runs);
}

/**
 * Page breaks that keep a document readable, decided on the whole sequence of blocks: a bold
 * label, a lead-in ending in « : » and a table's caption keep with what follows (a heading's
 * style already does), so that no page ends with them; and runs are joined, addresses protected.
 */
function settle(blocks: BlockSpec[]): BlockSpec[] {
  blocks.forEach((block, index) => {
    if (block.kind === 'table') {
      for (const row of block.rows) for (const cell of row.cells) for (const paragraph of cell.paragraphs) settleParagraph(paragraph);
      return;
    }
    settleParagraph(block);
    const next = blocks[index + 1];
    if (next !== undefined && !block.keepNext && (next.kind === 'table' || announces(block))) block.keepNext = true;
  });
  return blocks;
}

/**
 * How much Markdown structure one line of a template's output may hold. marked reads nested quotes
 * and lists by re-reading the rest of the line at each level, and emphasis, code and link marks by
 * scanning ahead for their closing mark: on a line of a million `> ` or `*` it runs for minutes,
 * then exhausts the stack ("erreur interne"). No convention comes near these bounds; a value never
 * counts toward them, render.ts escaping its marks with a backslash.
 */
const MAX_NESTING = 32;
const MAX_MARKS_PER_LINE = 2000;
/** One level of block nesting at the start of a line: a quote mark, or a list marker and its space. */
const NESTING_MARK = /[ \t]{0,3}(?:>[ \t]?|(?:[*+-]|\d{1,9}[.)])(?:[ \t]+|$))/y;
/** A backslash escape (skipped) or a mark that opens or closes emphasis, code, a link or HTML. */
const INLINE_MARK = /\\[\s\S]|[*_~`[\]<>!]/g;

function checkStructure(markdownText: string): void {
  let lineStart = 0;
  let number = 0;
  while (lineStart <= markdownText.length) {
    const end = markdownText.indexOf('\n', lineStart);
    const lineEnd = end === -1 ? markdownText.length : end;
    number++;
    if (lineEnd - lineStart > MAX_NESTING) {
      let depth = 0;
      NESTING_MARK.lastIndex = lineStart;
      while (depth <= MAX_NESTING && NESTING_MARK.lastIndex < lineEnd && NESTING_MARK.test(markdownText)) depth++;
      let marks = 0;
      if (depth <= MAX_NESTING && lineEnd - lineStart > MAX_MARKS_PER_LINE) {
        const line = markdownText.slice(lineStart, lineEnd);
        for (const [mark] of line.matchAll(INLINE_MARK)) if (mark.length === 1 && ++marks > MAX_MARKS_PER_LINE) break;
      }
      if (depth > MAX_NESTING || marks > MAX_MARKS_PER_LINE) {
        const what =
          depth > MAX_NESTING
            ? `plus de ${MAX_NESTING} niveaux de citations ou de listes imbriquées`
            : `plus de ${MAX_MARKS_PER_LINE.toLocaleString('fr-FR')} marques Markdown (* _ ~ \` [ ] < > !)`;
        throw new RenderError(
          `la ligne ${number} du texte produit par les gabarits (${(lineEnd - lineStart).toLocaleString('fr-FR')} caractères, ` +
            `« ${markdownText.slice(lineStart, lineStart + 40)}… ») porte ${what} : trop pour être lue`,
          'gabarit-markdown',
        );
      }
    }
    if (end === -1) break;
    lineStart = end + 1;
  }
}

/**
 * The blocks of a rendered Markdown document. Markdown too deep for marked is refused before it is
 * read (`checkStructure`); should marked's recursion still exhaust the stack, that too is a
 * template's output it cannot read, reported as such rather than as an internal error.
 */
export function blocksOf(markdownText: string): BlockSpec[] {
  checkStructure(markdownText);
  try {
    return settle(new BlockBuilder().blocks(markdown.lexer(markdownText), { alignment: 'both', listLevel: 0 }));
  } catch (error) {
    if (error instanceof RangeError && /call stack/.test(error.message)) {
      throw new RenderError('le texte produit par les gabarits est trop imbriqué pour être lu (Markdown imbriqué sur des milliers de niveaux)', 'gabarit-markdown');
    }
    throw error;
  }
}

/** Logos share the first page's header at one height, side by side, the last one against the right margin. */
const LOGO_HEIGHT_PX = 64;
const LOGO_MAX_WIDTH_PX = 200;
export const LOGO_TAB_STOP = TEXT_WIDTH;

export function logoImages(logos: NonNullable<DocxMetadata['logos']>): ImageSpec[] {
  return logos.map((logo, index) => {
    const scale = Math.min(LOGO_HEIGHT_PX / logo.height, LOGO_MAX_WIDTH_PX / logo.width);
    return {
      data: logo.bytes,
      type: logo.type,
      width: Math.round(logo.width * scale),
      height: Math.round(logo.height * scale),
      name: `logo-${index + 1}`,
      description: 'Logo',
      title: 'Logo',
    };
  });
}

const shells = new Map<boolean, Promise<Shell>>();

/** Where the build writes docx's package of each layout (scripts/build-assets.mjs). */
export function prebuiltShellFile(withLogos: boolean): string {
  return join(PACKAGE_ROOT, 'dist', 'docx-shells', withLogos ? 'avec-logos.docx' : 'sans-logos.docx');
}

/**
 * docx's package of a document whose body (and first-page header, with logos) is a marker
 * paragraph, read as a shell (src/core/docx-layout.ts). The build packs it once
 * (scripts/build-assets.mjs), so that a render loads no docx at all: docx and the libraries it
 * evaluates on load were a third of a cold render. Without that file (tests run from the sources
 * before any build), docx packs it here, on the first document of each layout. Either way it is kept
 * for the process; test/unit/docx-package.test.ts checks the built one is what docx packs now.
 */
function shell(withLogos: boolean): Promise<Shell> {
  let built = shells.get(withLogos);
  if (!built) {
    built = readFile(prebuiltShellFile(withLogos))
      .catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        const { shellPackage } = await import('./docx-layout.js');
        return shellPackage(withLogos);
      })
      .then((bytes) => shellFromPackage(bytes, NUMBERING));
    shells.set(withLogos, built);
    built.catch(() => shells.delete(withLogos));
  }
  return built;
}

/** Builds the DOCX bytes of a rendered Markdown document. */
export async function buildDocx(markdownText: string, metadata: DocxMetadata): Promise<Buffer> {
  return docxOfBlocks(blocksOf(markdownText), metadata);
}

/** The DOCX bytes of a document's blocks. */
export async function docxOfBlocks(body: readonly BlockSpec[], metadata: DocxMetadata): Promise<Buffer> {
  const logos = metadata.logos?.length ? { images: logoImages(metadata.logos), tabStop: LOGO_TAB_STOP } : undefined;
  const parts = documentParts(await shell(logos !== undefined), {
    body,
    logos,
    properties: {
      title: metadata.title,
      subject: metadata.subject,
      creator: metadata.creator,
      description: DESCRIPTION,
      date: metadata.dateSignature,
      language: 'fr-FR',
      custom: metadata.sourceSha256 ? [{ name: 'SourceSHA256', value: metadata.sourceSha256 }] : [],
    },
  });
  // Zip entries carry DOS times, read in local time: a local noon is the same noon in every zone.
  const [year, month, day] = metadata.dateSignature.split('-').map(Number) as [number, number, number];
  return zipParts(parts, new Date(year, month - 1, day, 12, 0, 0));
}
