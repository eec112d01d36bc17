/**
 * `render --jobs N`: documents spread over worker threads, reported in input order, one bad file
 * not stopping the others, the same bytes whatever the number of threads, and a closing summary.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { outputNamesOf } from '../support/outputs.js';
import { EXAMPLES, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** The bad files of the batch: one invalid convention, one file that cannot be read. */
const BAD = ['c-invalide.yaml', 'd-latin1.yaml'];

/** The examples twice, under other names, and the bad files. */
function batchFolder(): string {
  const folder = temporaryFolder('convention-batch-');
  examples.forEach((example, i) => {
    const text = readFileSync(join(EXAMPLES, example), 'utf8');
    writeFileSync(join(folder, `a${i}-${example}`), text);
    writeFileSync(join(folder, `b${i}-${example}`), text);
  });
  const marolles = readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8');
  writeFileSync(join(folder, BAD[0]!), marolles.replace(/^modele: departemental$/m, 'modele: departementale'));
  writeFileSync(join(folder, BAD[1]!), Buffer.from([0x74, 0x79, 0x70, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
  return folder;
}

const successLines = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('✓'));

describe('convention render --jobs (real bin)', () => {
  const folder = batchFolder();
  const inputs = readdirSync(folder).sort();

  test('two threads: every good document written, bad ones reported, input order kept, worst exit code', async () => {
    const out = join(temporaryFolder(), 'out') + '/';
    const run = runCli(['render', folder, '-o', out, '--jobs', '2']);
    expect(run.status).toBe(2); // the unreadable file (2) is worse than the invalid one (1)
    const good = inputs.filter((f) => !BAD.includes(f));
    expect(successLines(run.stdout).map((line) => line.split(' ')[1])).toEqual(good.map((f) => join(folder, f)));
    expect(run.stdout).toContain(`${join(folder, 'c-invalide.yaml')}:5:9  erreur  valeur-inconnue`);
    expect(run.stdout).toContain('c-invalide.yaml : convention invalide, aucun document écrit');
    expect(run.stdout).toContain("d-latin1.yaml : le fichier n'est pas en UTF-8");
    expect(run.stdout.indexOf('c-invalide.yaml')).toBeLessThan(run.stdout.indexOf('d-latin1.yaml'));
    expect(run.stdout).toMatch(new RegExp(`^Bilan : ${good.length} conventions rendues, ${BAD.length} en échec, en \\d+,\\d s \\(\\d+,\\d documents/s\\)\\.$`, 'm'));
    // Each good input's DOCX, and the DOCX of each annex its model keeps separate; nothing else.
    const expected = await outputNamesOf(EXAMPLES, good, (f) => f.replace(/^[ab]\d+-/, ''));
    expect(readdirSync(out).sort()).toEqual(expected.sort());
  });

  test('one thread and two threads write the same bytes and the same lines', () => {
    const one = join(temporaryFolder(), 'un') + '/';
    const two = join(temporaryFolder(), 'deux') + '/';
    const first = runCli(['render', folder, '-o', one, '--jobs', '1']);
    const second = runCli(['render', folder, '-o', two, '--jobs', '2']);
    const withoutSummary = (text: string) => text.replace(/^Bilan : .*$/m, '').replaceAll(one, '').replaceAll(two, '');
    expect(withoutSummary(first.stdout)).toBe(withoutSummary(second.stdout));
    expect(first.stderr).toBe(second.stderr);
    expect(first.status).toBe(second.status);
    for (const file of readdirSync(one)) expect(readFileSync(join(two, file)).equals(readFileSync(join(one, file)))).toBe(true);
  });

  test('a single document prints no summary; --jobs must be a whole number of at least 1', () => {
    const out = temporaryFolder();
    const single = runCli(['render', join(EXAMPLES, examples[0]!), '-o', join(out, 'un.docx'), '--jobs', String(availableParallelism())]);
    expect(single.status).toBe(0);
    expect(single.stderr).toBe('');
    expect(single.stdout).not.toContain('Bilan');
    for (const bad of ['0', 'deux', '1.5']) {
      const run = runCli(['render', EXAMPLES, '-o', out + '/', '--jobs', bad]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`valeur « ${bad} » invalide pour --jobs`);
    }
    expect(readdirSync(out)).toEqual(['un.docx']);
  });
});
