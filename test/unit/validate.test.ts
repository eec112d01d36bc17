import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { YAMLMap } from 'yaml';
import { parseConvention, type LoadedConvention } from '../../src/core/load.js';
import { frenchCount, MAX_PROBLEMS_PER_FILE } from '../../src/core/problem.js';
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

  /** The example with `n` unknown keys at its root. */
  const withUnknownKeys = (n: number) =>
    EXAMPLE.replace('modele: departemental\n', `modele: departemental\n${Array.from({ length: n }, (_, i) => `inconnue_${i}: x\n`).join('')}`);

  test('at most MAX_PROBLEMS_PER_FILE problems, then one that counts the others', async () => {
    const n = MAX_PROBLEMS_PER_FILE * 3;
    const problems = await validateConvention(loaded(withUnknownKeys(n), 'nombreux.yaml'));
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(problems.slice(0, -1).every((p) => p.code === 'champ-inconnu' && p.line > 0)).toBe(true);
    expect(problems.at(-1)).toEqual({
      code: 'autres-problemes',
      severity: 'error',
      message: `… et ${frenchCount(n - MAX_PROBLEMS_PER_FILE)} autres problèmes, non affichés : corrigez d'abord ceux-ci.`,
      path: '',
      file: 'nombreux.yaml',
      line: 0,
      column: 0,
    });
  });

  test('the work of placing problems grows as the file, not as its square', async () => {
    // Counts the reads of the root map's pairs while a convention with `n` unknown keys is validated
    // (load has already turned it into data): searching the pairs for each problem reads n² of them.
    const reads = async (n: number) => {
      const convention = loaded(withUnknownKeys(n), 'x.yaml');
      const map = convention.document.contents as YAMLMap;
      let count = 0;
      map.items = new Proxy(map.items, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) count++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      await validateConvention(convention);
      return count;
    };
    const factor = 8;
    const small = await reads(500);
    const large = await reads(500 * factor);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeLessThan(small * factor * 2);
  });

  test('checking that a list holds no duplicate grows as the list, not as its square', async () => {
    // Annexes may be objects (a titled document): ajv compared every pair of them. Counts the reads
    // of the list's items while a convention with `n` annexes is validated, duplicates included.
    const reads = async (n: number, duplicate: boolean) => {
      const annexes = Array.from({ length: n }, (_, i) => `  - titre: annexe ${duplicate && i === n - 1 ? 0 : i}\n    joint_separement: true\n`).join('');
      const convention = loaded(`${EXAMPLE}annexes:\n${annexes}`, 'annexes.yaml');
      let count = 0;
      convention.data.annexes = new Proxy(convention.data.annexes as unknown[], {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) count++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      const problems = await validateConvention(convention);
      expect(problems.map((p) => p.code)).toEqual(duplicate ? ['doublon'] : []);
      return count;
    };
    const factor = 8;
    for (const duplicate of [false, true]) {
      const small = await reads(200, duplicate);
      expect(await reads(200 * factor, duplicate)).toBeLessThan(small * factor * 2);
    }
  });

  test('collecting the errors of a list of invalid items grows as the list, not as its square', async () => {
    // ajv appends the errors of a referenced schema by copying all those found so far (`concat`):
    // once per invalid referent, that was the square of their number. Counts the errors copied so.
    const copied = async (n: number) => {
      const convention = loaded(EXAMPLE.replace('referents:\n', `referents:\n${'  - 1\n'.repeat(n)}`), 'referents.yaml');
      const concat = jest.spyOn(Array.prototype, 'concat');
      try {
        const problems = await validateConvention(convention);
        expect(problems.at(-1)?.code).toBe('autres-problemes');
        return concat.mock.contexts.reduce<number>((sum, array: unknown) => sum + (Array.isArray(array) ? array.length : 0), 0);
      } finally {
        concat.mockRestore();
      }
    };
    const factor = 8;
    const small = await copied(500);
    expect(await copied(500 * factor)).toBeLessThan(Math.max(small, 1_000) * factor * 2);
  });
});
