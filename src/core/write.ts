/**
 * Stage 5, write: the document reaches its path whole or not at all. Bytes go to a temporary file
 * in the target folder, then take the final name in one step; an existing file is replaced only
 * when the user says `--force`.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from './errors.js';

export interface WriteOptions {
  force: boolean;
}

export async function writeOutput(bytes: Uint8Array, path: string, options: WriteOptions): Promise<void> {
  const folder = dirname(path);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new UserError(`${path} : c'est un dossier ; indiquez un nom de fichier.`, 'sortie-dossier');
  if (existing && !options.force) {
    throw new UserError(`${path} existe déjà ; ajoutez --force pour le remplacer.`, 'sortie-existante');
  }
  const folderStat = await stat(folder).catch(() => undefined);
  if (!folderStat?.isDirectory()) throw new UserError(`${path} : le dossier ${folder} n'existe pas.`, 'dossier-introuvable');

  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: 'wx' });
    if (options.force) {
      await rename(temporary, path);
    } else {
      // link() refuses to replace an existing name, closing the race between the check above and
      // now; where hard links are not supported, fall back to rename after the check.
      try {
        await link(temporary, path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new UserError(`${path} existe déjà ; ajoutez --force pour le remplacer.`, 'sortie-existante');
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
        await rename(temporary, path);
      }
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'écriture non autorisée' : `écriture impossible (${code ?? String(error)})`;
    throw new UserError(`${path} : ${reason}.`, 'ecriture-impossible');
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Writes a set of files that belong together (a convention and its separate annexes): every target
 * is checked before the first is written, so a refusal leaves none of them half-done.
 */
export async function writeOutputs(files: readonly { path: string; bytes: Uint8Array }[], options: WriteOptions): Promise<void> {
  if (!options.force) {
    for (const { path } of files) {
      if (await stat(path).catch(() => undefined)) {
        throw new UserError(`${path} existe déjà ; ajoutez --force pour le remplacer.`, 'sortie-existante');
      }
    }
  }
  for (const { path, bytes } of files) await writeOutput(bytes, path, options);
}

/** Creates an output folder the user named explicitly (`-o out/`). */
export async function ensureFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new UserError(`${path} : création du dossier impossible (${(error as NodeJS.ErrnoException).code}).`, 'dossier-impossible');
  }
}
