import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTemporaryName, removeTemporaries, writeOutput, writeOutputs } from '../../src/core/write.js';
import { temporaryFolder } from '../support/paths.js';

describe('write', () => {
  test('writes the bytes, leaving no temporary file', async () => {
    const folder = temporaryFolder();
    const path = join(folder, 'a.docx');
    await writeOutput(Buffer.from('abc'), path, { force: false });
    expect(readFileSync(path, 'utf8')).toBe('abc');
    expect(readdirSync(folder)).toEqual(['a.docx']);
  });

  test('never replaces an existing file without force', async () => {
    const folder = temporaryFolder();
    const path = join(folder, 'a.docx');
    writeFileSync(path, 'old');
    await expect(writeOutput(Buffer.from('new'), path, { force: false })).rejects.toThrow(/--force/);
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(folder)).toEqual(['a.docx']);
    await writeOutput(Buffer.from('new'), path, { force: true });
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(folder)).toEqual(['a.docx']);
  });

  test('a missing folder or a directory path is a clear error', async () => {
    const folder = temporaryFolder();
    await expect(writeOutput(Buffer.from('x'), join(folder, 'absent', 'a.docx'), { force: false })).rejects.toThrow(/n'existe pas/);
    await expect(writeOutput(Buffer.from('x'), folder, { force: true })).rejects.toThrow(/dossier/);
    expect(existsSync(join(folder, 'absent'))).toBe(false);
  });
});

describe('a set of files (a convention, its annexes, their PDFs): all or none', () => {
  test('a file that cannot take its name undoes those named before it', async () => {
    const folder = temporaryFolder();
    const [a, b] = [join(folder, 'a.docx'), join(folder, 'b.docx')];
    // The third file's name is taken by the first of the set: refused once the first two are named.
    await expect(
      writeOutputs([{ path: a, bytes: Buffer.from('a') }, { path: b, bytes: Buffer.from('b') }, { path: a, bytes: Buffer.from('c') }], { force: false }),
    ).rejects.toThrow(`${a} existe déjà ; ajoutez --force pour le remplacer.`);
    expect(readdirSync(folder)).toEqual([]);
  });

  test('replacing (--force), a failure puts the previous versions back', async () => {
    const folder = temporaryFolder();
    const [a, b] = [join(folder, 'a.docx'), join(folder, 'b')];
    writeFileSync(a, 'old a');
    mkdirSync(join(folder, 'c'));
    // c is a folder: found at the check, before anything is written.
    await expect(writeOutputs([{ path: a, bytes: Buffer.from('new a') }, { path: join(folder, 'c'), bytes: Buffer.from('c') }], { force: true })).rejects.toThrow(
      /c'est un dossier/,
    );
    expect(readFileSync(a, 'utf8')).toBe('old a');
    // b is made a folder between the check and the naming: a's new version is taken back.
    await expect(
      writeOutputs(
        [
          { path: a, bytes: Buffer.from('new a') },
          {
            path: b,
            get bytes() {
              mkdirSync(b);
              return Buffer.from('b');
            },
          },
        ],
        { force: true },
      ),
    ).rejects.toThrow(`${b} : écriture impossible (EISDIR) ; aucun fichier de cette convention n'est écrit.`);
    expect(readFileSync(a, 'utf8')).toBe('old a');
    expect(readdirSync(folder).sort()).toEqual(['a.docx', 'b', 'c']);
  });

  test('a named pipe is never replaced, even with --force', async () => {
    const folder = temporaryFolder();
    const pipe = join(folder, 'a.docx');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    await expect(writeOutputs([{ path: pipe, bytes: Buffer.from('x') }], { force: true })).rejects.toThrow(/n'est pas un fichier ordinaire/);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(readdirSync(folder)).toEqual(['a.docx']);
  });

  test('a retry replaces what this command wrote, not what was there before it', async () => {
    const folder = temporaryFolder();
    const [before, ours] = [join(folder, 'avant.docx'), join(folder, 'nous.docx')];
    writeFileSync(before, 'avant');
    writeFileSync(ours, 'premier essai');
    const options = { force: false, existedBefore: [before] };
    await expect(writeOutputs([{ path: before, bytes: Buffer.from('x') }], options)).rejects.toThrow(/existe déjà/);
    await writeOutputs([{ path: ours, bytes: Buffer.from('second essai') }], options);
    expect(readFileSync(ours, 'utf8')).toBe('second essai');
    expect(readFileSync(before, 'utf8')).toBe('avant');
  });
});

test('temporary files: named to be recognised, removed when their process is gone', () => {
  const folder = temporaryFolder();
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  const names = {
    stale: `.a.docx.${dead}-0123abcd.convention-tmp`,
    staleCopy: `.a.docx.${dead}-4567cdef.convention-old`,
    living: `.a.docx.${process.ppid}-0123abcd.convention-tmp`,
    own: `.a.docx.${process.pid}-0123abcd.convention-tmp`,
    other: '.a.docx.tmp',
  };
  for (const name of Object.values(names)) writeFileSync(join(folder, name), '');
  expect(Object.values(names).map(isTemporaryName)).toEqual([true, true, true, true, false]);
  expect(removeTemporaries(folder, 'stale').sort()).toEqual([names.stale, names.staleCopy].sort());
  expect(removeTemporaries(folder, 'own')).toEqual([names.own]);
  expect(readdirSync(folder).sort()).toEqual([names.living, names.other].sort());
});
