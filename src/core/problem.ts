/**
 * A problem found in a convention: data, never a printed line. The CLI decides how to show it
 * (text, JSON, CI annotations); the engine only describes it.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  /** Stable identifier, kebab-case, documented in the README (e.g. `champ-obligatoire`). */
  code: string;
  severity: Severity;
  /** One French sentence, written by us. */
  message: string;
  /** JSON pointer into the YAML data (`/parties/0/nom`), `''` for the whole document. */
  path: string;
  file: string;
  /** 1-based; 0 when the problem has no position in the source (e.g. an unreadable file). */
  line: number;
  column: number;
}

/** A problem whose source position is not known yet: `locate` fills file, line and column. */
export type UnplacedProblem = Omit<Problem, 'file' | 'line' | 'column'>;

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** JSON pointer from path segments, escaping `~` and `/` as RFC 6901 asks. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
