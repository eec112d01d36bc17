/**
 * Stage 5, write: the files of a convention (its DOCX, its separate annexes, their PDFs) reach their
 * paths all together or not at all. Every target is checked first; the bytes go to temporary files
 * beside their targets; only when all are written do they take their final names, and a failure
 * on the way undoes the names already taken. An existing file is replaced only with `--force`, and
 * never when it is not a regular file (a named pipe, a device).
 *
 * The whole unit is written synchronously: a signal handler (Ctrl-C) runs between units, never in
 * the middle of one, so an interrupted command leaves whole sets and no temporary file.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from './errors.js';

export interface WriteOptions {
  force: boolean;
  /**
   * Set when this very command may already have written some of these files (a retry after the
   * worker rendering them died): the paths that existed before the command started (absolute). An existing
   * file at any other path is this command's own work, replaced without `--force`.
   */
  existedBefore?: readonly string[];
}

export interface OutputFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Temporary names: hidden, with the writer's process id, ending in `.convention-tmp` (or
 * `.convention-old` for the copy of a replaced file kept until the set is complete). Never an
 * input (inputs are `.yaml`), never taken for an output, and removed on the next run in the same
 * folder once their process is gone (a SIGKILL leaves them behind).
 */
const TEMPORARY = /^\..*\.(\d+)-[0-9a-f]{8}\.convention-(?:tmp|old)$/s;

function temporaryPath(path: string, kind: 'tmp' | 'old'): string {
  // The target's name, shortened: the temporary name must stay within the 255 bytes of a file name.
  return join(dirname(path), `.${basename(path).slice(0, 60)}.${process.pid}-${randomBytes(4).toString('hex')}.convention-${kind}`);
}

export function isTemporaryName(name: string): boolean {
  return TEMPORARY.test(name);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files of a folder: those of processes that are gone (`stale`), or this
 * process's own (`own`, after an interruption). Returns the names removed.
 */
export function removeTemporaries(folder: string, whose: 'stale' | 'own'): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    const ours = pid === process.pid;
    if (whose === 'own' ? !ours : ours || isRunning(pid)) continue;
    try {
      unlinkSync(join(folder, name));
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: nothing to do.
    }
  }
  return removed;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new UserError(`${path} : le dossier ${dirname(path)} n'existe pas.`, 'dossier-introuvable');
    throw writeError(path, error);
  }
}

/**
 * Whether a file can be written at `path`: its folder exists, it is not a folder nor a special file,
 * and it does not exist unless `--force` (or unless this command wrote it, see `existedBefore`).
 */
export function checkTarget(path: string, options: WriteOptions): void {
  const existing = statOrUndefined(path);
  if (existing?.isDirectory()) throw new UserError(`${path} : c'est un dossier ; indiquez un nom de fichier.`, 'sortie-dossier');
  if (existing && !existing.isFile()) {
    throw new UserError(`${path} n'est pas un fichier ordinaire (tube nommé, périphérique…) : rien n'y est écrit, même avec --force.`, 'sortie-speciale');
  }
  if (existing && !mayReplace(path, options)) {
    throw new UserError(`${path} existe déjà ; ajoutez --force pour le remplacer.`, 'sortie-existante');
  }
  if (!existing) {
    const folder = dirname(path);
    if (!statOrUndefined(folder)?.isDirectory()) throw new UserError(`${path} : le dossier ${folder} n'existe pas.`, 'dossier-introuvable');
  }
}

function mayReplace(path: string, options: WriteOptions): boolean {
  return options.force || (options.existedBefore !== undefined && !options.existedBefore.includes(resolve(path)));
}

function writeError(path: string, error: unknown): UserError {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'écriture non autorisée'
      : code === 'ENOSPC' || code === 'EDQUOT'
        ? 'disque plein'
        : `écriture impossible (${code ?? String(error)})`;
  return new UserError(`${path} : ${reason} ; aucun fichier de cette convention n'est écrit.`, 'ecriture-impossible');
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/**
 * Writes a set of files that belong together, all or none: every target is checked, every file
 * written under a temporary name, then each takes its name; if one cannot, those already named are
 * taken back (removed, or their previous version restored).
 */
export function writeOutputs(files: readonly OutputFile[], options: WriteOptions): void {
  for (const { path } of files) checkTarget(path, options);
  const temporaries: string[] = [];
  /** Targets named so far: to remove (they did not exist) or to restore from their copy. */
  const named: { path: string; previous?: string }[] = [];
  const copies: string[] = [];
  let current = files[0]?.path ?? '';
  try {
    for (const { path, bytes } of files) {
      current = path;
      const temporary = temporaryPath(path, 'tmp');
      temporaries.push(temporary);
      writeFileSync(temporary, bytes, { flag: 'wx' });
    }
    files.forEach(({ path }, i) => {
      current = path;
      const temporary = temporaries[i]!;
      const exists = statOrUndefined(path) !== undefined;
      if (exists && mayReplace(path, options)) {
        // A hard link to the version being replaced, to put it back if a later file of the set fails.
        const previous = temporaryPath(path, 'old');
        let kept: string | undefined;
        try {
          linkSync(path, previous);
          kept = previous;
          copies.push(previous);
        } catch {
          // Without hard links the replacement cannot be undone; it is still whole.
        }
        renameSync(temporary, path);
        named.push({ path, previous: kept });
        return;
      }
      // link() refuses to replace an existing name, closing the race between the check and now;
      // where hard links are not supported, rename after the check.
      try {
        linkSync(temporary, path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new UserError(`${path} existe déjà ; ajoutez --force pour le remplacer.`, 'sortie-existante');
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EOPNOTSUPP') throw error;
        if (statOrUndefined(path)) throw new UserError(`${path} existe déjà ; ajoutez --force pour le remplacer.`, 'sortie-existante');
        renameSync(temporary, path);
      }
      named.push({ path });
    });
  } catch (error) {
    for (const { path, previous } of named.reverse()) {
      try {
        if (previous) renameSync(previous, path);
        else unlinkSync(path);
      } catch {
        // Best effort: the error below says which convention failed.
      }
    }
    throw writeError(current, error);
  } finally {
    for (const temporary of temporaries) removeQuietly(temporary);
    for (const copy of copies) removeQuietly(copy);
  }
}

/** Writes one file, whole or not at all (see `writeOutputs`). */
export async function writeOutput(bytes: Uint8Array, path: string, options: WriteOptions): Promise<void> {
  writeOutputs([{ path, bytes }], options);
}

/** Creates an output folder the user named explicitly (`-o out/`). */
export function ensureFolder(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    throw new UserError(`${path} : création du dossier impossible (${(error as NodeJS.ErrnoException).code}).`, 'dossier-impossible');
  }
}
