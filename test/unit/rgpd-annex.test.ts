/**
 * The sous-traitance annex says the same as the convention it is attached to, for every example that
 * declares the regime (found from the examples' YAML, not listed here): data subjects exercise their
 * rights with the controller named in section 2, and the channels of section 6 are those the
 * convention's articles name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildDocument, checkFile } from '../../src/core/pipeline.js';
import { extractText } from '../support/docx-text.js';
import { EXAMPLES } from '../support/paths.js';

const withSubprocessing = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .filter((f) => ((parse(readFileSync(join(EXAMPLES, f), 'utf8')) as { rgpd?: { regimes?: string[] } }).rgpd?.regimes ?? []).includes('sous-traitance'));

/** The text of a numbered section of the annex (« 5 - Exercice des droits des personnes »). */
function section(annex: string, number: number): string {
  const start = annex.indexOf(`\n${number} - `);
  const end = annex.indexOf(`\n${number + 1} - `, start);
  expect(start).toBeGreaterThan(-1);
  return annex.slice(start, end === -1 ? undefined : end);
}

const of = (name: string) => (/^(?:la |l’)/.test(name) ? `de ${name}` : name.replace(/^le /, 'du '));

test('some examples declare the sous-traitance regime', () => {
  expect(withSubprocessing.length).toBeGreaterThan(0);
});

describe.each(withSubprocessing)('%s: the RGPD annex', (example) => {
  let body = '';
  let annex = '';
  beforeAll(async () => {
    const result = await checkFile(join(EXAMPLES, example));
    expect(result.problems).toEqual([]);
    const { document, annexes } = await buildDocument(result.loaded!);
    const texts = await Promise.all([document, ...annexes.map((a) => a.bytes)].map((bytes) => extractText(bytes)));
    const all = texts.join('\n');
    const start = all.lastIndexOf('\n1 - Conformité Informatique et Libertés');
    expect(start).toBeGreaterThan(-1);
    body = all.slice(0, all.lastIndexOf('Annexe', start));
    annex = all.slice(start);
  });

  test('sends data subjects to the controller’s DPO, the processor assisting it', () => {
    const controller = /pour le compte du responsable du traitement, (.+?)\.\n/.exec(section(annex, 2))?.[1];
    expect(controller).toBeDefined();
    const rights = section(annex, 5);
    expect(rights).toContain(`L’exercice de ces droits peut être effectué en contactant le DPO ${of(controller!)}.`);
    expect(rights.match(/\bDPO d[eu]\b[^.,]*/g)!.every((dpo) => dpo.endsWith(of(controller!)))).toBe(true);
  });

  test('names, in its security section, the channels the convention names', () => {
    const security = section(annex, 6);
    expect(security).not.toMatch(/uniquement/);
    if (body.includes('Espace Partenaires')) expect(security).toContain('Espace Partenaires');
    if (/formulaire de détection[^.]*papier/.test(body)) expect(security).toMatch(/formulaire de détection[^.]*papier/);
  });
});
