/**
 * `convention validate <fichiers|dossiers|motifs…> [--format …] [--quiet]`: the CI check.
 *
 * Output streams, as eslint does: the report (problems, files that could not be read, successes and
 * the summary) goes to stdout in every format, so that `> rapport.sarif` captures all of it; only
 * usage errors (unknown option…), which stop the command before any file is read, go to stderr.
 * Every input is checked even when another is missing or unreadable: an I/O error is one more entry
 * of the report, in the chosen format, with its code (exit 2).
 */
import { ExitCode, UserError } from '../core/errors.js';
import { checkFile } from '../core/pipeline.js';
import { hasErrors, type Problem } from '../core/problem.js';
import type { Format } from './formats.js';
import { expandInputs } from './inputs.js';
import { formatFailure, formatGithub, formatProblem, formatSuccess, toJson } from './report.js';
import { describeError } from './run-files.js';
import { visibleJson } from './visible.js';

export interface ValidateOptions {
  format: Format;
  /** Only the problems: no line per valid file, no summary. */
  quiet?: boolean;
}

/** What became of one input: its problems, or the I/O error that kept it from being checked. */
export interface FileReport {
  file: string;
  problems: Problem[];
  /** The file's text, for code frames. */
  text?: string;
  /** Set when the file could not be checked; its problem is also the only one in `problems`. */
  failure?: { line: string };
  exitCode: ExitCode;
}

export async function validateCommand(paths: string[], options: ValidateOptions): Promise<ExitCode> {
  const { format, quiet = false } = options;
  const reports: FileReport[] = [];
  const summary = emptySummary();
  let worst: ExitCode = ExitCode.Success;
  for (const input of await expandInputs(paths)) {
    const report = input.error ? failed(input.file, input.error) : await check(input.file);
    worst = Math.max(worst, report.exitCode) as ExitCode;
    count(summary, report);
    // Text and annotations are printed as files are checked; the other formats are one document,
    // which keeps each file's problems (and its text only where code frames are shown: JUnit).
    if (format === 'text') printText(report, quiet);
    else if (format === 'github') for (const problem of report.problems) console.log(formatGithub(problem));
    else reports.push(format === 'junit' ? report : { ...report, text: undefined });
  }
  if (format === 'text' && !quiet) console.log(summaryLine(summary));
  if (format === 'json') console.log(visibleJson(JSON.stringify(reports.flatMap((r) => r.problems.map(toJson)), null, 2)));
  else if (format === 'sarif' || format === 'junit' || format === 'gitlab') {
    const ci = await import('./ci-formats.js');
    const text = format === 'sarif' ? ci.toSarif(reports, worst) : format === 'junit' ? ci.toJunit(reports) : await ci.toGitlab(reports);
    console.log(text);
  }
  return worst;
}

async function check(file: string): Promise<FileReport> {
  try {
    const { problems, text } = await checkFile(file);
    return { file, problems, text, exitCode: hasErrors(problems) ? ExitCode.InvalidConvention : ExitCode.Success };
  } catch (error) {
    return failed(file, error);
  }
}

/**
 * A file that could not be checked, as a problem without position: its code is the error's
 * (`lecture-impossible`, `encodage-invalide`…), `erreur-interne` for a defect of ours.
 */
function failed(file: string, error: unknown): FileReport {
  const line = describeError(error, file);
  const unplaced = { severity: 'error', path: '', file, line: 0, column: 0 } as const;
  const problem: Problem =
    error instanceof UserError
      ? { ...unplaced, code: error.code, message: withoutFile(error.message, file) }
      : { ...unplaced, code: 'erreur-interne', message: `Erreur interne, merci de la signaler avec le fichier en cause : ${error instanceof Error ? error.message : String(error)}` };
  return { file, problems: [problem], failure: { line }, exitCode: ExitCode.UsageOrIo };
}

/** « a.yaml : fichier introuvable. » → « Fichier introuvable. »: the file is the entry's own field. */
function withoutFile(message: string, file: string): string {
  const rest = message.startsWith(`${file} : `) ? message.slice(file.length + 3) : message;
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

function printText(report: FileReport, quiet: boolean): void {
  if (report.failure) {
    console.log(formatFailure(report.failure.line));
    return;
  }
  for (const problem of report.problems) console.log(formatProblem(problem, report.text));
  if (!quiet && report.exitCode === ExitCode.Success) console.log(formatSuccess(`${report.file} : convention valide`));
}

export interface Summary {
  files: number;
  valid: number;
  invalid: number;
  unreadable: number;
  errors: number;
  warnings: number;
}

export function emptySummary(): Summary {
  return { files: 0, valid: 0, invalid: 0, unreadable: 0, errors: 0, warnings: 0 };
}

/** Adds a file's outcome to the summary (counted as files go: a long run keeps no list of them). */
export function count(summary: Summary, report: Pick<FileReport, 'problems' | 'exitCode'>): void {
  summary.files++;
  if (report.exitCode === ExitCode.UsageOrIo) summary.unreadable++;
  else if (report.exitCode === ExitCode.InvalidConvention) summary.invalid++;
  else summary.valid++;
  for (const problem of report.problems) {
    if (problem.severity === 'error') summary.errors++;
    else summary.warnings++;
  }
}

const counted = (n: number, singular: string, plural: string = `${singular}s`) => `${n} ${n > 1 ? plural : singular}`;

/** « Bilan : 12 fichiers vérifiés : 10 valides, 1 invalide, 1 illisible ; 3 erreurs, 1 avertissement. » */
export function summaryLine(summary: Summary): string {
  return (
    `Bilan : ${counted(summary.files, 'fichier vérifié', 'fichiers vérifiés')} : ${counted(summary.valid, 'valide')}, ${counted(summary.invalid, 'invalide')}, ` +
    `${counted(summary.unreadable, 'illisible')} ; ${counted(summary.errors, 'erreur')}, ${counted(summary.warnings, 'avertissement')}.`
  );
}
