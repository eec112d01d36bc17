/**
 * The golden-file helper every golden comparison goes through (test/support/golden.ts): a golden is
 * written only under UPDATE_GOLDEN=1 outside CI; a missing one fails, everywhere.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inCi } from '../support/ci.js';
import { expectGolden } from '../support/golden.js';
import { temporaryFolder } from '../support/paths.js';

const HOW = 'UPDATE_GOLDEN=1 npm test';

describe('expectGolden', () => {
  test.each([
    ['on a developer machine', {}],
    ['under CI=true', { CI: 'true' }],
    ['under CI=1', { CI: '1' }],
  ])('a missing golden fails %s, names the command that writes it, and writes nothing', (_where, env) => {
    const folder = temporaryFolder();
    const golden = join(folder, 'absent.txt');
    expect(() => expectGolden(golden, 'texte\n', env)).toThrow(`Fichier de référence absent : `);
    expect(() => expectGolden(golden, 'texte\n', env)).toThrow(HOW);
    expect(readdirSync(folder)).toEqual([]);
  });

  test('UPDATE_GOLDEN=1 under CI is refused, whether the golden exists or not, and writes nothing', () => {
    const folder = temporaryFolder();
    const present = join(folder, 'present.txt');
    writeFileSync(present, 'ancien\n');
    for (const file of [present, join(folder, 'absent.txt')]) {
      expect(() => expectGolden(file, 'nouveau\n', { CI: 'true', UPDATE_GOLDEN: '1' })).toThrow('UPDATE_GOLDEN=1 refusé en intégration continue');
    }
    expect(readFileSync(present, 'utf8')).toBe('ancien\n');
    expect(readdirSync(folder)).toEqual(['present.txt']);
  });

  test('UPDATE_GOLDEN=1 outside CI writes the golden, in a folder created if need be', () => {
    const folder = temporaryFolder();
    const golden = join(folder, 'sous-dossier', 'g.txt');
    expectGolden(golden, 'nouveau\n', { UPDATE_GOLDEN: '1' });
    expect(readFileSync(golden, 'utf8')).toBe('nouveau\n');
    expectGolden(golden, 'plus récent\n', { UPDATE_GOLDEN: '1', CI: 'false' });
    expect(readFileSync(golden, 'utf8')).toBe('plus récent\n');
  });

  test('a present golden is compared, never rewritten', () => {
    const folder = temporaryFolder();
    const golden = join(folder, 'g.txt');
    writeFileSync(golden, 'attendu\n');
    expect(() => expectGolden(golden, 'attendu\n', {})).not.toThrow();
    expect(() => expectGolden(golden, 'autre\n', {})).toThrow(/attendu/);
    expect(() => expectGolden(golden, 'autre\n', { CI: 'true' })).toThrow(/attendu/);
    expect(readFileSync(golden, 'utf8')).toBe('attendu\n');
    expect(existsSync(golden)).toBe(true);
  });
});

test('CI is on when CI is set to anything but an empty string or "false"', () => {
  expect([undefined, '', 'false', 'FALSE', 'true', '1', 'yes'].map((CI) => [CI, inCi(CI === undefined ? {} : { CI })])).toEqual([
    [undefined, false],
    ['', false],
    ['false', false],
    ['FALSE', false],
    ['true', true],
    ['1', true],
    ['yes', true],
  ]);
});
