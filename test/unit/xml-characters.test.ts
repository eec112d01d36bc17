/**
 * The package is well-formed XML whatever text it is given: every part parses (@xmldom/xmldom), and
 * none holds a character XML 1.0 forbids — checked separately, as xmldom accepts them. A forbidden
 * character is refused as a template error (values never bring one: validate refuses them), never
 * dropped without a word.
 */
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { buildDocx, type DocxMetadata } from '../../src/core/docx.js';
import { RenderError } from '../../src/core/errors.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 1000 : 200));
const METADATA: DocxMetadata = { title: 'Titre', subject: 'Objet', creator: 'Caisse', dateSignature: '2025-06-30' };
/** What XML 1.0's `Char` production leaves out. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function expectWellFormed(bytes: Uint8Array): void {
  for (const [path, data] of Object.entries(unzipSync(bytes))) {
    if (!/\.(xml|rels)$/.test(path)) continue;
    const xml = strFromU8(data);
    const errors: string[] = [];
    new DOMParser({ onError: (level: string, message: string) => void errors.push(`${level}: ${message}`) }).parseFromString(xml, 'text/xml');
    expect([path, errors]).toEqual([path, []]);
    expect([path, NOT_XML_CHAR.exec(xml)?.[0]]).toEqual([path, undefined]);
  }
}

/** Markdown-ish text where any UTF-16 code unit may occur, controls and lone surrogates included. */
const codeUnit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'ab é«»\'’:;!?&<>"#*_-+=|~`[]()\\\n'.split('')) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\uD83C\uDFE5', '\u0085', '\u2028', '\u007F') },
);
const text = fc.array(codeUnit, { maxLength: 60 }).map((units) => units.join(''));

test(`any text: a well-formed package, or a template error (${RUNS} cas)`, async () => {
  await fc.assert(
    fc.asyncProperty(text, fc.constantFrom('paragraph', 'title', 'list', 'cell', 'metadata'), async (value, where) => {
      const markdown = {
        paragraph: `Texte ${value} fin.\n`,
        title: `# ${value}\n`,
        list: `- ${value}\n`,
        cell: `::: grille\n${value}\n|||\nb\n:::\n`,
        metadata: 'Texte.\n',
      }[where];
      const metadata = where === 'metadata' ? { ...METADATA, title: value, creator: value } : METADATA;
      let bytes: Buffer;
      try {
        bytes = await buildDocx(markdown, metadata);
      } catch (error) {
        expect(error).toBeInstanceOf(RenderError);
        return;
      }
      expectWellFormed(bytes);
      // Nothing forbidden was dropped on the way: a forbidden character in the text is an error.
      if (where === 'metadata') expect(NOT_XML_CHAR.test(value)).toBe(false);
    }),
    { numRuns: RUNS, seed: 20261130 },
  );
});

const FORBIDDEN = ['\u0001', '\u000B', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDC00'];
test.each(FORBIDDEN.map((c) => [c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'), c]))('U+%s in the text is a template error naming it', async (code, character) => {
  const error = await buildDocx(`Un paragraphe avec ${character} au milieu.\n`, METADATA).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RenderError);
  expect((error as RenderError).code).toBe('gabarit-caractere-interdit');
  expect((error as RenderError).message).toContain(`U+${code}`);
  expect((error as RenderError).message).toContain('Un paragraphe avec');
});

test('tab, line feed and characters outside the BMP are kept', async () => {
  const bytes = await buildDocx('a\tb 🏥 c\n', METADATA);
  expectWellFormed(bytes);
  expect(strFromU8(unzipSync(bytes)['word/document.xml']!)).toContain('a\tb 🏥 c');
});
