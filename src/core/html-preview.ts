/**
 * The HTML preview `convention serve` shows beside its form: the same blocks the DOCX is written
 * from (the Markdown of render.ts read by docx.ts's `blocksOf`, typography and joined runs
 * included), written as semantic HTML instead of WordprocessingML. Nothing is derived again: a text
 * of the preview is a run's text of the DOCX, HTML-escaped.
 *
 * What the preview is not: a page layout. Pages, the first page's logos and the footer are the
 * DOCX's (and the PDF's); the preview follows the text as the user types.
 *
 * Safety: every text is escaped here (`escapeHtml`), and the only markup is the fixed set of
 * elements written below, with fixed class names; no attribute ever carries a value from the YAML
 * (a list's `start` is a number we count). The app sets this string as HTML for that reason alone,
 * and its Content-Security-Policy forbids inline scripts besides.
 *
 * This module loads no DOCX library (docx.ts is our own writer), so the server can call it on
 * each keystroke without the cost of a render's packing.
 */
import { blocksOf } from './docx.js';
import type { BlockSpec, ParagraphSpec, RunSpec, TableSpec } from './ooxml/wordml.js';
import type { RenderedDocument } from './render.js';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text (or a quoted attribute value): the five characters HTML reads as markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Word's heading styles (docx.ts) to HTML levels: the title is h1, an article h2, or h3 under a TITRE. */
function headingLevel(style: string | undefined): number | null {
  if (style === 'Title') return 1;
  const match = /^Heading([1-9])$/.exec(style ?? '');
  return match ? Math.min(Number(match[1]) + 1, 6) : null;
}

const ALIGNMENT_CLASS = { left: 'a-gauche', center: 'a-centre', both: 'a-justifie' } as const;

function runsHtml(runs: readonly RunSpec[]): string {
  let html = '';
  for (const run of runs) {
    if ('break' in run) {
      html += '<br/>';
      continue;
    }
    let text = escapeHtml(run.text);
    if (run.italics) text = `<em>${text}</em>`;
    if (run.bold) text = `<strong>${text}</strong>`;
    html += text;
  }
  return html;
}

function classAttribute(paragraph: ParagraphSpec): string {
  const classes: string[] = [];
  if (paragraph.alignment) classes.push(ALIGNMENT_CLASS[paragraph.alignment]);
  // An annex starts on a new page in the DOCX: a visible separation here.
  if (paragraph.pageBreakBefore) classes.push('saut-de-page');
  return classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
}

function paragraphHtml(paragraph: ParagraphSpec): string {
  const level = headingLevel(paragraph.style);
  const tag = level === null ? 'p' : `h${level}`;
  return `<${tag}${classAttribute(paragraph)}>${runsHtml(paragraph.runs)}</${tag}>`;
}

/** A paragraph that announces a table (a lead-in ending with « : », or a bold label): its caption. */
function isCaption(paragraph: ParagraphSpec): boolean {
  if (paragraph.list || headingLevel(paragraph.style) !== null) return false;
  const text = paragraph.runs.map((run) => ('break' in run ? '' : run.text)).join('').trim();
  if (text === '') return false;
  return text.endsWith(':') || paragraph.runs.every((run) => 'break' in run || run.bold === true || run.text.trim() === '');
}

function cellParagraphsHtml(paragraphs: readonly ParagraphSpec[]): string {
  return paragraphs.map((paragraph) => `<p>${runsHtml(paragraph.runs)}</p>`).join('');
}

/**
 * The signature blocks (the table without borders docx.ts writes for `::: signatures`): a party's
 * block is a group of its own, not a data table.
 */
function signaturesHtml(table: TableSpec): string {
  const rows = table.rows.map(
    (row) =>
      `<div class="signatures-ligne">${row.cells.map((cell) => `<div class="signature">${cellParagraphsHtml(cell.paragraphs)}</div>`).join('')}</div>`,
  );
  return `<div class="signatures">${rows.join('')}</div>`;
}

function tableHtml(table: TableSpec, caption: ParagraphSpec | null): string {
  if (table.border.style === 'none') return signaturesHtml(table);
  const header = table.rows.filter((row) => row.header);
  const body = table.rows.filter((row) => !row.header);
  const rowsHtml = (rows: typeof table.rows, cellTag: 'th' | 'td') =>
    rows
      .map(
        (row) =>
          `<tr>${row.cells.map((cell) => `<${cellTag}${cellTag === 'th' ? ' scope="col"' : ''}>${cellParagraphsHtml(cell.paragraphs)}</${cellTag}>`).join('')}</tr>`,
      )
      .join('');
  return (
    '<table>' +
    (caption ? `<caption>${runsHtml(caption.runs)}</caption>` : '') +
    (header.length > 0 ? `<thead>${rowsHtml(header, 'th')}</thead>` : '') +
    `<tbody>${rowsHtml(body, 'td')}</tbody></table>`
  );
}

/**
 * Word's list paragraphs (each with its list, level and instance) as nested `ol`/`ul`. A numbered
 * list interrupted by other blocks goes on counting in Word (same instance): its `start` says so.
 */
class ListWriter {
  private readonly open: { tag: 'ol' | 'ul'; level: number; key: string }[] = [];
  private readonly counts = new Map<string, number>();
  html = '';

  item(paragraph: ParagraphSpec & { list: NonNullable<ParagraphSpec['list']> }): void {
    const { reference, level, instance } = paragraph.list;
    const tag = reference === 'numeros' ? 'ol' : 'ul';
    const key = `${reference}-${instance}-${level}`;
    while (this.open.length > 0 && this.open.at(-1)!.level > level) this.closeOne();
    const top = this.open.at(-1);
    if (top && top.level === level && top.key !== key) this.closeOne();
    const current = this.open.at(-1);
    if (current && current.level === level) {
      this.html += '</li>';
    } else {
      const count = this.counts.get(key) ?? 0;
      this.html += tag === 'ol' && count > 0 ? `<ol start="${count + 1}">` : `<${tag}>`;
      this.open.push({ tag, level, key });
    }
    if (tag === 'ol') {
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      // Word restarts the deeper levels of a list at each item of a higher one.
      for (const other of [...this.counts.keys()]) {
        const [otherReference, otherInstance, otherLevel] = other.split('-');
        if (otherReference === reference && Number(otherInstance) === instance && Number(otherLevel) > level) this.counts.delete(other);
      }
    }
    this.html += `<li>${runsHtml(paragraph.runs)}`;
  }

  private closeOne(): void {
    const list = this.open.pop()!;
    this.html += `</li></${list.tag}>`;
  }

  close(): string {
    while (this.open.length > 0) this.closeOne();
    const html = this.html;
    this.html = '';
    return html;
  }
}

/** The HTML of a document's blocks (what `docxOfBlocks` writes as the DOCX's body). */
export function blocksHtml(blocks: readonly BlockSpec[]): string {
  const parts: string[] = [];
  const lists = new ListWriter();
  blocks.forEach((block, index) => {
    if (block.kind === 'paragraph' && block.list) {
      lists.item(block as ParagraphSpec & { list: NonNullable<ParagraphSpec['list']> });
      return;
    }
    const list = lists.close();
    if (list !== '') parts.push(list);
    const next = blocks[index + 1];
    if (block.kind === 'paragraph') {
      // A lead-in before a bordered table is written once, as the table's caption.
      if (next?.kind === 'table' && next.border.style !== 'none' && isCaption(block)) return;
      parts.push(paragraphHtml(block));
    } else {
      const previous = blocks[index - 1];
      const caption = previous?.kind === 'paragraph' && block.border.style !== 'none' && isCaption(previous) ? previous : null;
      parts.push(tableHtml(block, caption));
    }
  });
  const list = lists.close();
  if (list !== '') parts.push(list);
  return parts.join('\n');
}

/**
 * The preview of a rendered convention: the document, then each annex the model keeps as a
 * document of its own (a DOCX of its own beside the convention's), each as an `article`. Blocks
 * alone (one document) are accepted too.
 */
export function previewHtml(source: RenderedDocument | readonly BlockSpec[]): string {
  if (Array.isArray(source)) return `<article class="document">\n${blocksHtml(source as readonly BlockSpec[])}\n</article>\n`;
  const rendered = source as RenderedDocument;
  return [rendered.document, ...rendered.annexes.map((annex) => annex.markdown)]
    .map((markdown, index) => `<article class="document${index > 0 ? ' document-annexe' : ''}">\n${blocksHtml(blocksOf(markdown))}\n</article>\n`)
    .join('');
}
