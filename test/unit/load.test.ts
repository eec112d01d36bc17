import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConvention, readConventionFile } from '../../src/core/load.js';
import { UserError } from '../../src/core/errors.js';
import { readRegularFile } from '../../src/core/regular-file.js';
import { temporaryFolder } from '../support/paths.js';

describe('load', () => {
  test('parses a mapping and keeps positions', () => {
    const result = parseConvention('type: locale-ccas\nmodele: departemental\n', 'a.yaml');
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.data).toEqual({ type: 'locale-ccas', modele: 'departemental' });
  });

  test('a YAML syntax error keeps the parser position', () => {
    const result = parseConvention('type: locale-ccas\nparties: [a, b\n', 'a.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]).toMatchObject({ file: 'a.yaml', severity: 'error' });
      expect(result.problems[0]!.line).toBeGreaterThanOrEqual(2);
    }
  });

  test('duplicate keys are errors, in French', () => {
    const result = parseConvention('type: a\ntype: b\n', 'a.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ code: 'yaml-duplicate-key', line: 2, column: 1 });
  });

  test.each([
    ['', 'vide'],
    ['- a\n- b\n', 'rubriques'],
    ['juste du texte\n', 'rubriques'],
  ])('a root that is not a mapping is refused (%j)', (text, word) => {
    const result = parseConvention(text, 'a.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems[0]!.code).toBe('racine-invalide');
      expect(result.problems[0]!.message).toContain(word);
    }
  });

  test('an alias bomb is refused', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(', ')}]`);
    const result = parseConvention(lines.join('\n') + '\n', 'bomb.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.code).toBe('alias-excessifs');
  });

  test('a BOM is dropped, Latin-1 and missing files are clear errors', async () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'bom.yaml'), '\uFEFFtype: locale-ccas\n');
    expect(await readConventionFile(join(folder, 'bom.yaml'))).toBe('type: locale-ccas\n');
    writeFileSync(join(folder, 'latin1.yaml'), Buffer.from([0x6e, 0x6f, 0x6d, 0x3a, 0x20, 0xe9, 0x0a]));
    await expect(readConventionFile(join(folder, 'latin1.yaml'))).rejects.toThrow(/UTF-8/);
    await expect(readConventionFile(join(folder, 'absent.yaml'))).rejects.toThrow(UserError);
    await expect(readConventionFile(join(folder, 'absent.yaml'))).rejects.toThrow(/introuvable/);
  });

  test('the size limit holds on the bytes read, not on the size announced', async () => {
    // Files of /proc announce a size of 0 and hold more.
    const proc = '/proc/self/status';
    if (existsSync(proc)) expect(await readRegularFile(proc, 10)).toMatchObject({ kind: 'too-large', atLeast: true });
    const file = join(temporaryFolder(), 'petit.yaml');
    writeFileSync(file, 'type: x\n');
    const read = await readRegularFile(file, 8);
    expect(read.kind === 'read' && read.bytes.toString()).toBe('type: x\n');
    expect(await readRegularFile(file, 7)).toMatchObject({ kind: 'too-large', size: 8, atLeast: false });
  });
});
