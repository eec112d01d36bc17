/**
 * Facts that depend on the signature date and the caisse's territory, checked on every document
 * the examples and valid fixtures make, whatever their type (cases found in the folders):
 * - no aide médicale de l'État in a convention of a caisse of Mayotte (postal codes 976…);
 * - no Complémentaire santé solidaire before 1 November 2019, no CMU-C or ACS from then on;
 * - no Mon espace santé before 2022;
 * - the COG cited, if any, is the one in force at the signature date;
 * - no recall of summer 2020 and COVID-19 (the tripartite national model's words) from 2023 on;
 * - Pôle emploi named before 1 January 2024 only, France Travail from then on, save in the visa
 *   recalling the national convention of 2020 and its renaming.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildDocument, checkFile } from '../../src/core/pipeline.js';
import { extractText } from '../support/docx-text.js';
import { EXAMPLES, FIXTURES } from '../support/paths.js';

interface Case {
  file: string;
  date: string;
  mayotte: boolean;
}

const cases: Case[] = [
  ...readdirSync(EXAMPLES).map((f) => join(EXAMPLES, f)),
  ...readdirSync(join(FIXTURES, 'valid')).map((f) => join(FIXTURES, 'valid', f)),
]
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => {
    const data = parse(readFileSync(file, 'utf8')) as { signature: { date: string }; parties: { adresse: { code_postal: string } }[] };
    return { file, date: String(data.signature.date), mayotte: data.parties.some((p) => String(p.adresse.code_postal).startsWith('976')) };
  });

/** The COG in force on a date, as the years it spans. */
const cog = (date: string) => (date < '2023-01-01' ? '2018-2022' : '2023-2027');

test('the cases include a convention of Mayotte, one before the CSS and one from each side of 2024', () => {
  expect(cases.some((c) => c.mayotte)).toBe(true);
  expect(cases.some((c) => c.date < '2019-11-01')).toBe(true);
  expect(cases.some((c) => c.date < '2024-01-01' && c.date >= '2019-11-01')).toBe(true);
  expect(cases.some((c) => c.date >= '2024-01-01')).toBe(true);
});

test.each(cases.map((c) => [c.file.slice(c.file.lastIndexOf('/') + 1), c] as const))('%s cites only what is true at its date and place', async (_name, c) => {
  const result = await checkFile(c.file, { today: '2025-06-30' });
  const { document, annexes } = await buildDocument(result.loaded!, [], result.logos);
  const text = [await extractText(document), ...(await Promise.all(annexes.map((a) => extractText(a.bytes))))].join('\n');
  if (c.mayotte) expect(text).not.toMatch(/\bAME\b|aide médicale de l’État/i);
  if (c.date < '2019-11-01') expect(text).not.toMatch(/Complémentaire santé solidaire|\bCSS\b/i);
  else expect(text).not.toMatch(/CMU-C|\bACS\b/);
  if (c.date < '2022-01-01') expect(text).not.toMatch(/Mon espace santé/i);
  if (c.date >= '2023-01-01') expect(text).not.toMatch(/COVID-19|été 2020/);
  for (const cited of text.matchAll(/Objectifs et de Gestion (\d{4}-\d{4})/g)) expect(cited[1]).toBe(cog(c.date));
  // Outside the visa that recalls the renaming, the operator is named by the date.
  const outsideVisa = text.replace(/Pôle emploi, devenu France Travail/g, '').replace(/entre la Cnam et Pôle emploi le|et Pôle emploi, et notamment|Caisse nationale de l’Assurance Maladie \(Cnam\) et Pôle emploi/g, '');
  if (c.date >= '2024-01-01' && /France Travail/.test(text)) expect(outsideVisa).not.toMatch(/Pôle emploi/);
  if (c.date < '2024-01-01') expect(text).not.toMatch(/France Travail/);
});
