/**
 * What a template (an overlay given with --templates) writes is checked before it reaches a
 * document: text Word cannot hold, or Markdown too deeply nested to be read, is a template error —
 * exit 2, a French message saying what and where, no stack, no file written — never a corrupt DOCX
 * with exit 0, never an "erreur interne".
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const EXAMPLE = readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8');

test.each([
  ['a control character', 'Un texte \u0001 ici.\n', 'U+0001'],
  ['U+FFFF', 'Un texte \uFFFF ici.\n', 'U+FFFF'],
  // marked reads these by re-reading or scanning the rest of the line at each mark: minutes of
  // work, then a stack overflow, before they were bounded. 800 K characters: under the 1 MB a
  // template file may weigh (gabarit-trop-volumineux), far over any depth a document has.
  ['a line of 800 K characters: quotes nested 400 000 deep', `${'> '.repeat(400_000)}texte\n`, 'niveaux de citations ou de listes'],
  ['a line of 800 K characters: list markers nested 400 000 deep', `${'- '.repeat(400_000)}texte\n`, 'niveaux de citations ou de listes'],
  ['a line of 800 K characters: emphasis marks', `${'*'.repeat(400_000)}texte${'*'.repeat(400_000)}\n`, 'marques Markdown'],
])('a template writing %s: exit 2, a template error, nothing written', (_what, output, message) => {
  const overlay = temporaryFolder();
  mkdirSync(join(overlay, 'common'));
  writeFileSync(join(overlay, 'common', 'document.md.hbs'), output);
  const folder = temporaryFolder();
  const file = join(folder, 'convention.yaml');
  writeFileSync(file, EXAMPLE);
  const run = runCli(['render', file, '--templates', overlay]);
  expect(run.status).toBe(2);
  // A file's failure is part of the report, on stdout (README, « Sorties »).
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('erreur de gabarit');
  expect(run.stdout).toContain(message);
  expect(run.stdout).not.toContain('erreur interne');
  expect(run.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect(readdirSync(folder)).toEqual(['convention.yaml']);
  expect(existsSync(join(folder, 'convention.docx'))).toBe(false);
});
