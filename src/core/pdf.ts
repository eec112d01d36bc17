/**
 * PDF through LibreOffice, an independent reader: the DOCX is converted in a private temporary
 * folder (with its own LibreOffice profile, so a running LibreOffice does not interfere), then the
 * PDF is written like any output, atomically and never over a file without `--force`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from './errors.js';
import { writeOutput } from './write.js';

const CANDIDATES = ['soffice', 'libreoffice'];

export function findSoffice(): string | undefined {
  return CANDIDATES.find((command) => spawnSync('which', [command], { stdio: 'ignore' }).status === 0);
}

export async function convertToPdf(docxPath: string, pdfPath: string, options: { force: boolean }): Promise<void> {
  const soffice = findSoffice();
  if (!soffice) {
    throw new UserError(
      '--pdf demande LibreOffice (commande soffice), introuvable : installez-le (Debian/Ubuntu : apt-get install libreoffice-writer-nogui), puis recommencez.',
      'libreoffice-absent',
    );
  }
  const work = await mkdtemp(join(tmpdir(), 'convention-pdf-'));
  try {
    const input = join(work, basename(docxPath));
    await copyFile(docxPath, input);
    const profile = pathToFileURL(join(work, 'profil')).href;
    const status = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(soffice, ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', work, input], {
        stdio: 'ignore',
      });
      child.on('error', reject);
      child.on('close', resolve);
    });
    const produced = join(work, basename(docxPath).replace(/\.docx$/i, '') + '.pdf');
    const bytes = await readFile(produced).catch(() => undefined);
    if (status !== 0 || !bytes) {
      throw new UserError(`${docxPath} : LibreOffice n'a pas pu produire le PDF (code ${String(status)}).`, 'pdf-echec');
    }
    await writeOutput(bytes, pdfPath, options);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
