import { closest, distance } from 'fastest-levenshtein';

/** The closest candidate when it is close enough to be a typo ("vouliez-vous dire … ?"). */
export function suggest(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(value, candidates as string[]);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(value, best) <= limit ? best : undefined;
}

export function didYouMean(value: string, candidates: readonly string[]): string {
  const best = suggest(value, candidates);
  return best ? ` Vouliez-vous dire « ${best} » ?` : '';
}
