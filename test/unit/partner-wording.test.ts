/**
 * The partner's nature drives the wording of a local convention with a partner other than a CCAS
 * (type locale-partenaire): no phrase of the CCAS conventions reaches an association's convention,
 * whose volunteers are named; the same convention with a Département's services as partner names
 * its social workers instead (so the check below reads text that does change with the nature).
 * Cases: every example and valid fixture of the type whose partner is an association.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { buildDocument, checkFile } from '../../src/core/pipeline.js';
import { extractText } from '../support/docx-text.js';
import { EXAMPLES, FIXTURES, temporaryFolder } from '../support/paths.js';

/** Phrases of the CCAS conventions (templates/locale-ccas) that only a CCAS or a CIAS may carry. */
const CCAS_ONLY = [/\bC[CI]AS\b/, /UNCCAS/, /action sociale \(C/i, /[Cc]entres? (inter)?communa(l|ux)/, /travailleurs sociaux/, /personnels? du/];

const associationCases = [
  ...readdirSync(EXAMPLES).map((f) => join(EXAMPLES, f)),
  ...readdirSync(join(FIXTURES, 'valid')).map((f) => join(FIXTURES, 'valid', f)),
]
  .filter((f) => f.endsWith('.yaml'))
  .filter((f) => {
    const data = parse(readFileSync(f, 'utf8')) as { type?: string; partenaire_nature?: string };
    return data.type === 'locale-partenaire' && data.partenaire_nature === 'association';
  })
  .sort();

async function textOf(file: string): Promise<string> {
  const result = await checkFile(file, { today: '2025-06-30' });
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const { document } = await buildDocument(result.loaded!, [], result.logos);
  return extractText(document);
}

test('there are association conventions to check', () => {
  expect(associationCases.length).toBeGreaterThan(0);
});

describe.each(associationCases)('%s', (file) => {
  test('carries no phrase of the CCAS conventions, and names the volunteers', async () => {
    const text = await textOf(file);
    for (const phrase of CCAS_ONLY) expect(text).not.toMatch(phrase);
    expect(text).toMatch(/bénévoles et (les )?salariés/);
  });

  test('with a Département’s services as partner, the same convention names social workers', async () => {
    const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const copy = join(temporaryFolder(), 'services.yaml');
    writeFileSync(copy, stringify({ ...data, partenaire_nature: 'services-departementaux' }));
    const text = await textOf(copy);
    expect(text).toMatch(/travailleurs sociaux/);
    // The partner's own presentation (its words, in the YAML) may still speak of its volunteers.
    expect(text).not.toMatch(/bénévoles et (les )?salariés/);
  });
});
