/**
 * A worker thread of `render --jobs N`: renders the tasks it is sent with the ordinary pipeline and
 * answers each with its outcome (see batch.ts). It prints nothing; the main
 * thread does. Asked to stop (Ctrl-C), it stops its documents before they write anything (a file
 * being written is finished: a set is written whole, write.ts), then says it has stopped.
 */
import { parentPort } from 'node:worker_threads';
import { UserError } from '../core/errors.js';
import { renderTask, type FromWorker, type ToWorker } from './batch.js';

if (!parentPort) throw new Error('batch-worker.js se lance comme fil de travail de « convention render ».');
const port = parentPort;
const stop = new AbortController();
let inFlight = 0;

// Tasks run as they come: the main thread sends a few at a time (IN_FLIGHT_PER_THREAD, batch.ts), so
// one's file is written while another renders.
port.on('message', (message: ToWorker) => {
  if (message.kind === 'stop') {
    stop.abort(new UserError('interrompu avant l’écriture', 'interrompu'));
    if (inFlight === 0) port.postMessage({ kind: 'stopped' } satisfies FromWorker);
    return;
  }
  inFlight++;
  void renderTask(message.task, message.attempt, stop.signal).then((outcome) => {
    inFlight--;
    port.postMessage({ kind: 'done', index: message.index, outcome } satisfies FromWorker);
    if (stop.signal.aborted && inFlight === 0) port.postMessage({ kind: 'stopped' } satisfies FromWorker);
  });
});
port.postMessage({ kind: 'ready' } satisfies FromWorker);
