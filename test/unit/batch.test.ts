/**
 * renderBatch when workers die: what a dead worker held is rendered again, alone, in a fresh
 * worker; a document that kills that one too is reported as failed; the outcomes still come in
 * input order; and no worker, whatever it allocates, takes the process down. The worker scripts
 * (test/fixtures/workers) wrap the real one, built in dist/ (the test script builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderBatch, type RenderOutcome, type RenderTask } from '../../src/cli/batch.js';
import { EXAMPLES, FIXTURES, ROOT, temporaryFolder } from '../support/paths.js';

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** Conventions written under the names given, then the examples, as tasks writing into a fresh folder. */
function tasksWith(extra: Record<string, string> = {}): RenderTask[] {
  const folder = temporaryFolder();
  const out = temporaryFolder();
  const files: string[] = [];
  for (const [name, text] of Object.entries(extra)) {
    writeFileSync(join(folder, name), text);
    files.push(join(folder, name));
  }
  files.push(...examples.map((example) => join(EXAMPLES, example)));
  return files.map((file) => ({
    file,
    output: join(out, file.split('/').pop()!.replace(/\.yaml$/, '.docx')),
    force: false,
    size: statSync(file).size,
  }));
}

const workerFile = (name: string) => {
  const path = join(FIXTURES, 'workers', name);
  // The worker must exist, or renderBatch would render everything here without trying it.
  expect(existsSync(path)).toBe(true);
  return pathToFileURL(path);
};

async function run(tasks: RenderTask[], worker: string): Promise<RenderOutcome[]> {
  const seen: [number, RenderOutcome][] = [];
  const end = await renderBatch(tasks, { jobs: 2, workerFile: workerFile(worker) }, (_task, outcome, index) => void seen.push([index, outcome]));
  expect(end.interrupted).toBe(false);
  expect(seen.map(([index]) => index)).toEqual(tasks.map((_task, index) => index));
  return seen.map(([, outcome]) => outcome);
}

const marolles = readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8');

test('a worker that fails as it loads: this thread renders every document, as --jobs 1 would', async () => {
  const tasks = tasksWith();
  const outcomes = await run(tasks, 'throws.mjs');
  outcomes.forEach((outcome, index) => {
    expect(outcome).toMatchObject({ ok: true, problems: [] });
    expect(existsSync(tasks[index]!.output)).toBe(true);
  });
}, 120000);

test('a worker that dies on a document: the others are rendered, that one is tried alone, then reported failed', async () => {
  const tasks = tasksWith({ 'marolles-meurt.yaml': marolles });
  const outcomes = await run(tasks, 'dies-on.mjs');
  outcomes.forEach((outcome, index) => {
    const task = tasks[index]!;
    if (task.file.includes('meurt')) {
      expect(outcome.ok).toBe(false);
      expect(outcome.ok === false && outcome.error).toBe(
        `${task.file} : convention non rendue : le fil de rendu s'est arrêté sur elle, même rendue seule (arrêt inattendu, code 3).`,
      );
      expect(existsSync(task.output)).toBe(false);
    } else {
      expect(outcome).toMatchObject({ ok: true, problems: [] });
      expect(existsSync(task.output)).toBe(true);
    }
  });
}, 120000);

test('a worker that dies after writing: the retry replaces its files instead of finding them « already there »', async () => {
  const tasks = tasksWith();
  const markers = tasks.map((task) => join(tmpdir(), `convention-test-mort-${createHash('sha1').update(task.output).digest('hex')}`));
  try {
    const outcomes = await run(tasks, 'dies-after-writing.mjs');
    outcomes.forEach((outcome, index) => {
      expect(outcome).toMatchObject({ ok: true, problems: [] });
      expect(existsSync(tasks[index]!.output)).toBe(true);
    });
    // Workers did die after writing (the marker), and their documents were written again.
    expect(markers.some((marker) => existsSync(marker))).toBe(true);
  } finally {
    for (const marker of markers) rmSync(marker, { force: true });
  }
  // Without --force, a file that was there before the command is still refused on a retry.
  const before = tasksWith();
  writeFileSync(before[0]!.output, 'avant');
  const again = before.map((task, index) => ({ ...task, existedBefore: index === 0 ? [task.output] : [] }));
  const markersAgain = again.map((task) => join(tmpdir(), `convention-test-mort-${createHash('sha1').update(task.output).digest('hex')}`));
  try {
    const outcomes = await run(again, 'dies-after-writing.mjs');
    for (const outcome of outcomes.slice(1)) expect(outcome).toMatchObject({ ok: true, problems: [] });
    expect(outcomes[0]).toEqual({ ok: false, error: `${again[0]!.output} existe déjà ; ajoutez --force pour le remplacer.` });
    expect(readFileSync(again[0]!.output, 'utf8')).toBe('avant');
  } finally {
    for (const marker of markersAgain) rmSync(marker, { force: true });
  }
}, 180000);

test('a large document allocating past the workers’ heap cap in one step does not take the process down', () => {
  // A real convention made large by a long comment, for which the worker script grows an array past
  // 100 MB: more than the capped workers' 96 MB, which V8 turns into an abort of the whole process
  // (the first task of a fresh worker: it is as the worker script says, whatever ran before).
  const tasks = tasksWith({ 'gourmand.yaml': `${marolles}\n# ${'commentaire '.repeat(8000)}\n` });
  const script = `
    const { renderBatch } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'cli', 'batch.js')).href)});
    const outcomes = [];
    await renderBatch(${JSON.stringify(tasks)}, { jobs: 2, workerFile: new URL(${JSON.stringify(workerFile('allocates.mjs').href)}) }, (_task, outcome) => { outcomes.push(outcome); });
    console.log(JSON.stringify(outcomes.map((outcome) => outcome.ok)));
  `;
  // A script file, as the bin is: run through `node -e`, the same allocation did not abort in our runs.
  const file = join(temporaryFolder(), 'lot.mjs');
  writeFileSync(file, script);
  const result = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 120000 });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual(tasks.map(() => true));
  for (const task of tasks) expect(existsSync(task.output)).toBe(true);
}, 180000);
