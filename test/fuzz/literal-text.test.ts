/**
 * Free text is printed as written: a value given in the YAML comes back, read from the DOCX by an
 * independent reader (mammoth), exactly — whatever Markdown, HTML, URL or entity syntax it holds.
 * render.ts escapes values for Markdown and docx.ts reads the escapes back; this property checks
 * that the two agree for any string, up to the engine's documented typography: the apostrophe
 * becomes ’, and no-break spaces are put (or spaces made no-break) around « », before : ; ! ? and
 * in numbers — so spaces are left out of the comparison, and ’ compared as '.
 *
 * FUZZ_RUNS sets the number of cases (1 000 in CI, 100 by default), FUZZ_SEED the seed.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConvention } from '../../src/core/load.js';
import { buildDocument } from '../../src/core/pipeline.js';
import { hasErrors } from '../../src/core/problem.js';
import { validateConvention } from '../../src/core/validate.js';
import { extractText } from '../support/docx-text.js';
import { EXAMPLES } from '../support/paths.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 1000 : 100));
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const TIMEOUT_MS = 60_000 + RUNS * 1_000;

const EXAMPLE = readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8');
/** A free field printed inside a paragraph: the mayor's title, after his name. */
const FIELD = 'qualite: Maire de Marolles-en-Hurepoix';

/** Characters Markdown, HTML, URLs, entities and our typography give a meaning to, and plain ones. */
const special = fc.constantFrom(
  ...'\\`*_{}[]()<>#+-=.!|~:;?&%$@"\'’«»/^'.split(''),
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
);
const plain = fc.constantFrom('a', 'É', 'z', '0', '1', '9', 'é', 'ç', 'مر', '🏥', 'ß');
const fragment = fc.constantFrom(
  'https://x.test/page_2#ancre?a=1&b=2',
  '<http://y.test>',
  'www.a_b.fr',
  'dpo@cpam.fr',
  '&amp;',
  '&lt;b&gt;',
  '&#39;',
  '&nbsp;',
  '**gras**',
  '__a__',
  '~~barré~~',
  '`code`',
  '[lien](http://x)',
  '![img](x.png)',
  '<w:p/>',
  '<!-- c -->',
  '{{x}}',
  '1. ',
  '- ',
  '> ',
  '# ',
  ':::',
  '|||',
  '+++',
  '---',
  '===',
  '\\*',
  '\\\\',
  '\n\n    ',
  '\n\n\t',
  '\n   \n',
);
const value = fc
  .array(fc.oneof({ weight: 3, arbitrary: special }, { weight: 3, arbitrary: plain }, { weight: 1, arbitrary: fragment }), {
    minLength: 1,
    maxLength: 24,
  })
  .map((parts) => parts.join(''));

// U+2060 (word joiner): put after the hyphens of an address so that it never breaks there (README:
// « les pages se coupent bien ») — invisible, and not in the PDF's text; a deliberate difference, not a change of text.
const canonical = (text: string) => text.normalize('NFC').replace(/’/g, "'").replace(/[\s\u00a0\u202f\u2060]+/gu, '');

test(`a free-text value is printed as written, read back from the DOCX by mammoth (${RUNS} cas)`, async () => {
  let rendered = 0;
  await fc.assert(
    fc.asyncProperty(value, async (text) => {
      const parsed = parseConvention(EXAMPLE.replace(FIELD, () => `qualite: ${JSON.stringify(text)}`), 'valeur.yaml');
      // A value validate refuses (blank, a placeholder such as "xxx") says nothing about printing.
      fc.pre(parsed.ok);
      if (!parsed.ok) return;
      fc.pre(!hasErrors(await validateConvention(parsed.value, { today: '2099-12-31' })));
      rendered++;
      const printed = canonical(await extractText((await buildDocument(parsed.value)).document));
      expect([text, printed.includes(canonical(text))]).toEqual([text, true]);
    }),
    { numRuns: RUNS, seed: SEED },
  );
  // The property is about printing: most cases must get that far.
  expect(rendered).toBeGreaterThan(RUNS / 2);
}, TIMEOUT_MS);
