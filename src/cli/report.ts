/** How problems and outcomes are printed: the only place that turns problem data into lines. */
import chalk from 'chalk';
import type { Problem } from '../core/problem.js';

// NO_COLOR (https://no-color.org) is respected even where chalk's detection would colour.
if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') chalk.level = 0;

const SEVERITY_LABEL = { error: 'erreur', warning: 'avertissement' } as const;

/** `file:line:col: erreur: message [code]`. */
export function formatProblem(problem: Problem): string {
  const where = problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
  const label = SEVERITY_LABEL[problem.severity];
  const colored = problem.severity === 'error' ? chalk.red(label) : chalk.yellow(label);
  return `${chalk.bold(where)}: ${colored}: ${problem.message} ${chalk.dim(`[${problem.code}]`)}`;
}

export function formatSuccess(text: string): string {
  return `${chalk.green('✓')} ${text}`;
}

export function formatFailure(text: string): string {
  return `${chalk.red('✗')} ${text}`;
}
