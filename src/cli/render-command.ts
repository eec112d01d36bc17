/**
 * `convention render <fichiers|dossiers…> [-o FICHIER|DOSSIER] [--force] [--jobs N]`: YAML to
 * DOCX, documents spread over N threads (one per core by default), reported in input order.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { ExitCode, UserError } from '../core/errors.js';
import { hasErrors } from '../core/problem.js';
import { ensureFolder } from '../core/write.js';
import { renderBatch, type RenderOutcome, type RenderTask } from './batch.js';
import { openProgress, type Progress } from './batch-progress.js';
import { expandInputs } from './inputs.js';
import { formatFailure, formatProblem, formatSuccess } from './report.js';
import { describeError } from './run-files.js';

export interface RenderCommandOptions {
  output?: string;
  force?: boolean;
  pdf?: boolean;
  templates?: string[];
  /** Threads rendering at once (`--jobs`); one per core by default. */
  jobs?: string | number;
}

const docxName = (file: string) => basename(file).replace(/\.ya?ml$/i, '') + '.docx';

/** Where each document goes: beside its YAML, into a folder, or at the one path given. */
async function planOutputs(files: string[], output: string | undefined): Promise<(file: string) => string> {
  if (output === undefined) return (file) => file.replace(/\.ya?ml$/i, '') + '.docx';
  const info = await stat(output).catch(() => undefined);
  const isFolder = info?.isDirectory() || /[/\\]$/.test(output) || files.length > 1;
  if (!isFolder) return () => output;
  if (info && !info.isDirectory()) {
    throw new UserError(`${output} est un fichier : avec plusieurs conventions, -o désigne un dossier.`, 'sortie-invalide');
  }
  await ensureFolder(output);
  const names = new Set<string>();
  for (const file of files) {
    const name = docxName(file);
    if (names.has(name)) throw new UserError(`Deux conventions donneraient le même fichier ${join(output, name)}.`, 'sortie-en-double');
    names.add(name);
  }
  return (file) => join(output, docxName(file));
}

export async function renderCommand(paths: string[], options: RenderCommandOptions): Promise<ExitCode> {
  const jobs = parseJobs(options.jobs);
  const inputs = await expandInputs(paths);
  const files = inputs.filter((input) => !input.error).map((input) => input.file);
  const pdf = options.pdf ? await import('../core/pdf.js') : undefined;
  // Said before any work: a batch must not stop half-way for a missing LibreOffice.
  if (pdf && !pdf.findSoffice()) await pdf.convertToPdf('', '', { force: false });
  const outputFor = await planOutputs(files, options.output);
  const force = options.force ?? false;
  const tasks: RenderTask[] = files.map((file) => ({ file, output: outputFor(file), force, templates: options.templates }));

  // process.hrtime rather than performance.now(), whose first use loads perf_hooks (~1 ms at start).
  const started = process.hrtime.bigint();
  const progress = await openProgress(files.length);
  let worst: ExitCode = ExitCode.Success;
  // A path that gives no file is reported, and the others are rendered all the same.
  for (const input of inputs) {
    if (!input.error) continue;
    progress.error(formatFailure(describeError(input.error)));
    worst = ExitCode.UsageOrIo;
  }
  let rendered = 0;
  await renderBatch(tasks, jobs, async (task, outcome) => {
    let code: ExitCode;
    try {
      code = await report(task, outcome, pdf, force, progress);
    } catch (error) {
      // A PDF conversion that fails: that document only.
      progress.error(formatFailure(describeError(error, task.file)));
      code = ExitCode.UsageOrIo;
    }
    if (code === ExitCode.Success) rendered++;
    worst = Math.max(worst, code) as ExitCode;
    progress.tick();
  });
  progress.close();
  if (files.length > 1) console.log(summaryLine(rendered, files.length - rendered, Number(process.hrtime.bigint() - started) / 1e9));
  return worst;
}

/** Prints what became of one document (in input order) and converts it to PDF when asked. */
async function report(
  task: RenderTask,
  outcome: RenderOutcome,
  pdf: typeof import('../core/pdf.js') | undefined,
  force: boolean,
  progress: Progress,
): Promise<ExitCode> {
  if (!outcome.ok) {
    progress.error(formatFailure(outcome.error));
    return ExitCode.UsageOrIo;
  }
  for (const problem of outcome.problems) progress.error(formatProblem(problem, outcome.text));
  if (hasErrors(outcome.problems)) {
    progress.error(formatFailure(`${task.file} : convention invalide, aucun document écrit`));
    return ExitCode.InvalidConvention;
  }
  const written = [...(outcome.outputs ?? [])];
  if (pdf) {
    for (const docx of outcome.outputs ?? []) {
      const target = docx.replace(/\.docx$/i, '') + '.pdf';
      await pdf.convertToPdf(docx, target, { force });
      written.push(target);
    }
  }
  progress.success(formatSuccess(`${task.file} → ${written.join(', ')}`));
  return ExitCode.Success;
}

/** `--jobs`: a whole number of threads, at least 1; by default one per core. */
function parseJobs(value: string | number | undefined): number {
  if (value === undefined) return availableParallelism();
  const jobs = Number(value);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new UserError(`valeur « ${String(value)} » invalide pour --jobs : un nombre entier de 1 ou plus est attendu.`, 'option-invalide');
  }
  return jobs;
}

let decimal: Intl.NumberFormat | undefined;

/**
 * Made on first use: creating a French number format loads ICU's locale data, some 20 ms, which a
 * single document (no summary line) must not pay at start.
 */
function decimalFormat(): Intl.NumberFormat {
  return (decimal ??= new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
}

/** « 998 conventions rendues, 2 en échec, en 8,4 s (118,6 documents/s) ». */
export function summaryLine(rendered: number, failed: number, seconds: number): string {
  const total = rendered + failed;
  const rate = seconds > 0 ? total / seconds : 0;
  const plural = rendered > 1 ? 's' : '';
  return `Bilan : ${rendered} convention${plural} rendue${plural}, ${failed} en échec, en ${decimalFormat().format(seconds)} s (${decimalFormat().format(rate)} documents/s).`;
}
