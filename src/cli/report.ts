/**
 * How problems and outcomes are printed: the only place that turns problem data into lines.
 *
 * Start-up matters here (every command prints through this module): chalk is loaded only when
 * colours are possible, @babel/code-frame only when a problem has a source line to show.
 */
import { createRequire } from 'node:module';
import type { codeFrameColumns as CodeFrameColumns } from '@babel/code-frame';
import type { ChalkInstance } from 'chalk';
import type { Problem } from '../core/problem.js';

type Paint = Pick<ChalkInstance, 'red' | 'yellow' | 'green' | 'bold' | 'dim'>;
const plain = (text: string) => text;
const PLAIN: Paint = { red: plain, yellow: plain, green: plain, bold: plain, dim: plain } as unknown as Paint;

/**
 * Whether chalk could colour: NO_COLOR (https://no-color.org) always wins; otherwise chalk's own
 * detection decides, and it never colours a stdout that is not a terminal unless FORCE_COLOR is
 * set (or on Azure Pipelines): in those cases chalk is not even loaded.
 */
function mayColour(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(process.stdout.isTTY) || env.FORCE_COLOR !== undefined || ('TF_BUILD' in env && 'AGENT_NAME' in env);
}

const chalk: Paint = mayColour() ? (await import('chalk')).default : PLAIN;

let codeFrame: typeof CodeFrameColumns | undefined;
function codeFrameColumns(...args: Parameters<typeof CodeFrameColumns>): string {
  // A CommonJS package: required synchronously, on the first problem that has a source line.
  codeFrame ??= (createRequire(import.meta.url)('@babel/code-frame') as { codeFrameColumns: typeof CodeFrameColumns }).codeFrameColumns;
  return codeFrame(...args);
}

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
