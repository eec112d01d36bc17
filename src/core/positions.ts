/**
 * Turns a JSON pointer into a source position through the YAML syntax tree, so that problems found
 * on plain data (by ajv or a domain rule) still point at the right line and column.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { LoadedConvention } from './load.js';
import { fromPointer, type Problem, type UnplacedProblem } from './problem.js';

export interface Position {
  line: number;
  column: number;
}

/**
 * Each map's pairs by key, as the data names them, made on the first problem placed in the map: a
 * search through the pairs for each problem would cost, for a map of 20 000 unknown keys, 20 000
 * searches through 20 000 pairs. Load refuses keys that are not scalars or not unique.
 */
const pairsByKey = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  let pairs = pairsByKey.get(map);
  if (!pairs) {
    pairs = new Map();
    for (const item of map.items) if (isScalar(item.key)) pairs.set(dataKey(item.key.value), item as Pair);
    pairsByKey.set(map, pairs);
  }
  return pairs.get(key);
}

/** A key as yaml writes it in the data (`toJS`): null as '', anything else as its string. */
function dataKey(value: unknown): string {
  return value === null ? '' : String(value);
}

/**
 * Position of the node at `pointer`. `target: 'key'` points at the key of the last segment (an
 * unknown property), otherwise at the value. A pointer that goes past the tree (a missing property)
 * points at the deepest node that exists, which is where the user must add it. Each step costs
 * the same whatever the size of the map or list it goes through.
 */
export function locate(loaded: LoadedConvention, pointer: string, target: 'key' | 'value' = 'value'): Position {
  let node: unknown = loaded.document.contents;
  let pair: Pair | undefined;
  for (const segment of fromPointer(pointer)) {
    pair = undefined;
    if (isMap(node)) {
      const found = pairOf(node, segment);
      if (!found) break;
      pair = found;
      node = found.value;
    } else if (isSeq(node)) {
      const index = Number(segment);
      const item = node.items[index];
      if (!Number.isInteger(index) || item === undefined) break;
      node = item;
    } else {
      break;
    }
  }
  const chosen = target === 'key' && pair?.key ? (pair.key as Node) : ((node as Node | null) ?? (pair?.key as Node | undefined));
  const offset = chosen?.range?.[0] ?? 0;
  const { line, col } = loaded.lineCounter.linePos(offset);
  return { line, column: col };
}

/** Places a problem found on data at its position in the file. */
export function place(loaded: LoadedConvention, problem: UnplacedProblem, target: 'key' | 'value' = 'value'): Problem {
  const { line, column } = locate(loaded, problem.path, target);
  return { ...problem, file: loaded.file, line, column };
}
