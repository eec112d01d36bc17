/**
 * renderBatch when workers die: whatever a dead worker held is rendered again in the main thread,
 * so no document of the batch is lost and the outcomes still come in input order.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderBatch, type RenderOutcome, type RenderTask } from '../../src/cli/batch.js';
import { EXAMPLES, FIXTURES, temporaryFolder } from '../support/paths.js';

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

test.each(['exits.mjs', 'throws.mjs'])('a worker that dies (%s) loses no document', async (worker) => {
  const out = temporaryFolder();
  const tasks: RenderTask[] = examples.map((example) => ({
    file: join(EXAMPLES, example),
    output: join(out, example.replace(/\.yaml$/, '.docx')),
    force: false,
  }));
  const workerFile = join(FIXTURES, 'workers', worker);
  // The worker must exist, or renderBatch would render everything here without trying it.
  expect(existsSync(workerFile)).toBe(true);
  const seen: [number, RenderOutcome][] = [];
  await renderBatch(tasks, 2, (_task, outcome, index) => void seen.push([index, outcome]), pathToFileURL(workerFile));
  expect(seen.map(([index]) => index)).toEqual(tasks.map((_task, index) => index));
  for (const [index, outcome] of seen) {
    expect(outcome).toMatchObject({ ok: true, problems: [] });
    expect(existsSync(tasks[index]!.output)).toBe(true);
  }
}, 60000);
