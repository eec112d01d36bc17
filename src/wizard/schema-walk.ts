/**
 * The schema walk: turns a type's JSON Schema (and the common schema it refers to) into a tree of
 * fields a wizard can ask, in the schema's order — `$ref`s resolved, `allOf`s merged, each field
 * with its French title and description and a self-contained sub-schema to check answers with.
 * Pure: no I/O, no prompt; the schemas are inputs, so a test (or another front end) can walk any.
 */

import { definitionOf, inlineSchema, type JsonSchema } from '../core/schema-inline.js';
import { PARAGRAPHS_KEYWORD } from '../core/schema-keywords.js';

export type { JsonSchema };

interface FieldBase {
  /** Property name ('' for the root and for array items). */
  key: string;
  title?: string;
  description?: string;
  /** Required by the parent object (array items and the root are required). */
  required: boolean;
  /** The field's schema with every `$ref` and `allOf` resolved: ajv can compile it alone. */
  schema: JsonSchema;
  /** The common definition the field comes from (`partie`, `adresse`…), if any. */
  definition?: string;
  default?: unknown;
}

export interface ObjectField extends FieldBase {
  kind: 'object';
  properties: Field[];
}
export interface ArrayField extends FieldBase {
  kind: 'array';
  items: Field;
  minItems: number;
  maxItems?: number;
}
/** A list of values taken from a fixed set (`uniqueItems` of an `enum`): a checkbox list. */
export interface MultiField extends FieldBase {
  kind: 'multi';
  options: string[];
  minItems: number;
  maxItems?: number;
}
export interface TextField extends FieldBase {
  kind: 'string' | 'integer' | 'number';
  enum?: (string | number)[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** A text of several paragraphs (`"x-paragraphes": true` in the schema, src/core/schema-keywords.ts). */
  paragraphs?: boolean;
}
export interface BooleanField extends FieldBase {
  kind: 'boolean';
}
export interface ConstField extends FieldBase {
  kind: 'const';
  value: unknown;
}
/** `anyOf` alternatives (a catalogue id, or an object with a free title). */
export interface ChoiceField extends FieldBase {
  kind: 'choice';
  branches: Field[];
}

export type Field = ObjectField | ArrayField | MultiField | TextField | BooleanField | ConstField | ChoiceField;

function schemaType(schema: JsonSchema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type[0] as string;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  if (Array.isArray(schema.enum)) return typeof schema.enum[0] === 'number' ? 'number' : 'string';
  return undefined;
}

/** Builds the field for an inlined schema. */
export function fieldOf(schema: JsonSchema, key = '', required = true): Field {
  const base: FieldBase = {
    key,
    required,
    schema,
    ...(typeof schema.title === 'string' ? { title: schema.title } : {}),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    ...(definitionOf(schema) !== undefined ? { definition: definitionOf(schema) } : {}),
    ...('default' in schema ? { default: schema.default } : {}),
  };
  if ('const' in schema) return { ...base, kind: 'const', value: schema.const };
  const type = schemaType(schema);
  if (!type && Array.isArray(schema.anyOf)) {
    return { ...base, kind: 'choice', branches: (schema.anyOf as JsonSchema[]).map((branch) => fieldOf(branch)) };
  }
  switch (type) {
    case 'object': {
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) =>
        fieldOf(property, name, required.has(name)),
      );
      return { ...base, kind: 'object', properties };
    }
    case 'array': {
      const items = (schema.items ?? {}) as JsonSchema;
      const limits = {
        minItems: typeof schema.minItems === 'number' ? schema.minItems : 0,
        ...(typeof schema.maxItems === 'number' ? { maxItems: schema.maxItems } : {}),
      };
      if (Array.isArray(items.enum) && schema.uniqueItems === true) {
        return { ...base, kind: 'multi', options: (items.enum as unknown[]).map(String), ...limits };
      }
      return { ...base, kind: 'array', items: fieldOf(items), ...limits };
    }
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'integer':
    case 'number':
    case 'string':
    default:
      return {
        ...base,
        kind: type === 'integer' || type === 'number' ? type : 'string',
        ...(Array.isArray(schema.enum) ? { enum: schema.enum as (string | number)[] } : {}),
        ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
        ...(typeof schema.pattern === 'string' ? { pattern: schema.pattern } : {}),
        ...(typeof schema.minimum === 'number' ? { minimum: schema.minimum } : {}),
        ...(typeof schema.maximum === 'number' ? { maximum: schema.maximum } : {}),
        ...(schema[PARAGRAPHS_KEYWORD] === true ? { paragraphs: true } : {}),
      };
  }
}

/** The form of a convention type: its schema, walked. */
export function describeType(typeSchema: JsonSchema, commonSchema: JsonSchema): ObjectField {
  const { $schema: _s, $id: _i, ...schema } = typeSchema;
  const field = fieldOf(inlineSchema(schema, { type: typeSchema, common: commonSchema }));
  if (field.kind !== 'object') throw new Error("le schéma d'un type de convention décrit un objet");
  return field;
}

/** Properties a wizard or a skeleton fills: those of the data, not the editor's `$schema`. */
export function fillableProperties(field: ObjectField): Field[] {
  return field.properties.filter((p) => !p.key.startsWith('$'));
}

/** The title a question shows: the French title, or the property name. */
export function labelOf(field: Field): string {
  return field.title ?? field.key;
}

/** `/referents/0/partie` matches `/referents/*\/partie`. */
export function pointerMatches(pointer: string, pattern: string): boolean {
  const a = pointer.split('/');
  const b = pattern.split('/');
  return a.length === b.length && b.every((segment, i) => segment === '*' || segment === a[i]);
}

export function toPointer(path: readonly (string | number)[]): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * Removes values equal to their schema's default (an optional boolean left `false`…): two
 * conventions that differ only there say the same thing.
 */
export function withoutDefaults(field: Field, value: unknown): unknown {
  if (field.kind === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const property = field.properties.find((p) => p.key === key);
      if (property && !property.required && 'default' in property && JSON.stringify(property.default) === JSON.stringify(item)) continue;
      result[key] = property ? withoutDefaults(property, item) : item;
    }
    return result;
  }
  if (field.kind === 'array' && Array.isArray(value)) return value.map((item) => withoutDefaults(field.items, item));
  return value;
}

/** Reads the value at a JSON pointer (`/parties/0/nom`). */
export function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

