/**
 * A worker thread of `render --jobs N`: renders the tasks it is sent with the ordinary pipeline and
 * answers each with its outcome (see batch.ts). It prints nothing; the main thread does.
 */
import { parentPort } from 'node:worker_threads';
import { renderTask, type WorkerReply, type WorkerRequest } from './batch.js';

if (!parentPort) throw new Error('batch-worker.js se lance comme fil de travail de « convention render ».');
const port = parentPort;
// Tasks run as they come: the main thread sends a few at a time (IN_FLIGHT_PER_THREAD, batch.ts), so
// one's file is written while another renders.
port.on('message', (request: WorkerRequest) => {
  void renderTask(request.task).then((outcome) => port.postMessage({ index: request.index, outcome } satisfies WorkerReply));
});
