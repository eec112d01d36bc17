/**
 * PDF through LibreOffice, an independent reader: the DOCX is converted in a private temporary
 * folder (with its own LibreOffice profile, so a running LibreOffice does not interfere) and the PDF
 * comes back as bytes, written with the convention's other files (write.ts), all or none.
 *
 * LibreOffice is given a time limit (a document it chokes on must not hang a batch) and is stopped
 * with its whole process group (`soffice` is a script that starts `soffice.bin`) when the time is
 * up or the command is interrupted; its folder is removed in every case.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from './errors.js';

const CANDIDATES = ['soffice', 'libreoffice'];

/** The time LibreOffice has to convert one document, unless `--pdf-timeout` says otherwise. */
export const DEFAULT_PDF_TIMEOUT_SECONDS = 120;

export function findSoffice(): string | undefined {
  return CANDIDATES.find((command) => spawnSync('which', [command], { stdio: 'ignore' }).status === 0);
}

/** The command to run, or the French message saying how to install it. */
export function requireSoffice(): string {
  const soffice = findSoffice();
  if (!soffice) {
    throw new UserError(
      '--pdf demande LibreOffice (commande soffice), introuvable : installez-le (Debian/Ubuntu : apt-get install libreoffice-writer-nogui), puis recommencez.',
      'libreoffice-absent',
    );
  }
  return soffice;
}

/**
 * LibreOffice's PDF export, as administrations archive signed documents: PDF/A-2b
 * (`SelectPdfVersion` 2: fonts embedded, XMP metadata declaring `pdfaid:part` 2, no transparency or
 * encryption), tagged (structure for assistive readers, and the document's language), with
 * bookmarks from the headings' outline. Title, subject, author and language come from the DOCX's
 * properties. The options are given as JSON, which LibreOffice reads since 7.4.
 */
const PDF_FILTER =
  'pdf:writer_pdf_Export:' +
  JSON.stringify({
    SelectPdfVersion: { type: 'long', value: '2' },
    UseTaggedPDF: { type: 'boolean', value: 'true' },
    ExportBookmarks: { type: 'boolean', value: 'true' },
  });

/** Temporary folders are named after the process, so that an interrupted command finds its own. */
const folderPrefix = (pid: number) => `convention-pdf-${pid}-`;

export interface PdfOptions {
  timeoutSeconds: number;
  /** Stops the conversion (Ctrl-C): LibreOffice is killed, the promise rejects with the reason. */
  signal?: AbortSignal;
}

/**
 * One conversion at a time per thread: each LibreOffice takes a core and some 200 MB, and a thread
 * holds several documents at once (batch.ts).
 */
let queue: Promise<unknown> = Promise.resolve();

/** The PDF of a DOCX given as bytes; `label` (the DOCX's path) names it in messages. */
export function docxToPdf(docx: Uint8Array, label: string, options: PdfOptions): Promise<Buffer> {
  const run = queue.then(() => convert(docx, label, options));
  queue = run.catch(() => undefined);
  return run;
}

async function convert(docx: Uint8Array, label: string, options: PdfOptions): Promise<Buffer> {
  options.signal?.throwIfAborted();
  const soffice = requireSoffice();
  const work = await mkdtemp(join(tmpdir(), folderPrefix(process.pid)));
  try {
    const input = join(work, 'document.docx');
    await writeFile(input, docx);
    const profile = pathToFileURL(join(work, 'profil')).href;
    const outcome = await new Promise<{ status: number | null; stopped?: 'timeout' | 'abort' }>((resolve, reject) => {
      // A process group of its own, to stop soffice.bin with the script that started it; and
      // out of the terminal's group, so that Ctrl-C reaches this command, which stops it.
      const child = spawn(soffice, ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', PDF_FILTER, '--outdir', work, input], {
        stdio: 'ignore',
        detached: true,
      });
      let stopped: 'timeout' | 'abort' | undefined;
      const stop = (why: 'timeout' | 'abort') => {
        stopped ??= why;
        killGroup(child.pid);
      };
      const timer = setTimeout(() => stop('timeout'), options.timeoutSeconds * 1000);
      const onAbort = () => stop('abort');
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      child.on('error', (error) => {
        done();
        reject(error);
      });
      child.on('close', (status) => {
        done();
        // Whatever soffice.bin left running in the group goes with it.
        killGroup(child.pid);
        resolve({ status, stopped });
      });
    });
    if (outcome.stopped === 'abort') options.signal?.throwIfAborted();
    if (outcome.stopped === 'timeout') {
      throw new UserError(
        `${label} : LibreOffice n'a pas converti le document en PDF dans le délai de ${options.timeoutSeconds} s ; arrêté, aucun fichier de cette convention n'est écrit (--pdf-timeout pour accorder plus de temps).`,
        'pdf-delai',
      );
    }
    const bytes = await readFile(join(work, 'document.pdf')).catch(() => undefined);
    if (outcome.status !== 0 || !bytes) {
      throw new UserError(`${label} : LibreOffice n'a pas pu produire le PDF (code ${String(outcome.status)}) ; aucun fichier de cette convention n'est écrit.`, 'pdf-echec');
    }
    return bytes;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

/**
 * After an interruption that could not wait for the conversions to stop (a thread terminated):
 * kills the LibreOffice processes still working in this process's folders (found by their command
 * line, on systems with /proc) and removes the folders.
 */
export function removeOwnConversions(): void {
  const prefix = folderPrefix(process.pid);
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(join('/proc', entry, 'cmdline'), 'latin1').includes(join(tmpdir(), prefix))) process.kill(Number(entry), 'SIGKILL');
      } catch {
        // A process that ended meanwhile, or not ours to read.
      }
    }
  } catch {
    // No /proc: the conversions stop with their thread's own handling.
  }
  try {
    for (const name of readdirSync(tmpdir())) {
      if (name.startsWith(prefix)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  } catch {
    // An unreadable temporary folder: nothing of ours can be there.
  }
}
