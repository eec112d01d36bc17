/**
 * Reading a file someone else may have prepared: only a regular file is read, and never more than
 * a limit. The limit holds on the bytes actually read, not on what `stat` announced: a FIFO, a
 * device (`/dev/zero`) or a file in /proc would otherwise hang the program or fill its memory.
 *
 * The file is opened first, without blocking (opening a FIFO would wait for a writer), and the
 * opened handle is checked: nothing can be swapped in between the check and the read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** What a bounded read found: the bytes, a file over the limit, or something that is not a file. */
export type BoundedRead =
  | { kind: 'read'; bytes: Buffer }
  /** `size`: what `stat` announced, or the bytes read before stopping (then `atLeast`). */
  | { kind: 'too-large'; size: number; atLeast: boolean }
  /** `what`: a French noun phrase (« un tube nommé (FIFO) »). */
  | { kind: 'not-regular'; what: string };

// O_NONBLOCK does not exist on Windows, where opening a file never waits for a writer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Whatever is not a regular file, named in French. */
export function notRegularFile(info: Stats): string {
  if (info.isDirectory()) return 'un dossier';
  if (info.isFIFO()) return 'un tube nommé (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'un périphérique';
  if (info.isSocket()) return 'une socket';
  return "un objet qui n'est pas un fichier";
}

/** The buffer to read into: as announced by `stat`, plus one byte to notice a file larger than said. */
function firstBuffer(size: number, maxBytes: number): Buffer {
  return Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
}

/** A buffer twice as large (at most the limit plus one byte), holding what was read so far. */
function grow(buffer: Buffer, length: number, maxBytes: number): Buffer {
  const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
  buffer.copy(bigger, 0, 0, length);
  return bigger;
}

function outcome(buffer: Buffer, length: number, maxBytes: number): BoundedRead {
  return length > maxBytes ? { kind: 'too-large', size: length, atLeast: true } : { kind: 'read', bytes: buffer.subarray(0, length) };
}

/**
 * Reads `file` if it is a regular file of at most `maxBytes`. I/O errors are thrown as they come.
 * `noFollow`: a symbolic link at `file` is refused (ELOOP), for a path already resolved and checked
 * (a logo confined to the YAML's folder), so that a link swapped in since is not followed.
 */
export async function readRegularFile(file: string, maxBytes: number, options: { noFollow?: boolean } = {}): Promise<BoundedRead> {
  const handle = await open(file, options.noFollow ? OPEN_FLAGS | (constants.O_NOFOLLOW ?? 0) : OPEN_FLAGS);
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { kind: 'not-regular', what: notRegularFile(info) };
    if (info.size > maxBytes) return { kind: 'too-large', size: info.size, atLeast: false };
    let buffer = firstBuffer(info.size, maxBytes);
    let length = 0;
    while (length <= maxBytes) {
      if (length === buffer.length) buffer = grow(buffer, length, maxBytes);
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return outcome(buffer, length, maxBytes);
  } finally {
    await handle.close();
  }
}

/** `readRegularFile`, synchronously (for the templates, read where no `await` is possible). */
export function readRegularFileSync(file: string, maxBytes: number): BoundedRead {
  const fd = openSync(file, OPEN_FLAGS);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { kind: 'not-regular', what: notRegularFile(info) };
    if (info.size > maxBytes) return { kind: 'too-large', size: info.size, atLeast: false };
    let buffer = firstBuffer(info.size, maxBytes);
    let length = 0;
    while (length <= maxBytes) {
      if (length === buffer.length) buffer = grow(buffer, length, maxBytes);
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return outcome(buffer, length, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** Why a file could not be opened or read, in French, from the system's error code. */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'fichier introuvable';
    case 'EACCES':
    case 'EPERM':
      return 'lecture non autorisée';
    case 'EISDIR':
      return "c'est un dossier, pas un fichier";
    case 'ELOOP':
      return 'boucle de liens symboliques';
    case 'ENXIO':
      return "ce n'est pas un fichier ordinaire (une socket ?) : il n'est pas lu";
    default:
      return `lecture impossible (${code ?? String(error)})`;
  }
}

/** Megabytes as the French messages show them: « 1,9 » (a decimal comma), one decimal unless told. */
export function megabytes(bytes: number, decimals = 1): string {
  return (bytes / 1048576).toFixed(decimals).replace('.', ',');
}
