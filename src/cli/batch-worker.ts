/**
 * A worker thread of `render --jobs N`: renders the tasks it is sent with the ordinary pipeline and
 * answers each with its outcome (see batch.ts). It prints nothing; the main thread does.
 */
import { parentPort } from 'node:worker_threads';
import { renderTask, type WorkerReply, type WorkerRequest } from './batch.js';

if (!parentPort) throw new Error('batch-worker.js se lance comme fil de travail de « convention render ».');
const port = parentPort;
// Tasks run one after the other: the thread is the unit of parallelism.
let queue = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    port.postMessage({ index: request.index, outcome: await renderTask(request.task) } satisfies WorkerReply);
  });
});
