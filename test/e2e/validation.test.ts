/**
 * Validation through the real bin, where its results meet other files of the same run: each file's
 * problems are its own, whatever else is validated in the same process at the same time.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const EXAMPLE = readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8');

describe('validation results belong to the file validated (real bin)', () => {
  // Same type, validated in the same thread: the invalid file's errors must not be lost to the
  // valid one's validation (a shared validator's `errors`, read after an `await`, once were).
  const folder = temporaryFolder();
  const bad = join(folder, 'bad.yaml');
  const good = join(folder, 'good.yaml');
  writeFileSync(bad, EXAMPLE.replace(/^modele: departemental$/m, 'modele: departementale'));
  writeFileSync(good, EXAMPLE);

  test.each([
    ['render, one thread per core', ['render', bad, good, '-o', join(folder, 'out-a') + '/']],
    ['render --jobs 1', ['render', bad, good, '-o', join(folder, 'out-b') + '/', '--jobs', '1']],
    ['render, the valid file first', ['render', good, bad, '-o', join(folder, 'out-c') + '/', '--jobs', '1']],
  ])('%s: the invalid file gets its own message and exit 1, the valid one is written', (_name, args) => {
    const run = runCli(args);
    expect(run.stdout).toContain(`${bad}:5:9  erreur  valeur-inconnue`);
    expect(run.stdout).not.toContain('erreur interne');
    expect(run.status).toBe(1);
    const out = args[args.indexOf('-o') + 1]!;
    expect(existsSync(join(out, 'good.docx'))).toBe(true);
    expect(existsSync(join(out, 'bad.docx'))).toBe(false);
  });

  test('validate: the invalid file gets its own message and exit 1', () => {
    const run = runCli(['validate', bad, good]);
    expect(run.stdout).toContain(`${bad}:5:9  erreur  valeur-inconnue`);
    expect(run.stdout).toContain(`✓ ${good} : convention valide`);
    expect(run.status).toBe(1);
  });
});
