/**
 * A file a convention names (a logo, a supplied annex), read for a document that is sent out: only
 * from the YAML's folder or one of its subfolders (an absolute path, `../` or a symbolic link that
 * leads out is refused, links being resolved before the check), only a regular file, and never
 * past its size limit (the shared bounded read, on the resolved path, without following a link
 * swapped in since). What went wrong is data; each caller words it for its own kind of file.
 */
import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ioReason, readRegularFile } from './regular-file.js';

export type ConfinedRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; why: 'introuvable' | 'hors-dossier' }
  /** `reason`: French, « lecture non autorisée », « c'est un dossier, pas un fichier »… */
  | { ok: false; why: 'illisible'; reason: string }
  /** `size`: what `stat` announced, or the bytes read before stopping (then `atLeast`). */
  | { ok: false; why: 'trop-lourd'; size: number; atLeast: boolean };

/** Reads `path` (relative to the YAML file's folder) if it is a regular file inside that folder, of at most `maxBytes`. */
export async function readConfinedFile(yamlFile: string, path: string, maxBytes: number): Promise<ConfinedRead> {
  const unreadable = (reason: string): ConfinedRead => ({ ok: false, why: 'illisible', reason });
  // Both sides resolved through their symbolic links: a link inside the folder that leads out of
  // it is judged by where it leads.
  let folder: string;
  let target: string;
  try {
    folder = await realpath(dirname(resolve(yamlFile)));
    target = await realpath(resolve(dirname(resolve(yamlFile)), path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { ok: false, why: 'introuvable' } : unreadable(ioReason(error));
  }
  const inside = relative(folder, target);
  if (isAbsolute(inside) || inside === '..' || inside.startsWith('..' + sep)) return { ok: false, why: 'hors-dossier' };
  try {
    // Looked at before opening: opening a FIFO would wait for a writer, and a device may act on open.
    const kind = await lstat(target);
    if (!kind.isFile()) return unreadable(kind.isDirectory() ? "c'est un dossier, pas un fichier" : "ce n'est pas un fichier ordinaire (tube, périphérique…)");
    const read = await readRegularFile(target, maxBytes, { noFollow: true });
    if (read.kind === 'not-regular') return unreadable("ce n'est pas un fichier ordinaire (tube, périphérique…)");
    if (read.kind === 'too-large') return { ok: false, why: 'trop-lourd', size: read.size, atLeast: read.atLeast };
    return { ok: true, bytes: read.bytes };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { ok: false, why: 'introuvable' } : unreadable(ioReason(error));
  }
}
