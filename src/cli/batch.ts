/**
 * Renders many conventions, in this thread or spread over worker threads (`render --jobs N`). Each
 * document goes through the same `renderFile` either way; outcomes are handed back in the order of
 * the inputs, whatever order the workers finish in, so the output of a batch does not depend on
 * timing. One failing document never stops the others.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { renderFile } from '../core/pipeline.js';
import type { Problem } from '../core/problem.js';
import { describeError } from './run-files.js';

/** One document to render: what `renderFile` takes. */
export interface RenderTask {
  file: string;
  output: string;
  force: boolean;
  templates?: readonly string[];
}

/** What became of a task: the pipeline's result, or the line describing the error that stopped it. */
export type RenderOutcome =
  | { ok: true; problems: Problem[]; text?: string; outputs?: string[] }
  | { ok: false; error: string };

/** The message a worker receives, and the one it answers with. */
export interface WorkerRequest {
  index: number;
  task: RenderTask;
}
export interface WorkerReply {
  index: number;
  outcome: RenderOutcome;
}

/** Runs one task; never throws (an error becomes an outcome, as `runFiles` would print it). */
export async function renderTask(task: RenderTask): Promise<RenderOutcome> {
  try {
    const result = await renderFile(task.file, task.output, { force: task.force, templates: task.templates });
    // The source text travels back only when a problem needs it for its code frame.
    return { ok: true, problems: result.problems, text: result.problems.length > 0 ? result.text : undefined, outputs: result.outputs };
  } catch (error) {
    return { ok: false, error: describeError(error, task.file) };
  }
}

/** The compiled worker beside this module (dist/cli or dist/bundle); absent when run from sources. */
const WORKER_FILE = new URL('./batch-worker.js', import.meta.url);

/**
 * Tasks a thread holds at once. Rendering is synchronous work between awaits (reading the YAML,
 * writing the DOCX): with several tasks, one's I/O overlaps another's rendering, and a worker never
 * idles waiting for the main thread to send the next task (measured: with 4 the cores sit idle less
 * often than with 2 or 3).
 */
const IN_FLIGHT_PER_THREAD = 4;

/**
 * A worker's old-generation heap, in MB: some four times what a worker keeps alive (about 25 MB).
 * Measured on 3 000 documents with two workers, 64 to 128 MB give the same speed and a peak near
 * 210 MB for the whole process (uncapped: 280 to 300 MB, growing with the batch); at 48 MB the
 * collector thrashes. The lower end keeps a batch of 10 000 as low as one of 1 000.
 */
const WORKER_HEAP_MB = 96;

/**
 * Renders the tasks on `jobs` worker threads (in this thread when `jobs` is 1, for a single task,
 * or when no compiled worker exists), calling `onOutcome` in input order. `workerFile`: the worker
 * script (tests give one that dies).
 *
 * With workers, this thread only hands out tasks and reports: it never loads docx, and each worker's
 * heap is capped (WORKER_HEAP_MB) — V8 otherwise lets a busy heap grow with the length of the batch,
 * and the peak memory of a long batch with it. A task held by a worker that dies (out of memory, a
 * crash) is rendered again here, where the heap is not capped: one document never fails a batch
 * only because it was in a worker.
 */
export async function renderBatch(
  tasks: readonly RenderTask[],
  jobs: number,
  onOutcome: (task: RenderTask, outcome: RenderOutcome, index: number) => Promise<void> | void,
  workerFile: URL = WORKER_FILE,
): Promise<void> {
  const threads = Math.min(jobs, tasks.length);
  const workers = threads >= 2 && existsSync(fileURLToPath(workerFile)) ? threads : 0;
  const done = new Map<number, RenderOutcome>();
  let nextToSend = 0;
  let nextToReport = 0;
  // Outcomes are reported one after the other, in order, whichever thread finished first.
  let reporting = Promise.resolve();
  let failure: unknown;
  const take = (): number | undefined => (nextToSend < tasks.length ? nextToSend++ : undefined);

  await new Promise<void>((resolve, reject) => {
    const pool: Worker[] = [];
    const pending = new Map<Worker, Set<number>>();
    let finished = false;
    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      for (const worker of pool) void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const report = () => {
      reporting = reporting.then(async () => {
        while (done.has(nextToReport)) {
          const index = nextToReport++;
          const outcome = done.get(index)!;
          done.delete(index);
          await onOutcome(tasks[index]!, outcome, index);
        }
        if (nextToReport === tasks.length) finish();
      });
      reporting.catch((error: unknown) => {
        failure ??= error;
        finish(error);
      });
    };
    const send = (worker: Worker) => {
      const index = take();
      if (index === undefined) return;
      pending.get(worker)!.add(index);
      worker.postMessage({ index, task: tasks[index]! } satisfies WorkerRequest);
    };
    const retryHere = (worker: Worker) => {
      for (const index of pending.get(worker)!) {
        void renderTask(tasks[index]!).then((outcome) => {
          done.set(index, outcome);
          report();
        });
      }
      pending.get(worker)!.clear();
    };
    const spawn = () => {
      const worker = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
      pool.push(worker);
      pending.set(worker, new Set());
      worker.on('message', (reply: WorkerReply) => {
        pending.get(worker)!.delete(reply.index);
        done.set(reply.index, reply.outcome);
        send(worker);
        report();
      });
      // A worker that dies takes no more tasks; those it held are rendered here, and a fresh worker
      // takes its share of the tasks not yet sent.
      let dead = false;
      const died = () => {
        if (dead || finished) return;
        dead = true;
        pool.splice(pool.indexOf(worker), 1);
        retryHere(worker);
        if (nextToSend < tasks.length) spawn();
      };
      worker.on('error', died);
      worker.on('exit', died);
      for (let k = 0; k < IN_FLIGHT_PER_THREAD; k++) send(worker);
    };
    for (let n = 0; n < workers; n++) spawn();
    // Without workers, this thread renders: tasks taken one after the other by each in-flight slot.
    const renderHere = async () => {
      for (let index = take(); index !== undefined && !finished; index = take()) {
        done.set(index, await renderTask(tasks[index]!));
        report();
      }
    };
    if (workers === 0) for (let k = 0; k < IN_FLIGHT_PER_THREAD; k++) void renderHere();
    if (tasks.length === 0) finish();
  });
  if (failure) throw failure;
}
