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

/**
 * Problems reported per file, at most. A file with thousands of problems is not a convention with
 * mistakes but another kind of file: the first ones say so, and printing them all (with their code
 * frames) would bury the terminal or a CI log and cost time in proportion.
 */
export const MAX_PROBLEMS_PER_FILE = 50;

/** 12345 → « 12 345 » (narrow no-break space), without loading ICU's French data for one number. */
export function frenchCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/**
 * The problem that stands for those left out: `omitted` of them, `errors` being errors. It has no
 * position, is an error if any left out is one (so that the file still fails), and reads
 * « … et 12 autres problèmes (dont 10 erreurs) ».
 */
export function omittedProblems(file: string, omitted: number, errors: number): Problem {
  const plural = omitted > 1 ? 's' : '';
  const detail = errors === omitted ? '' : errors === 0 ? ', tous des avertissements' : ` (dont ${frenchCount(errors)} erreur${errors > 1 ? 's' : ''})`;
  return {
    code: 'autres-problemes',
    severity: errors > 0 ? 'error' : 'warning',
    message: `… et ${frenchCount(omitted)} autre${plural} problème${plural}${detail}, non affiché${plural} : corrigez d'abord ceux-ci.`,
    path: '',
    file,
    line: 0,
    column: 0,
  };
}

/**
 * At most `max` of `items`, in order, and how many were left out (with how many of those are
 * errors). Only the kept items are placed (`place`): placing is the costly part of a problem.
 */
export function boundProblems<T extends { severity: Severity }>(
  items: readonly T[],
  file: string,
  place: (item: T) => Problem,
  max: number = MAX_PROBLEMS_PER_FILE,
): Problem[] {
  if (items.length <= max) return items.map(place);
  const kept = items.slice(0, max).map(place);
  let errors = 0;
  for (let i = max; i < items.length; i++) if (items[i]!.severity === 'error') errors++;
  return [...kept, omittedProblems(file, items.length - max, errors)];
}
