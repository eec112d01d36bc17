/**
 * Rules a program can check on a rendered PDF's pages (poppler's `pdftotext -layout`, one page per
 * form feed), given what the DOCX says must not end a page: headings, bold labels, lead-ins ending
 * in « : », tables' captions; the signature table; the annexes' titles.
 */
import { spawnSync } from 'node:child_process';
import { readPart } from './docx-text.js';

/** Spaces of every kind as one, joiners dropped: how text compares across the DOCX and the PDF. */
export const flat = (text: string) =>
  text
    .replace(/\u2060/g, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();

/** Each page's non-empty lines, the footer ("Page 3 sur 7") left out. */
export function pdfPages(pdf: string): string[][] {
  const run = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`pdftotext : ${run.stderr}`);
  const pages = run.stdout.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages.map((page) =>
    page
      .split('\n')
      .map(flat)
      .filter((line) => line !== '' && !/^Page \d+ sur \d+$/.test(line)),
  );
}

const decode = (xml: string) => xml.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
const textOf = (xml: string) => flat(decode([...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')));

export interface DocumentMarks {
  /** Paragraphs that announce what follows and must not end a page. */
  announcing: string[];
  /** Of those, the ones whose DOCX does not ask to keep them with the next paragraph (w:keepNext, here or in a heading style). */
  unkept: string[];
  /** Paragraphs a page break follows: they end their page whatever they are. */
  beforeBreak: string[];
  /** Titles of the annexes kept in the document. */
  annexes: string[];
  /** The signature table's lines of text (function, name). */
  signatures: string[];
  /** Paragraphs between the signature table and the next page break (a letterhead): they belong to the signature page. */
  afterSignatures: string[];
}

/** What the rules need from a DOCX's body, read from its XML as any reader would. */
export async function documentMarks(docx: Buffer): Promise<DocumentMarks> {
  const body = await readPart(docx, 'word/document.xml');
  const top = body.slice(body.indexOf('<w:body>') + 8);
  // Top-level blocks: paragraphs and whole tables, in order.
  const blocks = [...top.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p>[\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) => m[0]);
  const marks: DocumentMarks = { announcing: [], unkept: [], beforeBreak: [], annexes: [], signatures: [], afterSignatures: [] };
  let signaturesSeen = false;
  let pageBroken = false;
  blocks.forEach((block, index) => {
    if (block.startsWith('<w:tbl>')) {
      // The signature table: the one without borders, after "Fait à …".
      if (/w:val="none"/.test(block) && /^Fait à /.test(textOf(blocks[index - 1] ?? ''))) {
        signaturesSeen = true;
        for (const [paragraph] of block.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)) {
          const text = textOf(paragraph);
          if (text !== '') marks.signatures.push(text);
        }
      }
      return;
    }
    const text = textOf(block);
    if (block.includes('<w:pageBreakBefore/>')) pageBroken = true;
    if (signaturesSeen && !pageBroken && text !== '') marks.afterSignatures.push(text);
    if (text === '') return;
    const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(block)?.[1] ?? '';
    const runs = [...block.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]!).filter((run) => /<w:t[^>]*>[^<]*\S/.test(run));
    const bold = runs.length > 0 && runs.every((run) => run.includes('<w:b/>'));
    const next = blocks[index + 1];
    const caption = next?.startsWith('<w:tbl>') === true;
    // What comes before a page break (the last paragraph before the annexes) ends its page anyway.
    const lastOfPage = next === undefined || next.includes('<w:pageBreakBefore/>');
    if (lastOfPage) marks.beforeBreak.push(text);
    if (!lastOfPage && (/^Heading\d$/.test(style) || bold || caption || text.endsWith(':'))) {
      marks.announcing.push(text);
      if (!/^Heading\d$/.test(style) && !block.includes('<w:keepNext/>')) marks.unkept.push(text);
    }
    if (/^Heading1$/.test(style) && /^Annexe /.test(text)) marks.annexes.push(text);
  });
  return marks;
}

/** Where the rules are broken, in French, one line per problem (none: the pages break well). */
export function pageProblems(pages: readonly string[][], marks: DocumentMarks): string[] {
  const problems: string[] = marks.unkept.map((text) => `« ${text} » n'est pas gardé avec le paragraphe suivant dans le DOCX`);
  pages.forEach((lines, index) => {
    const last = lines.at(-1);
    // The last line is the end of a paragraph that announces what follows.
    const breaks = last !== undefined && marks.beforeBreak.some((text) => text.endsWith(last));
    if (last !== undefined && index < pages.length - 1 && !breaks) {
      const ended = marks.announcing.find((text) => last.length >= 3 && text.endsWith(last));
      if (ended !== undefined || last.endsWith(':')) problems.push(`page ${index + 1} finit par « ${ended ?? last} »`);
    }
  });
  if (marks.signatures.length > 0) {
    const page = pages.findIndex((lines) => lines.some((line) => line.startsWith('Fait à ')));
    if (page === -1) problems.push('pas de « Fait à »');
    else {
      const lines = pages[page]!;
      // Cells side by side share lines in the page's text: each word of a block is looked for.
      const words = new Set(lines.join(' ').split(/[\s-]+/));
      for (const signature of [...marks.signatures, ...marks.afterSignatures]) {
        if (!signature.split(/[\s-]+/).every((word) => words.has(word))) problems.push(`« ${signature} » n'est pas sur la page de « Fait à » (${page + 1})`);
      }
      if (lines.findIndex((line) => line.startsWith('Fait à ')) === 0) problems.push(`page ${page + 1} : « Fait à » sans texte de clause au-dessus`);
    }
  }
  for (const annex of marks.annexes) {
    // The annex's title is the first line of a page (its first words: a long title wraps).
    const starts = pages.some((lines) => lines[0] !== undefined && lines[0].length >= 8 && annex.startsWith(lines[0]));
    if (!starts) problems.push(`« ${annex} » ne commence pas une page`);
  }
  return problems;
}
