/**
 * Saving a convention edited in the browser without losing what its author wrote around the data.
 * The new plain data is applied to the file as narrowly as the change allows, and the result is
 * always read back and compared with the data sent before it is used:
 * - values changed only (same rubriques, lists of the same lengths): each value is rewritten in the
 *   file's own syntax tokens (yaml's CST), every other byte kept;
 * - otherwise the changes are applied to the file's yaml `Document` (its public API: maps,
 *   sequences, scalars), touching only the places whose value changed — a scalar keeps its node
 *   (its comment, its quoting when still valid), a list is updated item by item (in place by index,
 *   appended, removed from the end), a rubrique removed loses its pair, a new one is appended to its
 *   map; comments and key order are kept. yaml then writes the whole document, with the layout
 *   options (line width, spaces inside `[ ]`) that reproduce the file best; when the same top-level
 *   rubriques remain, only the changed ones are taken from that text and spliced into the file's.
 */
import { Composer, CST, Document, isMap, isScalar, isSeq, parseDocument, Parser, visit, type Node, type ToStringOptions, type YAMLMap, type YAMLSeq } from 'yaml';

/** The result of an update: the new text, and whether anything changed. */
export interface UpdatedText {
  text: string;
  changed: boolean;
}

/**
 * `text` (a YAML document) with its data replaced by `next`, comments and layout kept where the
 * data did not change. The caller has parsed `text` without error (load.ts).
 *
 * When only values changed (the same rubriques, lists of the same lengths), each changed value is
 * rewritten in the file's own syntax tokens (yaml's CST), and every other byte of the file stays as
 * it was. Otherwise (a rubrique or an item added or removed), the changes go through the Document.
 */
export function updateYamlText(text: string, next: unknown): UpdatedText {
  const document = parseDocument(text, { uniqueKeys: false, strict: false });
  if (document.errors.length > 0) throw new Error(`YAML illisible : ${document.errors[0]!.message}`);
  const previous = document.toJS({ maxAliasCount: -1 }) as unknown;
  if (deepEqual(previous, next)) return { text, changed: false };
  const edits = valueEdits(previous, next, []);
  const inPlace = edits && valuesRewritten(text, edits, next);
  if (inPlace !== undefined) return { text: inPlace, changed: true };
  expandAliases(document);
  const options = layoutOf(document, text);
  applyData(document, next);
  let written = document.toString(options);
  const crlf = text.includes('\r\n');
  const spliced = sectionsSpliced(text, previous, next, written, crlf);
  if (spliced !== undefined) return { text: spliced, changed: true };
  if (crlf) written = written.replace(/\r?\n/g, '\r\n');
  return { text: written, changed: true };
}

/**
 * When the same top-level rubriques remain, only those whose value changed are taken from the
 * document rewritten by yaml (`written`), each spliced in place of its old value in the file's text:
 * the other rubriques, and the comments between them, stay byte for byte. Undefined when the
 * rubriques differ, or when the result would not read back as `next` (a value changing from a
 * scalar to a list, another indentation of lists than yaml's…).
 */
function sectionsSpliced(text: string, previous: unknown, next: unknown, written: string, crlf: boolean): string | undefined {
  if (!isPlainObject(previous) || !isPlainObject(next)) return undefined;
  const keys = Object.keys(previous);
  if (keys.length !== Object.keys(next).length || !keys.every((key) => Object.hasOwn(next, key))) return undefined;
  const before = parseDocument(text, { uniqueKeys: false });
  const after = parseDocument(written, { uniqueKeys: false });
  const [oldRoot, newRoot] = [before.contents, after.contents];
  if (!isMap(oldRoot) || !isMap(newRoot) || oldRoot.flow || newRoot.flow) return undefined;
  const spans: { from: number; to: number; text: string }[] = [];
  for (const key of keys.filter((k) => !deepEqual(previous[k], next[k]))) {
    const oldValue = oldRoot.items.find((pair) => keyOf(pair.key) === key)?.value as Node | undefined;
    const newValue = newRoot.items.find((pair) => keyOf(pair.key) === key)?.value as Node | undefined;
    if (!oldValue?.range || !newValue?.range) return undefined;
    const replacement = written.slice(newValue.range[0], newValue.range[1]);
    spans.push({ from: oldValue.range[0], to: oldValue.range[1], text: crlf ? replacement.replace(/\r?\n/g, '\r\n') : replacement });
  }
  let result = text;
  for (const span of spans.sort((a, b) => b.from - a.from)) result = result.slice(0, span.from) + span.text + result.slice(span.to);
  const check = parseDocument(result, { uniqueKeys: false });
  if (check.errors.length > 0 || !deepEqual(check.toJS({ maxAliasCount: -1 }), next)) return undefined;
  return result;
}

type Path = (string | number)[];

/** The paths of the values that differ, if the two have the same shape (same keys, same lengths); else undefined. */
function valueEdits(old: unknown, next: unknown, path: Path): Path[] | undefined {
  if (deepEqual(old, next)) return [];
  if (isPlainObject(old) && isPlainObject(next)) {
    const keys = Object.keys(old);
    if (keys.length !== Object.keys(next).length || !keys.every((key) => Object.hasOwn(next, key))) return undefined;
    const edits: Path[] = [];
    for (const key of keys) {
      const below = valueEdits(old[key], next[key], [...path, key]);
      if (!below) return undefined;
      edits.push(...below);
    }
    return edits;
  }
  if (Array.isArray(old) && Array.isArray(next)) {
    if (old.length !== next.length) return undefined;
    const edits: Path[] = [];
    for (const [index, item] of old.entries()) {
      const below = valueEdits(item, next[index], [...path, index]);
      if (!below) return undefined;
      edits.push(...below);
    }
    return edits;
  }
  return isCollection(old) || isCollection(next) ? undefined : [path];
}

/**
 * The text with the values at `edits` replaced in its syntax tokens (CST.setScalarValue), nothing
 * else touched; undefined when a value cannot be replaced so (an alias, an anchored value, a key)
 * or when the text would not read back as `next`.
 */
function valuesRewritten(text: string, edits: readonly Path[], next: unknown): string | undefined {
  const tokens = [...new Parser().parse(text)];
  const documents = [...new Composer({ keepSourceTokens: true, uniqueKeys: false }).compose(tokens)];
  if (documents.length !== 1) return undefined;
  const document = documents[0]!;
  for (const path of edits) {
    const node = document.getIn(path, true) as Node | undefined;
    const parent = path.length > 0 ? (document.getIn(path.slice(0, -1), true) as Node | undefined) : document.contents;
    if (!node || !isScalar(node) || !node.srcToken || node.anchor || node.tag) return undefined;
    const value = valueAt(next, path);
    const inFlow = Boolean(parent && (isMap(parent) || isSeq(parent)) && parent.flow);
    const token = node.srcToken;
    const quoted = token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar' || token.type === 'block-scalar';
    // A string that would read as something else written plain (« 91630 », « true », « - a ») is quoted.
    const type = typeof value !== 'string' ? 'PLAIN' : quoted || readsAsItself(value) ? undefined : 'QUOTE_DOUBLE';
    CST.setScalarValue(token, typeof value === 'string' ? value : value === null ? 'null' : String(value), {
      afterKey: isMap(parent),
      inFlow,
      ...(type ? { type } : {}),
    });
  }
  const written = tokens.map((token) => CST.stringify(token)).join('');
  const check = parseDocument(written, { uniqueKeys: false });
  if (check.errors.length > 0 || !deepEqual(check.toJS({ maxAliasCount: -1 }), next)) return undefined;
  return written;
}

function valueAt(data: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, segment) => (node as Record<string | number, unknown>)[segment], data);
}

/** Whether a string written plain reads back as itself. */
function readsAsItself(value: string): boolean {
  if (value === '' || value.trim() !== value || value.includes('\n')) return false;
  try {
    return parseDocument(value).toJS() === value;
  } catch {
    return false;
  }
}

/**
 * Applies `next` to `document`: afterwards `document.toJS()` deep-equals `next`. Only the nodes on
 * changed paths are touched.
 */
function applyData(document: Document, next: unknown): void {
  const root = document.contents as Node | null;
  const replaced = update(document, root, document.toJS({ maxAliasCount: -1 }), next);
  if (replaced !== undefined) document.contents = replaced as typeof document.contents;
}

/**
 * Brings `node` (holding `old`) to `next`: in place when it can, else returns the node to put in
 * its place (comments carried over).
 */
function update(document: Document, node: Node | null, old: unknown, next: unknown): Node | undefined {
  if (deepEqual(old, next)) return undefined;
  if (node && isMap(node) && isPlainObject(old) && isPlainObject(next)) {
    updateMap(document, node, old, next);
    return undefined;
  }
  if (node && isSeq(node) && Array.isArray(old) && Array.isArray(next)) {
    updateSeq(document, node, old, next);
    return undefined;
  }
  if (node && isScalar(node) && !isCollection(next) && sameKind(old, next) && !node.tag) {
    // Same node, new value: its comment stays; yaml quotes it if its style no longer fits.
    node.value = next;
    return undefined;
  }
  const created = document.createNode(next) as Node;
  if (node) carryComments(node, created);
  return created;
}

function updateMap(document: Document, map: YAMLMap, old: Record<string, unknown>, next: Record<string, unknown>): void {
  // Removed rubriques first, then changed ones in place, then new ones at the end, in `next`'s order.
  map.items = map.items.filter((pair) => Object.hasOwn(next, keyOf(pair.key)));
  const indexOf = new Map(map.items.map((pair, index) => [keyOf(pair.key), index]));
  for (const key of Object.keys(next)) {
    const index = indexOf.get(key);
    if (index === undefined) {
      map.items.push(document.createPair(key, next[key]) as (typeof map.items)[number]);
      continue;
    }
    const pair = map.items[index]!;
    const replaced = update(document, (pair.value as Node | null) ?? null, old[key], next[key]);
    if (replaced !== undefined) pair.value = replaced;
  }
}

function updateSeq(document: Document, seq: YAMLSeq, old: unknown[], next: unknown[]): void {
  if (next.length < seq.items.length) seq.items.splice(next.length);
  for (const [index, value] of next.entries()) {
    if (index >= seq.items.length) {
      seq.items.push(document.createNode(value));
      continue;
    }
    const replaced = update(document, (seq.items[index] as Node | null) ?? null, old[index], value);
    if (replaced !== undefined) seq.items[index] = replaced;
  }
}

/** A map key as the data names it (`toJS`): null as '', anything else as its string. */
function keyOf(key: unknown): string {
  const value = isScalar(key) ? key.value : key;
  return value === null || value === undefined ? '' : String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isCollection(value: unknown): boolean {
  return value !== null && typeof value === 'object';
}

/** Whether a scalar keeps its node: same JavaScript type (a number stays a number…). */
function sameKind(old: unknown, next: unknown): boolean {
  return typeof old === typeof next && (old === null) === (next === null);
}

function carryComments(from: Node, to: Node): void {
  if (from.commentBefore) to.commentBefore = from.commentBefore;
  if (from.comment) to.comment = from.comment;
  if (from.spaceBefore) to.spaceBefore = from.spaceBefore;
}

/**
 * Each alias replaced by a copy of the node it repeats, anchors dropped: a value changed under an
 * anchor would otherwise change every place that repeats it. Conventions rarely use aliases.
 */
function expandAliases(document: Document): void {
  let found = false;
  visit(document, {
    Alias(_key, alias) {
      found = true;
      const target = alias.resolve(document);
      if (!target) return undefined;
      const copy = target.clone() as Node;
      visit(copy, { Node: (_k, n) => void ((n as { anchor?: string }).anchor = undefined) });
      (copy as { anchor?: string }).anchor = undefined;
      return copy;
    },
  });
  if (found) visit(document, { Node: (_k, n) => void ((n as { anchor?: string }).anchor = undefined) });
}

/** Layouts yaml can write; the one that reproduces the file best is used. */
const LAYOUTS: ToStringOptions[] = [0, 100, 80, 120].flatMap((lineWidth) => [true, false].map((flowCollectionPadding) => ({ lineWidth, flowCollectionPadding })));

/** The layout that rewrites the unchanged document closest to its text (fewest lines lost). */
function layoutOf(document: Document, text: string): ToStringOptions {
  const original = text.replace(/\r\n/g, '\n').split('\n');
  let best: ToStringOptions = LAYOUTS[0]!;
  let bestLost = Infinity;
  for (const layout of LAYOUTS) {
    const written = document.toString(layout);
    if (written === text) return layout;
    const lines = new Map<string, number>();
    for (const line of written.split('\n')) lines.set(line, (lines.get(line) ?? 0) + 1);
    let lost = 0;
    for (const line of original) {
      const count = lines.get(line) ?? 0;
      if (count === 0) lost++;
      else lines.set(line, count - 1);
    }
    if (lost < bestLost) {
      best = layout;
      bestLost = lost;
    }
  }
  return best;
}

/** Structural equality of plain data (JSON-like values, as yaml's toJS and JSON.parse give). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => deepEqual(item, other[index]));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

