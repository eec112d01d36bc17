/**
 * Logos through the real bin, for the cases a fixture in git cannot hold: an absolute path, a FIFO,
 * a file the user may not read, folders reached through links. (The other refused logos are
 * fixtures: test/fixtures/invalid/logo-*.yaml.) A refused logo is a problem of the convention: exit
 * 1, a French message at the `logo` value, no document written, never a stack or a hang.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, FIXTURES, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const CONVENTION = readFileSync(join(FIXTURES, 'valid', 'locale-ccas-logos.yaml'), 'utf8');
const PNG = join(FIXTURES, 'valid', 'logos', 'cpam.png');
const LOGO_LINE = CONVENTION.split('\n').findIndex((line) => line.includes('logo: logos/cpam.png')) + 1;

/** A folder holding `convention.yaml`, whose CPAM logo is `logo` and the CCAS's a real JPEG beside it. */
function conventionWithLogo(logo: string): { folder: string; file: string } {
  const folder = temporaryFolder();
  mkdirSync(join(folder, 'logos'));
  copyFileSync(join(FIXTURES, 'valid', 'logos', 'ccas.jpg'), join(folder, 'logos', 'ccas.jpg'));
  const file = join(folder, 'convention.yaml');
  writeFileSync(file, CONVENTION.replace('logo: logos/cpam.png', `logo: ${logo}`));
  return { folder, file };
}

function expectRefused(run: { status: number | null; stdout: string; stderr: string }, file: string, code: string, message: string): void {
  expect(run.stdout).not.toContain('erreur interne');
  expect(run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect(run.status).toBe(1);
  // validate and render both report on stdout; stderr is for usage errors only.
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain(`${file}:${LOGO_LINE}:11  erreur  ${code}`);
  expect(run.stdout).toContain(message);
}

describe('logos (real bin)', () => {
  test('an absolute path to an image outside the folder is refused, nothing written', () => {
    const { folder, file } = conventionWithLogo(PNG);
    const run = runCli(['render', file]);
    expectRefused(run, file, 'logo-hors-dossier', 'mène hors du dossier du fichier YAML');
    expect(readdirSync(folder).sort()).toEqual(['convention.yaml', 'logos']);
  });

  test('a FIFO named like an image is refused without waiting on it', () => {
    const { file, folder } = conventionWithLogo('logos/tube.png');
    expect(spawnSync('mkfifo', [join(folder, 'logos', 'tube.png')]).status).toBe(0);
    const run = runCli(['validate', file]);
    expectRefused(run, file, 'logo-illisible', "ce n'est pas un fichier ordinaire");
  });

  test('a logo the user may not read is refused with a French message, not an internal error', () => {
    const { folder, file } = conventionWithLogo('logos/cpam.png');
    copyFileSync(PNG, join(folder, 'logos', 'cpam.png'));
    chmodSync(join(folder, 'logos', 'cpam.png'), 0o000);
    // Root reads any file: as root, the bin runs without the capabilities that let it ignore
    // permissions (util-linux's setpriv), so that the file's mode applies to it as to anyone.
    const command = process.getuid?.() === 0 ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', process.execPath] : [process.execPath];
    const run = spawnSync(command[0]!, [...command.slice(1), BIN, 'validate', file], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      timeout: 60000,
    });
    expectRefused(run, file, 'logo-illisible', 'lecture non autorisée');
  });

  test('links that stay inside the folder are followed: a linked logo, a folder reached through a link', () => {
    const { folder } = conventionWithLogo('logos/lien.png');
    copyFileSync(PNG, join(folder, 'logos', 'original.png'));
    symlinkSync('original.png', join(folder, 'logos', 'lien.png'));
    // The same convention opened through a link to its folder: both sides of the check are resolved.
    const through = join(temporaryFolder(), 'dossier-lie');
    symlinkSync(folder, through);
    const run = runCli(['render', join(through, 'convention.yaml')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(join(folder, 'convention.docx'))).toBe(true);
  });
});
