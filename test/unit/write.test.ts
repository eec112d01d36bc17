import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOutput } from '../../src/core/write.js';
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
