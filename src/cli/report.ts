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
import { visible, visibleLines } from './visible.js';

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

const colours: Paint = mayColour() ? (await import('chalk')).default : PLAIN;
const chalk = colours;

let codeFrame: typeof CodeFrameColumns | undefined;
function codeFrameColumns(...args: Parameters<typeof CodeFrameColumns>): string {
  // A CommonJS package: required synchronously, on the first problem that has a source line.
  codeFrame ??= (createRequire(import.meta.url)('@babel/code-frame') as { codeFrameColumns: typeof CodeFrameColumns }).codeFrameColumns;
  return codeFrame(...args);
}

export { FORMATS, type Format } from './formats.js';

const SEVERITY_LABEL = { error: 'erreur', warning: 'avertissement' } as const;

function where(problem: Problem): string {
  return problem.line > 0 ? `${problem.file}:${problem.line}:${problem.column}` : problem.file;
}

/**
 * `file:line:col  erreur  code  message`, then the source lines around the position with a caret
 * when the source is known. What comes from the file (its name, values quoted in the message, its
 * lines) is printed with its control characters shown (`visible`).
 */
export function formatProblem(problem: Problem, source?: string, options: { plain?: boolean } = {}): string {
  const chalk = options.plain ? PLAIN : colours;
  const label = SEVERITY_LABEL[problem.severity];
  const severity = problem.severity === 'error' ? chalk.red(label) : chalk.yellow(label);
  const head = `${chalk.bold(visible(where(problem)))}  ${severity}  ${chalk.dim(visible(problem.code))}  ${visible(problem.message)}`;
  if (source === undefined || problem.line === 0) return head;
  const excerpt = excerptAround(source, problem.line, problem.column);
  if (!excerpt) return head;
  const frame = codeFrameColumns(
    excerpt.text,
    { start: { line: problem.line, column: excerpt.column } },
    { highlightCode: false, forceColor: false, linesAbove: FRAME_LINES, linesBelow: FRAME_LINES, startLine: excerpt.startLine } as CodeFrameOptions,
  );
  return `${head}\n${frame.replace(/^/gm, '  ')}\n`;
}

type CodeFrameOptions = NonNullable<Parameters<typeof CodeFrameColumns>[2]>;

/** Lines shown above and below the line of a problem. */
const FRAME_LINES = 1;
/** Characters of a line shown around the column of a problem: a 1 MB value is not printed whole. */
const FRAME_WIDTH = 160;

/**
 * Where each line of the last source framed starts: found once per file, not once per problem
 * (with 20 000 problems, splitting the file for each made the text format 60 times slower than
 * JSON). Line ends are those yaml counts (LF, CRLF and a lone CR), so lines match its positions.
 */
let indexedSource: string | undefined;
let lineStarts: number[] = [];

function lineStartsOf(source: string): number[] {
  if (source !== indexedSource) {
    lineStarts = [0];
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
    }
    indexedSource = source;
  }
  return lineStarts;
}

/**
 * The lines around `line` as code-frame takes them (the first one numbered `startLine`), each cut
 * to FRAME_WIDTH characters around the column and with its control characters shown; `column`
 * follows the cuts and escapes.
 */
function excerptAround(source: string, line: number, column: number): { text: string; startLine: number; column: number } | undefined {
  const starts = lineStartsOf(source);
  if (line > starts.length) return undefined;
  const first = Math.max(1, line - FRAME_LINES);
  const last = Math.min(starts.length, line + FRAME_LINES);
  const lines: string[] = [];
  let shownColumn = column;
  for (let n = first; n <= last; n++) {
    const raw = source.slice(starts[n - 1], n < starts.length ? starts[n]! : source.length).replace(/\r?\n$|\r$/, '');
    const from = Math.max(0, Math.min(column - 1 - FRAME_WIDTH / 2, raw.length - FRAME_WIDTH));
    const cut = (from > 0 ? '…' : '') + raw.slice(from, from + FRAME_WIDTH) + (from + FRAME_WIDTH < raw.length ? '…' : '');
    if (n === line) shownColumn = (from > 0 ? 1 : 0) + visible(raw.slice(from, column - 1)).length + 1;
    lines.push(visible(cut));
  }
  return { text: lines.join('\n'), startLine: first, column: shownColumn };
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
  return `::${command} file=${escapeProperty(visible(problem.file))}${position},title=${escapeProperty(problem.code)}::${escapeData(visible(problem.message))}`;
}

export function formatSuccess(text: string): string {
  return `${chalk.green('✓')} ${visibleLines(text)}`;
}

export function formatFailure(text: string): string {
  return `${chalk.red('✗')} ${visibleLines(text)}`;
}
