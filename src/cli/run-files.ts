/**
 * Runs a per-file action over many files: one bad file does not stop the others; the exit code is
 * the worst outcome (2 for I/O or internal errors, 1 for invalid conventions, 0 otherwise).
 */
import { ExitCode, RenderError, UserError } from '../core/errors.js';
import { visibleLines } from './visible.js';

export interface FileOutcome {
  exitCode: ExitCode;
}

export async function runFiles(
  files: readonly string[],
  action: (file: string) => Promise<ExitCode>,
  printError: (line: string) => void,
): Promise<ExitCode> {
  let worst: ExitCode = ExitCode.Success;
  for (const file of files) {
    let code: ExitCode;
    try {
      code = await action(file);
    } catch (error) {
      code = ExitCode.UsageOrIo;
      printError(describeError(error, file));
    }
    worst = Math.max(worst, code) as ExitCode;
  }
  return worst;
}

/**
 * The line (with its stack, for an internal error) that says why a file failed. Ready to print: a
 * file name or a value quoted in the message has its control characters shown (`visibleLines`).
 */
export function describeError(error: unknown, file?: string): string {
  return visibleLines(errorText(error, file));
}

function errorText(error: unknown, file?: string): string {
  if (error instanceof UserError) return error.message;
  if (error instanceof RenderError) return `${file ? file + ' : ' : ''}erreur de gabarit : ${error.message} [${error.code}]`;
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `${file ? file + ' : ' : ''}erreur interne, merci de la signaler avec le fichier en cause :\n${stack}`;
}
