/**
 * Renders many conventions, in this thread or spread over worker threads (`render --jobs N`). Each
 * document goes through the same `renderFile` either way; outcomes are handed back in the order of
 * the inputs, whatever order the workers finish in, so the output of a batch does not depend on
 * timing. One failing document never stops the others, and neither does a worker that dies.
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
  pdf?: { timeoutSeconds: number };
  /** The YAML file's size in bytes: a large one is rendered alone (LARGE_INPUT_BYTES). */
  size?: number;
  /**
   * This convention's outputs (DOCX, annexes, PDFs) that existed before the command started. Used
   * on a retry only: any other file at one of its paths was written by the attempt that died.
   */
  existedBefore?: readonly string[];
}

/** What became of a task: the pipeline's result, or the line describing the error that stopped it. */
export type RenderOutcome =
  | { ok: true; problems: Problem[]; text?: string; outputs?: string[] }
  | { ok: false; error: string; interrupted?: true };

/** The messages a worker receives, and those it answers with. */
export type ToWorker = { kind: 'render'; index: number; attempt: number; task: RenderTask } | { kind: 'stop' };
export type FromWorker = { kind: 'ready' } | { kind: 'done'; index: number; outcome: RenderOutcome } | { kind: 'stopped' };

/**
 * Runs one task; never throws (an error becomes an outcome, as `runFiles` would print it). A task
 * stopped by `signal` (Ctrl-C) before it wrote anything comes back `interrupted`.
 */
export async function renderTask(task: RenderTask, attempt = 1, signal?: AbortSignal): Promise<RenderOutcome> {
  try {
    const result = await renderFile(task.file, task.output, {
      force: task.force,
      templates: task.templates,
      pdf: task.pdf,
      existedBefore: attempt > 1 ? (task.existedBefore ?? []) : undefined,
      signal,
    });
    // The source text travels back only when a problem needs it for its code frame.
    return { ok: true, problems: result.problems, text: result.problems.length > 0 ? result.text : undefined, outputs: result.outputs };
  } catch (error) {
    if (signal?.aborted) return { ok: false, error: describeError(signal.reason, task.file), interrupted: true };
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
 * 210 MB for the whole process (uncapped: 280 MB and more, growing with the batch); at 48 MB the
 * collector thrashes. The lower end keeps a batch of 10 000 as low as one of 1 000.
 */
const WORKER_HEAP_MB = 96;

/**
 * The size of a YAML file past which its convention is rendered alone, by a worker without a heap
 * cap: four times the longest example (17 KB). What a document allocates grows with its text; a
 * small one never makes a single allocation anywhere near the cap (see `renderBatch`).
 */
const LARGE_INPUT_BYTES = 64 * 1024;

/** Time the workers have, once asked to stop (Ctrl-C), to finish the files they are writing. */
const STOP_GRACE_MS = 5000;

/** Workers that die before they start, in a row, after which this thread renders what is left. */
const MAX_START_FAILURES = 2;

export interface BatchOptions {
  /** Threads rendering at once: workers when 2 or more (and more than one task), this thread otherwise. */
  jobs: number;
  /** Stops the batch (Ctrl-C): nothing new starts, documents in progress stop before writing. */
  signal?: AbortSignal;
  /** The worker script (tests give one that dies). */
  workerFile?: URL;
}

export interface BatchEnd {
  /** Stopped by the signal: some tasks have no outcome. */
  interrupted: boolean;
}

interface Thread {
  worker: Worker;
  /** Renders one task at a time, with no heap cap: large inputs, and the tasks of a worker that died. */
  alone: boolean;
  /** Indexes of the tasks it was sent and has not answered. */
  held: Set<number>;
  /** Said it was ready: its script loaded. */
  ready: boolean;
  error?: Error;
}

/**
 * Renders the tasks on `jobs` worker threads (in this thread when `jobs` is 1, for a single task,
 * or when no compiled worker exists), calling `onOutcome` in input order. With workers, this thread
 * only hands out tasks and reports: it never loads docx.
 *
 * Each worker's heap is capped (WORKER_HEAP_MB) — V8 otherwise lets a busy heap grow with the length
 * of the batch, and the peak memory of a long batch with it. But the cap is no wall: when a worker
 * reaches it, Node gives the worker 16 MB more and stops it, and an allocation larger than that,
 * made in one step (a long string, a large array), is a fatal out-of-memory error of the whole
 * process (abort, exit 134), whichever thread made it. So a capped worker only renders what cannot
 * need that much at once: a convention whose YAML is large (LARGE_INPUT_BYTES) is rendered alone by
 * a worker without a cap, where it has the memory `--jobs 1` would give it; with template overlays,
 * whose output has no bound, no worker is capped.
 *
 * A worker that dies (an error, an exit, its heap cap reached) takes its tasks with it: each is
 * rendered again, alone, by a worker without a cap (not by this thread: it stays small, and a
 * document that kills a worker could kill it too). A document that stops that worker too is
 * reported as failed. Workers that cannot start at all leave the work to this thread, as
 * `--jobs 1` would.
 */
export async function renderBatch(
  tasks: readonly RenderTask[],
  options: BatchOptions,
  onOutcome: (task: RenderTask, outcome: RenderOutcome, index: number) => Promise<void> | void,
): Promise<BatchEnd> {
  const { signal, workerFile = WORKER_FILE } = options;
  const total = tasks.length;
  const useWorkers = Math.min(options.jobs, total) >= 2 && existsSync(fileURLToPath(workerFile));
  const attempts = new Uint8Array(total);
  /** Tasks for the capped workers, and for the one rendering alone; in input order. */
  const shared: number[] = [];
  const single: number[] = [];
  tasks.forEach((task, index) => (useWorkers && (task.size ?? 0) > LARGE_INPUT_BYTES ? single : shared).push(index));
  const capped = !tasks.some((task) => task.templates?.length);
  const limit = Math.max(options.jobs, 2);
  const done = new Map<number, RenderOutcome>();
  const threads = new Set<Thread>();
  let settled = 0;
  let nextToReport = 0;
  let startFailures = 0;
  let renderingHere = 0;
  let fallback = false;
  let stopping = signal?.aborted ?? false;
  let ended = false;
  let failure: unknown;
  // Outcomes are reported one after the other, in order, whichever thread finished first.
  let reporting = Promise.resolve();
  let end!: () => void;
  const finished = new Promise<void>((resolve) => (end = resolve));

  const checkEnd = () => {
    if (ended) return;
    if (settled === total || (stopping && threads.size === 0 && renderingHere === 0)) {
      ended = true;
      end();
    }
  };
  const settle = (index: number, outcome: RenderOutcome) => {
    done.set(index, outcome);
    settled++;
    reporting = reporting
      .then(async () => {
        while (done.has(nextToReport) && failure === undefined) {
          const at = nextToReport++;
          const result = done.get(at)!;
          done.delete(at);
          await onOutcome(tasks[at]!, result, at);
        }
      })
      .catch((error: unknown) => {
        // A report that fails (stdout closed…) ends the batch: stop as on Ctrl-C, then rethrow.
        failure ??= error;
        stop();
      });
    checkEnd();
  };

  const send = (thread: Thread, index: number) => {
    attempts[index]!++;
    thread.held.add(index);
    thread.worker.postMessage({ kind: 'render', index, attempt: attempts[index]!, task: tasks[index]! } satisfies ToWorker);
  };
  const fill = (thread: Thread) => {
    if (stopping || !thread.ready) return;
    if (!thread.alone) {
      while (thread.held.size < IN_FLIGHT_PER_THREAD && shared.length > 0) send(thread, shared.shift()!);
      // Nothing left to share: an idle worker only holds memory.
      if (thread.held.size === 0) void thread.worker.terminate();
    } else if (thread.held.size === 0) {
      const index = single.shift();
      // Done with what had to be rendered alone: its uncapped heap is given back.
      if (index === undefined) void thread.worker.terminate();
      else send(thread, index);
    }
  };
  /**
   * Starts the workers the work left needs, `jobs` at most: one rendering alone while there are
   * such tasks, the others sharing the rest.
   */
  const staff = () => {
    if (stopping || fallback) return;
    if (startFailures >= MAX_START_FAILURES) {
      renderHere();
      return;
    }
    const counts = { shared: 0, alone: 0 };
    for (const thread of threads) counts[thread.alone ? 'alone' : 'shared']++;
    const aloneSlots = counts.alone > 0 || single.length > 0 ? 1 : 0;
    for (let n = counts.shared; n < Math.min(limit - aloneSlots, shared.length); n++) spawn(false);
    if (single.length > 0 && counts.alone === 0) spawn(true);
  };

  const spawn = (alone: boolean) => {
    const worker = new Worker(workerFile, !alone && capped ? { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } } : {});
    const thread: Thread = { worker, alone, held: new Set(), ready: false };
    threads.add(thread);
    worker.on('message', (message: FromWorker) => {
      if (message.kind === 'ready') {
        thread.ready = true;
        startFailures = 0;
        fill(thread);
      } else if (message.kind === 'stopped') {
        void worker.terminate();
      } else {
        thread.held.delete(message.index);
        // A task stopped by Ctrl-C wrote nothing: it stays without outcome.
        if (!(message.outcome.ok === false && message.outcome.interrupted)) settle(message.index, message.outcome);
        fill(thread);
      }
    });
    worker.on('error', (error) => (thread.error = error));
    worker.on('exit', (code) => {
      threads.delete(thread);
      if (ended) return;
      if (!thread.ready) startFailures++;
      if (!stopping) {
        for (const index of thread.held) {
          // Rendered alone already: this document is what stops a worker.
          if (thread.alone) settle(index, { ok: false, error: deathMessage(tasks[index]!.file, thread.error, code) });
          else single.push(index);
        }
        single.sort((a, b) => a - b);
      }
      thread.held.clear();
      staff();
      checkEnd();
    });
  };

  /** This thread renders what is left, IN_FLIGHT_PER_THREAD tasks at a time. */
  const renderHere = () => {
    fallback = true;
    const slot = async () => {
      renderingHere++;
      try {
        while (!stopping) {
          const index = single.shift() ?? shared.shift();
          if (index === undefined) break;
          attempts[index]!++;
          const outcome = await renderTask(tasks[index]!, attempts[index]!, signal);
          if (!(outcome.ok === false && outcome.interrupted)) settle(index, outcome);
        }
      } finally {
        renderingHere--;
        checkEnd();
      }
    };
    for (let k = 0; k < IN_FLIGHT_PER_THREAD; k++) void slot();
  };

  let grace: NodeJS.Timeout | undefined;
  const stop = () => {
    if (stopping && grace) return;
    stopping = true;
    for (const thread of threads) {
      if (thread.ready) thread.worker.postMessage({ kind: 'stop' } satisfies ToWorker);
      else void thread.worker.terminate();
    }
    // A worker busy with a long document answers late: past the grace time it is terminated, and
    // the command removes what it may have left (render-command.ts).
    grace = setTimeout(() => {
      for (const thread of threads) void thread.worker.terminate();
    }, STOP_GRACE_MS);
    checkEnd();
  };
  signal?.addEventListener('abort', stop, { once: true });

  if (!stopping) {
    if (useWorkers) staff();
    else renderHere();
  }
  checkEnd();
  await finished;
  signal?.removeEventListener('abort', stop);
  clearTimeout(grace);
  await Promise.all([...threads].map((thread) => thread.worker.terminate()));
  await reporting;
  // Interrupted: what was done past the first task without outcome is reported too, in order.
  for (const index of [...done.keys()].sort((a, b) => a - b)) {
    if (failure !== undefined) break;
    await onOutcome(tasks[index]!, done.get(index)!, index);
  }
  if (failure !== undefined) throw failure;
  return { interrupted: stopping && settled < total };
}

function deathMessage(file: string, error: Error | undefined, code: number): string {
  const cause =
    (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? 'mémoire épuisée'
      : error
        ? `erreur interne : ${error.message}`
        : `arrêt inattendu, code ${code}`;
  return `${file} : convention non rendue : le fil de rendu s'est arrêté sur elle, même rendue seule (${cause}).`;
}
