import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_ALIAS_EXPANSION, parseConvention, readConventionFile } from '../../src/core/load.js';
import { UserError } from '../../src/core/errors.js';
import { ioReason, megabytes, readRegularFile } from '../../src/core/regular-file.js';
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
    expect((await readConventionFile(join(folder, 'bom.yaml'))).text).toBe('type: locale-ccas\n');
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

  test('aliases cost what they expand to, not what they number', () => {
    const uses = (n: number, anchor: string) => `x: &a ${anchor}\nl:\n${'  - *a\n'.repeat(n)}`;
    // A hundred and twenty uses of a word: a few hundred units.
    expect(parseConvention(uses(120, 'mot'), 'a.yaml').ok).toBe(true);
    // Two uses of a text of half the allowance: refused at the second.
    const result = parseConvention(uses(2, 'x'.repeat(MAX_ALIAS_EXPANSION / 2)), 'a.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ code: 'alias-excessifs', line: 4, column: 5 });
  });

  test.each([
    ['an alias before its anchor', 'a: *x\nb: &x 1\n', 'alias-sans-ancre', 1, 4],
    ['an alias inside its anchor', 'a:\n  b: &x [1, *x]\n', 'alias-circulaire', 2, 13],
    ['a null key', 'a: 1\n~: 2\n', 'cle-invalide', 2, 1],
    ['an empty key', 'a: 1\n: 2\n', 'cle-invalide', 2, 1],
    ['a list as key', 'a: 1\n? [b, c]\n: 2\n', 'cle-invalide', 2, 3],
    ['an alias as key', 'a: &k b\n*k : 2\n', 'cle-invalide', 2, 1],
    ['a key given as number then text', 'a: 1\n1: 2\n"1": 3\n', 'yaml-duplicate-key', 3, 1],
    ['a JavaScript tag', 'a: !!js/function "function(){}"\n', 'etiquette-inconnue', 1, 4],
    ['a YAML 1.1 tag', 'a: 1\nb: !!binary aGVsbG8=\n', 'etiquette-inconnue', 2, 4],
    ['a local tag', 'a: 1\nb: !foo bar\n', 'etiquette-inconnue', 2, 4],
  ])('%s is refused at its position', (_name, text, code, line, column) => {
    const result = parseConvention(text, 'a.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ code, line, column, file: 'a.yaml' });
  });

  test('strings are normalised to NFC, keys and values', () => {
    const result = parseConvention(`${'clé'.normalize('NFD')}: ${'féminin'.normalize('NFD')}\n`, 'a.yaml');
    expect(result.ok && result.value.data).toEqual({ clé: 'féminin' });
  });

  test('CR-only line ends are line ends; the text is kept as read', () => {
    const text = 'a: 1\rb: 2\r';
    const result = parseConvention(text, 'a.yaml');
    expect(result.ok && result.value.data).toEqual({ a: 1, b: 2 });
    expect(result.ok && result.value.text).toBe(text);
  });
});

// Sizes were printed with a point (« 1.9 Mo »), an English decimal separator, in French messages;
// the logos had their own copy of the helpers, with a comma.
describe('sizes and read errors in French', () => {
  test('megabytes are written with a decimal comma', () => {
    expect(megabytes(1.9 * 1048576)).toBe('1,9');
    expect(megabytes(50 * 1048576)).toBe('50,0');
    expect(megabytes(1.03 * 1048576, 2)).toBe('1,03');
  });

  test('a loop of symbolic links is named as such', () => {
    expect(ioReason(Object.assign(new Error('loop'), { code: 'ELOOP' }))).toBe('boucle de liens symboliques');
  });
});
