import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConvention, type LoadedConvention } from '../../src/core/load.js';
import { validateConvention } from '../../src/core/validate.js';
import { EXAMPLES } from '../support/paths.js';

const EXAMPLE = readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8');

function loaded(text: string, file: string): LoadedConvention {
  const parsed = parseConvention(text, file);
  if (!parsed.ok) throw new Error(`${file} ne se lit pas`);
  return parsed.value;
}

describe('validate', () => {
  test('concurrent validations of the same type each keep their own problems', async () => {
    const bad = loaded(EXAMPLE.replace(/^modele: departemental$/m, 'modele: departementale'), 'bad.yaml');
    const good = loaded(EXAMPLE, 'good.yaml');
    const results = await Promise.all([validateConvention(good), validateConvention(bad), validateConvention(good)]);
    expect(results.map((problems) => problems.filter((p) => p.severity === 'error').map((p) => `${p.file} ${p.code}`))).toEqual([
      [],
      ['bad.yaml valeur-inconnue'],
      [],
    ]);
  });
});
