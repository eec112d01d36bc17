/** How problems and outcomes are printed: the only place that turns problem data into lines. */
import { codeFrameColumns } from '@babel/code-frame';
import chalk from 'chalk';
import type { Problem } from '../core/problem.js';

// NO_COLOR (https://no-color.org) is respected even where chalk's detection would colour.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') chalk.level = 0;

export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

const SEVERITY_LABEL = { error: 'erreur', warning: 'avertissement' } as const;

function where(problem: Problem): string {
  return problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
}

/**
 * `file:line:col  erreur  code  message`, then the source lines around the position with a caret
 * when the source is known.
 */
export function formatProblem(problem: Problem, source?: string): string {
  const label = SEVERITY_LABEL[problem.severity];
  const severity = problem.severity === 'error' ? chalk.red(label) : chalk.yellow(label);
  const head = `${chalk.bold(where(problem))}  ${severity}  ${chalk.dim(problem.code)}  ${problem.message}`;
  if (source === undefined || problem.line === 0) return head;
  const frame = codeFrameColumns(
    source,
    { start: { line: problem.line, column: problem.column } },
    { highlightCode: false, forceColor: false, linesAbove: 1, linesBelow: 1 },
  );
  return `${head}\n${frame.replace(/^/gm, '  ')}\n`;
}

export interface JsonProblem {
  file: string;
  line: number;
  column: number;
  severity: Problem['severity'];
  code: string;
  path: string;
  message: string;
}

export function toJson(problem: Problem): JsonProblem {
  const { file, line, column, severity, code, path, message } = problem;
  return { file, line, column, severity, code, path, message };
}

// GitHub workflow commands: data and property values have their own escapes.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** A GitHub Actions annotation: `::error file=…,line=…,col=…,title=…::message`. */
export function formatGithub(problem: Problem): string {
  const command = problem.severity === 'error' ? 'error' : 'warning';
  const position = problem.line > 0 ? `,line=${problem.line},col=${problem.column}` : '';
  return `::${command} file=${escapeProperty(problem.file)}${position},title=${escapeProperty(problem.code)}::${escapeData(problem.message)}`;
}

export function formatSuccess(text: string): string {
  return `${chalk.green('✓')} ${text}`;
}

export function formatFailure(text: string): string {
  return `${chalk.red('✗')} ${text}`;
}
