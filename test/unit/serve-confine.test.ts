/**
 * `convention serve` touches only the conventions of the served folder (src/server/confine.ts): a
 * relative path to a .yaml/.yml file, never absolute, never through `..`, never hidden, and never a
 * symbolic link (to a file or to a folder) that leads out of the folder, judged by its real path.
 */
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { confine } from '../../src/server/confine.js';
import { HttpError } from '../../src/server/http-error.js';
import { temporaryFolder } from '../support/paths.js';

function setUp(): { root: string; outside: string } {
  const base = realpathSync(temporaryFolder('convention-serve-'));
  const root = join(base, 'servi');
  const outside = join(base, 'ailleurs');
  mkdirSync(join(root, 'sous'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'a.yaml'), 'type: x\n');
  writeFileSync(join(root, 'sous', 'b.yml'), 'type: x\n');
  writeFileSync(join(outside, 'secret.yaml'), 'type: x\n');
  symlinkSync(join(outside, 'secret.yaml'), join(root, 'lien-sortant.yaml'));
  symlinkSync(outside, join(root, 'dossier-sortant'));
  symlinkSync(join(root, 'a.yaml'), join(root, 'lien-interne.yaml'));
  return { root, outside };
}

async function refusal(root: string, fichier: unknown): Promise<{ status: number; code: string; message: string }> {
  try {
    await confine(root, fichier);
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`accepté : ${String(fichier)}`);
}

describe('confine: files of the served folder only', () => {
  test('a file of the folder or of a subfolder, existing or to create', async () => {
    const { root } = setUp();
    await expect(confine(root, 'a.yaml')).resolves.toEqual({ fichier: 'a.yaml', real: join(root, 'a.yaml'), exists: true });
    await expect(confine(root, './sous//b.yml')).resolves.toEqual({ fichier: 'sous/b.yml', real: join(root, 'sous', 'b.yml'), exists: true });
    await expect(confine(root, 'sous/nouvelle.yaml')).resolves.toEqual({ fichier: 'sous/nouvelle.yaml', real: join(root, 'sous', 'nouvelle.yaml'), exists: false });
  });

  test('a link that stays inside is followed: the real file is the one written', async () => {
    const { root } = setUp();
    await expect(confine(root, 'lien-interne.yaml')).resolves.toMatchObject({ real: join(root, 'a.yaml'), exists: true });
  });

  test.each([
    ['absolute path', (root: string) => join(root, 'a.yaml'), 403, 'fichier-hors-dossier'],
    ['.. that leaves the folder', () => '../ailleurs/secret.yaml', 403, 'fichier-hors-dossier'],
    ['.. that comes back in', () => 'sous/../a.yaml', 403, 'fichier-hors-dossier'],
    ['link to a file outside', () => 'lien-sortant.yaml', 403, 'fichier-hors-dossier'],
    ['file through a link to a folder outside', () => 'dossier-sortant/secret.yaml', 403, 'fichier-hors-dossier'],
    ['new file in a linked folder outside', () => 'dossier-sortant/nouveau.yaml', 403, 'fichier-hors-dossier'],
    ['hidden file', () => '.cache.yaml', 403, 'fichier-hors-dossier'],
    ['backslash', () => 'sous\\b.yml', 400, 'fichier-invalide'],
    ['not a YAML file', () => 'a.txt', 400, 'fichier-invalide'],
    ['a folder', () => 'sous', 400, 'fichier-invalide'],
    ['nothing', () => '', 400, 'fichier-invalide'],
    ['not a string', () => 42, 400, 'fichier-invalide'],
    ['missing folder', () => 'absent/a.yaml', 404, 'dossier-introuvable'],
  ])('refused: %s', async (_what, fichier, status, code) => {
    const { root } = setUp();
    const given = fichier(root);
    const refused = await refusal(root, given);
    expect(refused).toMatchObject({ status, code });
    // A French sentence, which names the real path of the folder only if it was given.
    expect(refused.message).toMatch(/[a-zé] [a-zé]/);
    if (typeof given !== 'string' || !given.startsWith('/')) expect(refused.message).not.toContain(root);
  });
});
