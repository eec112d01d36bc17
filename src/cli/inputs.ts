/**
 * Expands the command line's paths: a folder stands for the YAML files it holds, a glob pattern
 * (quoted, for shells that do not expand it) for the files it matches; sorted, without duplicates.
 *
 * A path that gives no file (missing, empty folder, pattern without match) does not stop the others:
 * it is an input with its error, reported in its place, so that a CI run checks every file it can.
 * Paths are shown relative to the working directory when they are inside it (`./a.yaml` and
 * `/repo/a.yaml` are both `a.yaml`, as GitHub annotations and SARIF want them), absolute otherwise.
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../core/errors.js';
import { ioReason } from '../core/regular-file.js';

const YAML_FILE = /\.ya?ml$/i;
/** Characters without which a path cannot be a pattern: tinyglobby is loaded only past this test. */
const MAYBE_PATTERN = /[*?[\]{}()!+@]/;

/** A file to process, or a path given on the command line that yields none, with why. */
export interface Input {
  file: string;
  error?: UserError;
}

/** `path` relative to `cwd` if it lies inside it, absolute otherwise (never `../…`). */
export function displayPath(path: string, cwd: string = process.cwd()): string {
  const absolute = resolve(cwd, path);
  const inside = relative(cwd, absolute);
  if (inside === '') return '.';
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return absolute;
  return inside;
}

export async function expandInputs(paths: readonly string[]): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const given of paths) {
    if (given === '-') {
      // Not the standard input: a convention is a file of record, with a name its problems point to.
      inputs.push({
        file: '-',
        error: new UserError(
          "« - » : l'entrée standard n'est pas lue ; enregistrez la convention dans un fichier .yaml et donnez son chemin (un fichier nommé « - » : ./-).",
          'entree-standard',
        ),
      });
      continue;
    }
    const path = displayPath(given);
    const info = await stat(path).catch(() => undefined);
    const globber = !info && MAYBE_PATTERN.test(given) ? await import('tinyglobby') : undefined;
    if (globber?.isDynamicPattern(given)) {
      const matches = (await globber.glob([given], { onlyFiles: true, expandDirectories: false })).map((match) => displayPath(match)).sort();
      if (matches.length === 0) inputs.push({ file: path, error: new UserError(`${path} : aucun fichier ne correspond à ce motif.`, 'motif-sans-fichier') });
      inputs.push(...matches.map((file) => ({ file })));
      continue;
    }
    if (!info) {
      inputs.push({ file: path, error: new UserError(`${path} : fichier ou dossier introuvable.`, 'entree-introuvable') });
    } else if (info.isDirectory()) {
      try {
        const found = await walk(path);
        if (found.length === 0) inputs.push({ file: path, error: new UserError(`${path} : aucun fichier .yaml ou .yml dans ce dossier.`, 'dossier-vide') });
        inputs.push(...found.map((file) => ({ file })));
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        inputs.push({ file: path, error });
      }
    } else {
      inputs.push({ file: path });
    }
  }
  const seen = new Set<string>();
  return inputs.filter((input) => input.error !== undefined || (!seen.has(input.file) && seen.add(input.file)));
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
    const path = folder === '.' ? entry.name : join(folder, entry.name);
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
