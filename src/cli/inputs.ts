/**
 * Expands the command line's paths: a folder stands for the YAML files it holds, a glob pattern
 * (quoted, for shells that do not expand it) for the files it matches; sorted, without duplicates.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../core/errors.js';
import { ioReason } from '../core/regular-file.js';

const YAML_FILE = /\.ya?ml$/i;
/** Characters without which a path cannot be a pattern: tinyglobby is loaded only past this test. */
const MAYBE_PATTERN = /[*?[\]{}()!+@]/;

export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    const globber = !info && MAYBE_PATTERN.test(path) ? await import('tinyglobby') : undefined;
    if (globber?.isDynamicPattern(path)) {
      const matches = (await globber.glob([path], { onlyFiles: true, expandDirectories: false })).sort();
      if (matches.length === 0) throw new UserError(`${path} : aucun fichier ne correspond à ce motif.`, 'motif-sans-fichier');
      files.push(...matches);
      continue;
    }
    if (!info) throw new UserError(`${path} : fichier ou dossier introuvable.`, 'entree-introuvable');
    if (info.isDirectory()) {
      const found = await walk(path);
      if (found.length === 0) throw new UserError(`${path} : aucun fichier .yaml ou .yml dans ce dossier.`, 'dossier-vide');
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return [...new Set(files)];
}

/**
 * The YAML files below a folder. Only regular files count (a link is followed to one, never to a
 * folder): a FIFO or a device named `*.yaml` in a shared folder is not a convention, and reading it
 * would hang the batch.
 */
async function walk(folder: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    throw new UserError(`${folder} : lecture du dossier impossible (${ioReason(error)}).`, 'lecture-impossible');
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (YAML_FILE.test(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && (await isRegularFile(path))))) files.push(path);
  }
  return files;
}

async function isRegularFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
