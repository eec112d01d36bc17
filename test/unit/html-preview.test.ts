/**
 * The HTML preview of `convention serve` (src/core/html-preview.ts):
 * - every text is escaped: whatever a value holds, the only markup of the preview is its own fixed
 *   set of elements, and the text reads back as the value (fast-check over arbitrary strings, through
 *   the whole Markdown path a YAML value takes: escapeMarkdown → blocksOf → preview);
 * - for every example, the preview's text is the DOCX's text as an independent reader (mammoth)
 *   gives it, word for word, French typography (no-break spaces) included;
 * - the structure follows the DOCX's: headings at the outline levels of its heading styles, lists,
 *   tables with their header cells, the signature blocks.
 */
import { DOMParser, type Element as XmlElement, type Node as XmlNode } from '@xmldom/xmldom';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { blocksOf, buildDocx } from '../../src/core/docx.js';
import { blocksHtml, escapeHtml, previewHtml } from '../../src/core/html-preview.js';
import { composeModel } from '../../src/core/pipeline.js';
import { escapeMarkdown, renderMarkdown, templatesFor } from '../../src/core/render.js';
import type { ParagraphSpec } from '../../src/core/ooxml/wordml.js';
import { extractText } from '../support/docx-text.js';
import { EXAMPLES } from '../support/paths.js';

/** The elements (and attributes) the preview may write: anything else came from data. */
const ELEMENTS = new Set(['div', 'article', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'br', 'ol', 'ul', 'li', 'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td']);
const ATTRIBUTES = new Set(['class', 'scope', 'start']);
/** Elements after which a reader starts a new line. */
const BLOCKS = new Set(['article', 'div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'caption', 'tr', 'th', 'td', 'ol', 'ul', 'table']);

/** The preview parsed strictly (it is written as well-formed XHTML: an unbalanced tag fails here). */
function parsePreview(html: string): XmlElement {
  const errors: string[] = [];
  const document = new DOMParser({ onError: (level, message) => void (level !== 'warning' && errors.push(message)) }).parseFromString(
    `<div>${html}</div>`,
    'text/xml',
  );
  if (errors.length > 0) throw new Error(`aperçu mal formé : ${errors.join('; ')}`);
  return document.documentElement!;
}

function elementsOf(node: XmlNode, out: XmlElement[] = []): XmlElement[] {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.ELEMENT_NODE) {
      out.push(child as XmlElement);
      elementsOf(child, out);
    }
  }
  return out;
}

/** The text a reader of the HTML gets: blocks on lines of their own, a `br` a line end. */
function readerText(node: XmlNode): string {
  let text = '';
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === child.TEXT_NODE) text += child.nodeValue ?? '';
    else if (child.nodeType === child.ELEMENT_NODE) {
      const name = (child as XmlElement).localName ?? '';
      if (name === 'br') text += '\n';
      else if (BLOCKS.has(name)) text += `\n${readerText(child)}\n`;
      else text += readerText(child);
    }
  }
  return text;
}

/** Words separated by any run of ordinary white space; no-break spaces stay inside their words. */
function words(text: string): string {
  return text.split(/[ \t\r\n]+/).filter(Boolean).join(' ');
}

function expectOnlyOwnMarkup(root: XmlElement): void {
  for (const element of elementsOf(root)) {
    expect(ELEMENTS).toContain(element.localName);
    for (let i = 0; i < element.attributes.length; i++) expect(ATTRIBUTES).toContain(element.attributes.item(i)!.name);
  }
}

describe('HTML preview: escaping', () => {
  test('the five characters HTML reads as markup are escaped', () => {
    expect(escapeHtml(`<script>"a" & 'b'</script>`)).toBe('&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;');
  });

  test('any value, through the Markdown path a YAML value takes, gives only the preview’s own markup and reads back as typed', () => {
    // Text as a value of the YAML: HTML, Markdown and entity syntax mixed with any Unicode.
    const fragment = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '&lt;', '&amp;', '<!--', ']]>', "' onmouseover='x", '**gras**', '- ', '1. ', '&#32;'),
    );
    fc.assert(
      fc.property(fc.array(fragment, { minLength: 1, maxLength: 6 }), (parts) => {
        const value = parts.join('');
        // A value is a run of one paragraph (render.ts escapes it; docx.ts reads it back).
        const markdown = `Avant ${escapeMarkdown(value)} après.\n`;
        let blocks;
        try {
          blocks = blocksOf(markdown);
        } catch {
          return; // refused by the DOCX writer as well (never a preview of what the DOCX refuses)
        }
        const html = blocksHtml(blocks);
        const root = parsePreview(html.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/gu, ''));
        expectOnlyOwnMarkup(root);
        // The text is the DOCX's runs' text, character for character.
        const runs = blocks.flatMap((b) => (b.kind === 'paragraph' ? b.runs : [])).map((r) => ('break' in r ? '\n' : r.text));
        expect(html).not.toMatch(/<(?!\/?(?:p|strong|em|br|ol|ul|li|h[1-6])\b)/);
        expect(readerText(root).replace(/\n/g, '')).toBe(runs.join('').replace(/\n/g, '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/gu, ''));
      }),
      { seed: 20261130, numRuns: 500 },
    );
  });
});

/** Every example: its Markdown, the DOCX of the document and of each separate annex, the preview. */
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();

describe('HTML preview: the DOCX’s text and structure', () => {
  test.each(examples)('%s: the preview’s text is the DOCX’s text (mammoth), word for word', async (file) => {
    const data = parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Record<string, unknown>;
    const model = await composeModel(data);
    const rendered = renderMarkdown(model, await templatesFor());
    const html = previewHtml(rendered);
    const root = parsePreview(html);
    expectOnlyOwnMarkup(root);
    const docxTexts: string[] = [];
    for (const markdown of [rendered.document, ...rendered.annexes.map((annex) => annex.markdown)]) {
      docxTexts.push(await extractText(await buildDocx(markdown, model.meta)));
    }
    expect(words(readerText(root))).toBe(words(docxTexts.join('\n')));
    // One article per DOCX: the convention, then each separate annex.
    expect(elementsOf(root).filter((e) => e.localName === 'article')).toHaveLength(1 + rendered.annexes.length);
  });

  test.each(examples)('%s: headings at the DOCX’s outline levels, lists, tables and signature blocks', async (file) => {
    const data = parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Record<string, unknown>;
    const rendered = renderMarkdown(await composeModel(data), await templatesFor());
    for (const markdown of [rendered.document, ...rendered.annexes.map((annex) => annex.markdown)]) {
      const blocks = blocksOf(markdown);
      const root = parsePreview(blocksHtml(blocks));
      const all = elementsOf(root);
      const paragraphs = blocks.filter((b): b is ParagraphSpec => b.kind === 'paragraph');
      // Each heading style, in order, as the heading of its level: Title h1, Heading1 h2, Heading2 h3…
      const expectedHeadings = paragraphs
        .filter((p) => p.style !== undefined)
        .map((p) => (p.style === 'Title' ? 'h1' : `h${Number(p.style!.replace('Heading', '')) + 1}`));
      expect(all.filter((e) => /^h[1-6]$/.test(e.localName ?? '')).map((e) => e.localName)).toEqual(expectedHeadings);
      // Each list paragraph an item.
      expect(all.filter((e) => e.localName === 'li')).toHaveLength(paragraphs.filter((p) => p.list).length);
      // Bordered tables as tables with their header cells; borderless ones (signatures) as blocks.
      const tables = blocks.filter((b) => b.kind === 'table');
      expect(all.filter((e) => e.localName === 'table')).toHaveLength(tables.filter((t) => t.border.style !== 'none').length);
      expect(all.filter((e) => e.localName === 'th')).toHaveLength(
        tables.flatMap((t) => t.rows.filter((r) => r.header)).reduce((n, r) => n + r.cells.length, 0),
      );
      const signatureCells = tables.filter((t) => t.border.style === 'none').flatMap((t) => t.rows.flatMap((r) => r.cells));
      expect(all.filter((e) => e.getAttribute('class') === 'signature')).toHaveLength(signatureCells.length);
    }
  });

  test('a value with HTML in a real convention is text in the preview', async () => {
    const file = examples.find((f) => f.startsWith('locale-ccas'))!;
    const data = parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { parties: { nom: string }[] };
    data.parties[0]!.nom = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';
    const html = previewHtml(renderMarkdown(await composeModel(data as unknown as Record<string, unknown>), await templatesFor()));
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expectOnlyOwnMarkup(parsePreview(html));
  });

  test('numbered lists interrupted by other blocks go on counting, as Word’s list instance does', () => {
    const html = blocksHtml(blocksOf('1. un\n2. deux\n\n- puce\n\nTexte.\n\n1. trois\n'));
    // Two Markdown lists are two instances (Word restarts): the second starts at 1 again.
    expect(html).toBe('<ol><li>un</li><li>deux</li></ol><ul><li>puce</li></ul>\n<p class="a-justifie">Texte.</p>\n<ol><li>trois</li></ol>');
    const same = blocksHtml([
      { kind: 'paragraph', runs: [{ text: 'un' }], list: { reference: 'numeros', level: 0, instance: 1 } },
      { kind: 'paragraph', runs: [{ text: 'texte' }] },
      { kind: 'paragraph', runs: [{ text: 'deux' }], list: { reference: 'numeros', level: 0, instance: 1 } },
      { kind: 'paragraph', runs: [{ text: 'deux a' }], list: { reference: 'numeros', level: 1, instance: 1 } },
    ]);
    expect(same).toBe('<ol><li>un</li></ol>\n<p>texte</p>\n<ol start="2"><li>deux<ol><li>deux a</li></ol></li></ol>');
  });
});
