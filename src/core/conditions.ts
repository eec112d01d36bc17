/**
 * The YAML of a convention as catalogues read it: values by path, with the schema's defaults
 * standing for absent fields, and the one interpreter of the catalogues' conditions (`si:` of an
 * article, an annex, a field, a rule). Validate and compose use the same, so a condition means the
 * same thing when a file is checked and when it is written. Pure and light: no French helpers.
 */
import type { Catalogue, Condition, Test } from './generated/catalogue.js';
import type { JsonSchema } from './schema-inline.js';

type Data = Record<string, unknown>;

/**
 * The data with every absent property of the schema present: its `default` when the schema gives
 * one; `{}` filled in turn for an object whose properties are all optional (so templates read
 * `donnees.suivi.frequence` without testing `donnees.suivi`); `null` otherwise. Lists of values
 * taken from a fixed set come in the set's order (a choice of options is a set). The editor's
 * `$schema` line is not data.
 */
export function withDefaults(schema: JsonSchema, data: Data): Data {
  const { $schema: _ignored, ...rest } = fill(schema, data) as Data;
  return rest;
}

function fill(schema: JsonSchema | undefined, value: unknown): unknown {
  if (!schema) return value === undefined ? null : value;
  if (value === undefined || value === null) {
    if ('default' in schema) return fill(schema, structuredClone(schema.default));
    if (isObjectSchema(schema) && !(Array.isArray(schema.required) && schema.required.length > 0)) return fill(schema, {});
    return null;
  }
  if (Array.isArray(value)) {
    const items = schema.items as JsonSchema | undefined;
    const filled = value.map((item) => (item !== null && typeof item === 'object' ? fill(items, item) : item));
    const order = items && Array.isArray(items.enum) && schema.uniqueItems === true ? (items.enum as unknown[]) : undefined;
    return order ? [...filled].sort((a, b) => order.indexOf(a) - order.indexOf(b)) : filled;
  }
  if (typeof value === 'object') {
    const object = value as Data;
    const branch = branchFor(schema, object);
    const properties = (branch.properties ?? {}) as Record<string, JsonSchema>;
    const result: Data = {};
    for (const key in properties) result[key] = fill(properties[key], object[key]);
    for (const key in object) if (!(key in properties)) result[key] = object[key];
    return result;
  }
  return value;
}

function isObjectSchema(schema: JsonSchema): boolean {
  return schema.type === 'object' || (schema.type === undefined && typeof schema.properties === 'object');
}

/** For `anyOf` alternatives (a catalogue id or an object…), the one a value's kind fits. */
function branchFor(schema: JsonSchema | undefined, value: unknown): JsonSchema {
  if (!schema) return {};
  if (!Array.isArray(schema.anyOf) || schema.properties) return schema;
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'object' ? 'object' : typeof value;
  const fits = (schema.anyOf as JsonSchema[]).find((b) => b.type === kind || (kind === 'object' && isObjectSchema(b)));
  return fits ? { ...schema, ...fits } : schema;
}

/** The sub-schema at a dotted path (through objects and list items), if the schema has one. */
export function schemaAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const key of path.split('.')) {
    while (node && node.items && !node.properties) node = node.items as JsonSchema;
    node = (node?.properties as Record<string, JsonSchema> | undefined)?.[key];
  }
  return node;
}

export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** What a condition can ask about one convention. */
export interface Facts {
  /** The value at a path, the schema's default standing for an absent field. */
  value(path: string): unknown;
  /** Whether the YAML gives the field: present, not an empty list, not equal to its default. */
  given(path: string): boolean;
  /** The path in the YAML a dotted path designates (`parties.caisse.x` → `parties/2/x`), if any. */
  pointer(path: string): (string | number)[] | undefined;
}

export interface FactsSource {
  schema: JsonSchema;
  /** The YAML as written. */
  data: Data;
  /** The same with defaults (`withDefaults`), made when a condition first needs it. */
  filled(): Data;
  /** Index of the first party at a place of the catalogue, if any. */
  placeIndex(place: string): number | undefined;
  /** Facts of the document being composed: `document.annexes` is the number of its annexes. */
  document?(): { annexes: number };
}

export function conventionFacts(source: FactsSource): Facts {
  const pointer = (path: string): (string | number)[] | undefined => {
    const keys: (string | number)[] = path.split('.');
    if (keys[0] === 'parties' && keys.length > 1 && !/^\d+$/.test(String(keys[1]))) {
      const index = source.placeIndex(String(keys[1]));
      if (index === undefined) return undefined;
      keys[1] = index;
    }
    return keys;
  };
  const read = (data: () => Data, path: string): unknown => {
    if (path.startsWith('document.')) return path === 'document.annexes' ? (source.document?.().annexes ?? 0) : undefined;
    const keys = pointer(path);
    return keys ? valueAt(data(), keys) : undefined;
  };
  const written = () => source.data;
  return {
    pointer,
    value: (path) => read(source.filled, path),
    given(path) {
      const value = read(written, path);
      if (path.startsWith('document.')) return typeof value === 'number' && value > 0;
      if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return false;
      const schema = schemaAt(source.schema, path.startsWith('parties.') ? path.replace(/^parties\.[^.]+/, 'parties') : path);
      return !(schema && 'default' in schema && JSON.stringify(schema.default) === JSON.stringify(value));
    },
  };
}

/** Whether a catalogue's condition holds; an absent condition always does. */
export function holds(condition: Condition | undefined, facts: Facts): boolean {
  if (!condition) return true;
  for (const key in condition) {
    const test = condition[key];
    if (test === undefined) continue;
    if (key === 'ou') {
      if (!(test as Condition[]).some((c) => holds(c, facts))) return false;
    } else if (key === 'non') {
      if (holds(test as Condition, facts)) return false;
    } else if (!passes(test as Test, key, facts)) return false;
  }
  return true;
}

function passes(test: Test, path: string, facts: Facts): boolean {
  if (Array.isArray(test)) return test.includes(facts.value(path) as never);
  if (test === null || typeof test !== 'object') return facts.value(path) === test;
  // Several tests in one object must all hold ({ depuis, avant }: a period).
  if (test.non !== undefined && passes(test.non, path, facts)) return false;
  if (test.present !== undefined && facts.given(path) !== test.present) return false;
  if (test.contient !== undefined) {
    const list = facts.value(path);
    if (!(Array.isArray(list) && list.includes(test.contient))) return false;
  }
  if (test.motif !== undefined) {
    const text = facts.value(path);
    if (!(typeof text === 'string' && new RegExp(test.motif, 'u').test(text))) return false;
  }
  // Dates are written AAAA-MM-JJ (the schema's format): their text order is their order in time.
  if (test.depuis !== undefined || test.avant !== undefined) {
    const date = facts.value(path);
    if (typeof date !== 'string') return false;
    if (test.depuis !== undefined && date < test.depuis) return false;
    if (test.avant !== undefined && date >= test.avant) return false;
  }
  return true;
}

/** A catalogue's texts that depend on the convention (`variantes`): the first version whose condition holds (its text may be null: nothing cited), or null. */
export function variantsOf(catalogue: Catalogue, facts: Facts): Record<string, string | null> {
  const chosen: Record<string, string | null> = {};
  for (const [name, variant] of Object.entries(catalogue.variantes ?? {})) {
    chosen[name] = variant?.versions.find((version) => holds(version.si, facts))?.texte ?? null;
  }
  return chosen;
}

/** The names of the catalogue's `variantes` that have no version for this convention. */
export function variantsWithoutVersion(catalogue: Catalogue, facts: Facts): string[] {
  return Object.entries(catalogue.variantes ?? {})
    .filter(([, variant]) => variant !== undefined && !variant.versions.some((version) => holds(version.si, facts)))
    .map(([name]) => name);
}

/**
 * The drafting model of a convention: the YAML's `modele` when the type has several, else its only
 * one. Validation has checked the value against the schema's enum (which a test keeps equal to the
 * catalogue's models).
 */
export function modelOf(catalogue: Catalogue, data: Data): string {
  const ids = Object.keys(catalogue.modeles);
  return typeof data.modele === 'string' && ids.includes(data.modele) ? data.modele : ids[0]!;
}

const places = new WeakMap<Catalogue, Map<string, string | undefined>>();

/** The place a role belongs to (`mission-locale-est` to the place of `mission-locale` when suffixes are admitted). */
export function placeOf(catalogue: Catalogue, role: string): string | undefined {
  let known = places.get(catalogue);
  if (!known) places.set(catalogue, (known = new Map()));
  if (known.has(role)) return known.get(role);
  let found: string | undefined;
  for (const [place, definition] of Object.entries(catalogue.parties)) {
    if (!definition || found) continue;
    for (const admitted of Object.keys(definition.roles)) {
      if (role === admitted || (definition.suffixes === true && role.startsWith(`${admitted}-`))) found = place;
    }
  }
  // Bounded: roles come from YAML files, a batch could hold many distinct suffixed ones.
  if (known.size < 1000) known.set(role, found);
  return found;
}
