/**
 * A template belongs to a type, never to one example: replace, everywhere in an example's data, its
 * parties' names, places and people by others, and the document names the new ones and none of the
 * old — an old name left behind could only come from a template.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseConvention } from '../../src/core/load.js';
import { buildDocument } from '../../src/core/pipeline.js';
import { validateConvention } from '../../src/core/validate.js';
import { extractText } from '../support/docx-text.js';
import { EXAMPLES } from '../support/paths.js';

interface Party {
  nom: string;
  nom_court: string;
  adresse: { commune: string; voie: string };
  representant: { nom: string };
}

const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));

test.each(examples)('%s with other parties names only them', async (example) => {
  const original = parse(readFileSync(join(EXAMPLES, example), 'utf8')) as { parties: Party[] };
  const replacements: [string, string][] = [];
  original.parties.forEach((party, i) => {
    const letter = 'ABCDEFGH'[i]!;
    replacements.push(
      [party.nom, `Organisme Témoin ${letter} à nom long`],
      [party.nom_court, `Organisme Témoin ${letter}`],
      [party.adresse.voie, `${i + 7} rue du Témoin ${letter}`],
      [party.adresse.commune, `Villetémoin-${letter}`],
      [party.representant.nom, `Témoinnom${letter}`],
    );
  });
  // Two parties may share a town: one replacement per old value. Longest first, so that a short
  // name inside a longer one is not replaced half-way.
  const pairs = [...new Map(replacements)].sort((a, b) => b[0].length - a[0].length);
  let json = JSON.stringify(original);
  for (const [before, after] of pairs) json = json.split(before).join(after);
  const parsed = parseConvention(stringify(JSON.parse(json)), example);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  expect((await validateConvention(parsed.value)).filter((p) => p.severity === 'error')).toEqual([]);
  const built = await buildDocument(parsed.value);
  const text = (await Promise.all([built.document, ...built.annexes.map((a) => a.bytes)].map(extractText))).join('\n');
  const plain = text.replace(/[\u00a0\u202f]/g, ' ').replace(/’/g, "'");
  for (const [, after] of pairs) expect(plain).toContain(after.replace(/^Témoinnom/, 'TÉMOINNOM'));
  for (const [before] of pairs) {
    for (const form of new Set([before, before.toLocaleUpperCase('fr-FR')])) {
      expect(`${form} : ${plain.includes(form) ? 'encore dans le document' : 'absent'}`).toBe(`${form} : absent`);
    }
  }
});
