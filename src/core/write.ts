/**
 * Stage 5, write: the files of a convention (its DOCX, its separate annexes, their PDFs) reach their
 * paths all together or not at all. Every target is checked first; the bytes go to temporary files
 * beside their targets; only when all are written do they take their final names, and a failure
 * on the way undoes the names already taken. An existing file is replaced only with `--force`, and
 * never when it is not a regular file (a named pipe, a device).
 *
 * A unit once started is finished: an interrupted command (Ctrl-C) stops its documents before they
 * write, and waits for the units being written (render-command.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, unlinkSync, type Stats } from 'node:fs';
import { link, rename, stat, unlink, writeFile } from 'node:fs/promises';
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

export function temporaryPath(path: string, kind: 'tmp' | 'old'): string {
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

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new UserError(`${path} : le dossier ${dirname(path)} n'existe pas.`, 'dossier-introuvable');
    throw writeError(path, error);
  }
}

/**
 * Whether a file can be written at `path`: it is not a folder nor a special file, and it does not
 * exist unless `--force` (or unless this command wrote it, see `existedBefore`). A missing folder is
 * found when the first file is written.
 */
export async function checkTarget(path: string, options: WriteOptions): Promise<void> {
  const existing = await statOrUndefined(path);
  if (existing?.isDirectory()) throw new UserError(`${path} : c'est un dossier ; indiquez un nom de fichier.`, 'sortie-dossier');
  if (existing && !existing.isFile()) {
    throw new UserError(`${path} n'est pas un fichier ordinaire (tube nommé, périphérique…) : rien n'y est écrit, même avec --force.`, 'sortie-speciale');
  }
  if (existing && !mayReplace(path, options)) {
    throw new UserError(`${path} existe déjà ; ajoutez --force pour le remplacer.`, 'sortie-existante');
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

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

/**
 * Writes a set of files that belong together, all or none: every target is checked, every file
 * written under a temporary name, then each takes its name; if one cannot, those already named are
 * taken back (removed, or their previous version restored).
 */
export async function writeOutputs(files: readonly OutputFile[], options: WriteOptions): Promise<void> {
  for (const { path } of files) await checkTarget(path, options);
  const temporaries: string[] = [];
  /** Targets named so far: to remove (they did not exist) or to restore from their copy. */
  const named: { path: string; previous?: string }[] = [];
  const copies: string[] = [];
  let current = files[0]?.path ?? '';
  try {
    for (const { path, bytes } of files) {
      current = path;
      const temporary = temporaryPath(path, 'tmp');
      // Listed before it is written: a write that fails half-way (disk full, file size limit) leaves
      // a partial temporary file, removed below like the others.
      temporaries.push(temporary);
      await writeFile(temporary, bytes, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new UserError(`${path} : le dossier ${dirname(path)} n'existe pas.`, 'dossier-introuvable');
        throw error;
      });
    }
    for (const [i, { path }] of files.entries()) {
      current = path;
      const temporary = temporaries[i]!;
      // Without --force (nor a retry), link() below is the check: no need to look first.
      const replacing = mayReplace(path, options) && (await statOrUndefined(path)) !== undefined;
      if (replacing) {
        // A hard link to the version being replaced, to put it back if a later file of the set fails.
        const previous = temporaryPath(path, 'old');
        const kept = await link(path, previous).then(
          () => previous,
          // Without hard links the replacement cannot be undone; it is still whole.
          () => undefined,
        );
        if (kept) copies.push(kept);
        await rename(temporary, path);
        named.push({ path, previous: kept });
        continue;
      }
      // link() refuses to replace an existing name, closing the race between the check and now;
      // where hard links are not supported, rename after the check.
      try {
        await link(temporary, path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new UserError(`${path} existe déjà ; ajoutez --force pour le remplacer.`, 'sortie-existante');
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EOPNOTSUPP') throw error;
        if (await statOrUndefined(path)) throw new UserError(`${path} existe déjà ; ajoutez --force pour le remplacer.`, 'sortie-existante');
        await rename(temporary, path);
      }
      named.push({ path });
    }
  } catch (error) {
    for (const { path, previous } of named.reverse()) {
      // Best effort: the error below says which convention failed.
      await (previous ? rename(previous, path) : unlink(path)).catch(() => undefined);
    }
    throw writeError(current, error);
  } finally {
    await Promise.all([...temporaries, ...copies].map(removeQuietly));
  }
}

/** Writes one file, whole or not at all (see `writeOutputs`). */
export async function writeOutput(bytes: Uint8Array, path: string, options: WriteOptions): Promise<void> {
  await writeOutputs([{ path, bytes }], options);
}

/** Creates an output folder the user named explicitly (`-o out/`). */
export function ensureFolder(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    throw new UserError(`${path} : création du dossier impossible (${(error as NodeJS.ErrnoException).code}).`, 'dossier-impossible');
  }
}
