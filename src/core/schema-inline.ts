/**
 * A type's JSON Schema made self-contained: every `$ref` (into the common schema or the schema's own
 * definitions) resolved and every `allOf` merged, recursively. The wizard walks the result, compose
 * reads its defaults. Pure: the schemas are inputs.
 */

export type JsonSchema = Record<string, unknown>;

const COMMON_FILE = 'common.schema.json';

export interface Documents {
  type: JsonSchema;
  common: JsonSchema;
}

function pointerSegments(fragment: string): string[] {
  return fragment
    .split('/')
    .slice(1)
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

function lookUp(document: JsonSchema, fragment: string): JsonSchema {
  let target: unknown = document;
  for (const segment of pointerSegments(fragment)) target = (target as Record<string, unknown> | undefined)?.[segment];
  if (!target || typeof target !== 'object') throw new Error(`référence introuvable : #${fragment}`);
  return target as JsonSchema;
}

const definitionNames = new WeakMap<JsonSchema, string>();

/**
 * Resolves `$ref` (keywords beside it win, as in the validator's messages) and merges `allOf`
 * (properties merged key by key, `required` united), recursively: the result refers to nothing.
 */
export function inlineSchema(schema: JsonSchema, documents: Documents, current: JsonSchema = documents.type): JsonSchema {
  let node = schema;
  let definition: string | undefined;
  let base = current;
  for (let depth = 0; typeof node.$ref === 'string'; depth++) {
    if (depth > 20) throw new Error(`références en boucle : ${node.$ref}`);
    const [file = '', fragment = ''] = (node.$ref as string).split('#');
    const document = file === COMMON_FILE ? documents.common : file === '' ? base : undefined;
    if (!document) throw new Error(`référence hors des schémas connus : ${node.$ref}`);
    base = document;
    const { $ref: _ref, ...beside } = node;
    const segments = pointerSegments(fragment);
    if (segments[0] === 'definitions' && segments.length === 2) definition ??= segments[1];
    node = { ...lookUp(document, fragment), ...beside };
  }
  let result: JsonSchema = { ...node };
  if (Array.isArray(result.allOf)) {
    const parts = (result.allOf as JsonSchema[]).map((part) => inlineSchema(part, documents, base));
    delete result.allOf;
    for (const part of parts) {
      definition ??= definitionNames.get(part);
      result = mergeSchemas(result, part);
    }
  }
  for (const key of ['properties', 'definitions'] as const) {
    const map = result[key] as Record<string, JsonSchema> | undefined;
    if (map) result[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, inlineSchema(v, documents, base)]));
  }
  if (result.items && typeof result.items === 'object') result.items = inlineSchema(result.items as JsonSchema, documents, base);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(result[key])) result[key] = (result[key] as JsonSchema[]).map((s) => inlineSchema(s, documents, base));
  }
  if (definition) definitionNames.set(result, definition);
  return result;
}

export function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const merged: JsonSchema = { ...a, ...b };
  if (a.properties || b.properties) {
    const pa = (a.properties ?? {}) as Record<string, JsonSchema>;
    const pb = (b.properties ?? {}) as Record<string, JsonSchema>;
    const properties: Record<string, JsonSchema> = { ...pa };
    for (const [key, value] of Object.entries(pb)) properties[key] = pa[key] ? { ...pa[key], ...value } : value;
    merged.properties = properties;
  }
  if (a.required || b.required) {
    merged.required = [...new Set([...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])])];
  }
  return merged;
}

/** The common definition (`partie`, `adresse`…) an inlined schema comes from, if any. */
export function definitionOf(schema: JsonSchema): string | undefined {
  return definitionNames.get(schema);
}
