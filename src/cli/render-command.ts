/**
 * `convention render <fichiers|dossiers…> [-o FICHIER|DOSSIER] [--force] [--jobs N] [--pdf]`: YAML to
 * DOCX, documents spread over N threads (one per core by default), reported in input order.
 *
 * Every output is planned and checked before anything is written (render-plan.ts); each convention's
 * files are written all or none (write.ts). Ctrl-C (SIGINT) or SIGTERM stops the batch: documents in
 * progress stop before writing, nothing half-written nor temporary is left, and the command exits 130.
 */
import { availableParallelism } from 'node:os';
import { ExitCode, UserError } from '../core/errors.js';
import { hasErrors } from '../core/problem.js';
import { ensureFolder, removeTemporaries } from '../core/write.js';
import { renderBatch, type RenderOutcome, type RenderTask } from './batch.js';
import { openProgress, type Progress } from './batch-progress.js';
import { expandInputs } from './inputs.js';
import { planOutputs } from './render-plan.js';
import { formatFailure, formatProblem, formatSuccess } from './report.js';
import { describeError } from './run-files.js';

export interface RenderCommandOptions {
  output?: string;
  force?: boolean;
  pdf?: boolean;
  /** Seconds LibreOffice has to convert one document (`--pdf-timeout`). */
  pdfTimeout?: string | number;
  templates?: string[];
  /** Threads rendering at once (`--jobs`); one per core by default, never more. */
  jobs?: string | number;
}

/** The shell's code for a command stopped by a signal it handled (128 + SIGINT), for SIGTERM too. */
export const INTERRUPTED = 130 as ExitCode;

export async function renderCommand(paths: string[], options: RenderCommandOptions): Promise<ExitCode> {
  refuseStandardStreams(paths, options.output);
  const { jobs, notice } = parseJobs(options.jobs);
  const inputs = await expandInputs(paths);
  const files = inputs.filter((input) => !input.error).map((input) => input.file);
  const pdf = options.pdf ? await import('../core/pdf.js') : undefined;
  // Said before any work: a batch must not stop half-way for a missing LibreOffice.
  pdf?.requireSoffice();
  const timeoutSeconds = pdf ? parsePdfTimeout(options.pdfTimeout, pdf.DEFAULT_PDF_TIMEOUT_SECONDS) : 0;
  const plan = planOutputs(files, options.output, pdf !== undefined);
  if (notice) console.error(notice);

  // The plan holds: writing starts here.
  if (plan.folderToCreate) ensureFolder(plan.folderToCreate);
  for (const folder of plan.folders) removeTemporaries(folder, 'stale');
  const force = options.force ?? false;
  const tasks: RenderTask[] = plan.tasks.map(({ file, output, size, existedBefore }) => ({
    file,
    output,
    size,
    force,
    templates: options.templates,
    pdf: pdf ? { timeoutSeconds } : undefined,
    existedBefore,
  }));

  // process.hrtime rather than performance.now(), whose first use loads perf_hooks (~1 ms at start).
  const started = process.hrtime.bigint();
  const progress = await openProgress(tasks.length);
  const interruption = watchInterruptions(() => {
    // A second signal while the first is handled: leave now, without what may be left.
    for (const folder of plan.folders) removeTemporaries(folder, 'own');
    pdf?.removeOwnConversions();
    progress.close();
    process.exit(INTERRUPTED);
  });
  let worst: ExitCode = ExitCode.Success;
  // A path that gives no file is reported, and the others are rendered all the same.
  for (const input of inputs) {
    if (!input.error) continue;
    progress.error(formatFailure(describeError(input.error)));
    worst = ExitCode.UsageOrIo;
  }
  let rendered = 0;
  let failed = 0;
  let interrupted = false;
  try {
    ({ interrupted } = await renderBatch(tasks, { jobs, signal: interruption.signal }, (task, outcome) => {
      const code = report(task, outcome, progress);
      if (code === ExitCode.Success) rendered++;
      else failed++;
      worst = Math.max(worst, code) as ExitCode;
      progress.tick();
    }));
  } finally {
    interruption.dispose();
    progress.close();
  }
  if (interrupted) {
    // A worker that had to be terminated mid-file may have left its temporary files or a LibreOffice.
    for (const folder of plan.folders) removeTemporaries(folder, 'own');
    pdf?.removeOwnConversions();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const skipped = tasks.length - rendered - failed;
  if (interrupted) {
    console.error(
      formatFailure(
        `interrompu (${interruption.signal.reason as string}) : ${skipped} convention${skipped > 1 ? 's' : ''} non traitée${skipped > 1 ? 's' : ''} ; aucun fichier à moitié écrit.`,
      ),
    );
  }
  if (tasks.length > 1 || interrupted) console.log(summaryLine(rendered, failed, seconds, skipped));
  return interrupted ? INTERRUPTED : worst;
}

/** Prints what became of one document (in input order). */
function report(task: RenderTask, outcome: RenderOutcome, progress: Progress): ExitCode {
  if (!outcome.ok) {
    progress.error(formatFailure(outcome.error));
    return ExitCode.UsageOrIo;
  }
  for (const problem of outcome.problems) progress.error(formatProblem(problem, outcome.text));
  if (hasErrors(outcome.problems)) {
    progress.error(formatFailure(`${task.file} : convention invalide, aucun document écrit`));
    return ExitCode.InvalidConvention;
  }
  progress.success(formatSuccess(`${task.file} → ${(outcome.outputs ?? []).join(', ')}`));
  return ExitCode.Success;
}

/**
 * `-` is neither the standard input nor the standard output: a DOCX is a binary file, a convention
 * may give several (its separate annexes, their PDFs) written all or none, and the standard output
 * carries the report. Refused, with what to do instead.
 */
function refuseStandardStreams(paths: readonly string[], output: string | undefined): void {
  if (paths.includes('-')) {
    throw new UserError(
      "« - » : render ne lit pas l'entrée standard ; enregistrez la convention dans un fichier .yaml et donnez son chemin (un fichier nommé « - » : ./-).",
      'entree-standard',
    );
  }
  if (output === '-') {
    throw new UserError(
      "-o - : render n'écrit pas sur la sortie standard (un DOCX est un fichier binaire, et une convention peut en donner plusieurs, avec ses annexes séparées et leurs PDF) ; donnez un fichier .docx ou un dossier.",
      'sortie-standard',
    );
  }
}

/**
 * Stops the batch on SIGINT or SIGTERM (the signal's name is the abort reason) instead of dying
 * at once: files being written are finished, temporary ones removed. `onRepeat`: a second signal.
 */
function watchInterruptions(onRepeat: () => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const handler = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) onRepeat();
    else controller.abort(name);
  };
  for (const name of signals) process.on(name, handler);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const name of signals) process.removeListener(name, handler);
    },
  };
}

/**
 * `--jobs`: a whole number of threads, at least 1; by default one per core. More threads than
 * cores render no faster (each document is work for one core) and each holds its own memory: the
 * number is brought down to the cores available, which is said.
 */
function parseJobs(value: string | number | undefined): { jobs: number; notice?: string } {
  const cores = availableParallelism();
  if (value === undefined) return { jobs: cores };
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new UserError(`valeur « ${String(value)} » invalide pour --jobs : un nombre entier de 1 ou plus est attendu.`, 'option-invalide');
  }
  if (jobs <= cores) return { jobs };
  return {
    jobs: cores,
    notice: `--jobs ${jobs} ramené à ${cores} : ${cores === 1 ? 'la machine a un cœur disponible' : `la machine a ${cores} cœurs disponibles`}, davantage de fils ne rendraient pas plus vite.`,
  };
}

/** `--pdf-timeout`: a whole number of seconds, at least 1. */
function parsePdfTimeout(value: string | number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new UserError(`valeur « ${String(value)} » invalide pour --pdf-timeout : un nombre entier de secondes, 1 ou plus, est attendu.`, 'option-invalide');
  }
  return seconds;
}

let decimal: Intl.NumberFormat | undefined;

/**
 * Made on first use: creating a French number format loads ICU's locale data, some 20 ms, which a
 * single document (no summary line) must not pay at start.
 */
function decimalFormat(): Intl.NumberFormat {
  return (decimal ??= new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
}

/** « 998 conventions rendues, 2 en échec, en 8,4 s (118,6 documents/s) » ; « , 5 non traitées » after an interruption. */
export function summaryLine(rendered: number, failed: number, seconds: number, skipped = 0): string {
  const total = rendered + failed;
  const rate = seconds > 0 ? total / seconds : 0;
  const plural = rendered > 1 ? 's' : '';
  const notDone = skipped > 0 ? `, ${skipped} non traitée${skipped > 1 ? 's' : ''}` : '';
  return `Bilan : ${rendered} convention${plural} rendue${plural}, ${failed} en échec${notDone}, en ${decimalFormat().format(seconds)} s (${decimalFormat().format(rate)} documents/s).`;
}
