/**
 * What both `convention new` and `convention init` need for a type: its form (the schema walked),
 * the `$schema` path an editor reads from the written file, and the in-memory check of the text
 * about to be written, by the same stages as `convention validate`.
 */
import { dirname, join, relative, resolve, sep } from 'node:path';
import { readSchema, SCHEMAS_DIR } from '../core/assets.js';
import { UserError } from '../core/errors.js';
import { parseConvention } from '../core/load.js';
import type { Problem } from '../core/problem.js';
import { didYouMean } from '../core/suggest.js';
import { schemaOf, validateConvention } from '../core/validate.js';
import { CONVENTION_TYPES, findType, type ConventionTypeInfo } from '../types/registry.js';
import { describeType, type ObjectField } from './schema-walk.js';

export function requireType(typeId: string): ConventionTypeInfo {
  const type = findType(typeId);
  if (!type) {
    const known = CONVENTION_TYPES.map((t) => t.id);
    throw new UserError(`type de convention « ${typeId} » inconnu ; types disponibles : ${known.join(', ')}.${didYouMean(typeId, known)}`, 'type-inconnu');
  }
  return type;
}

export function formOf(typeId: string): ObjectField {
  return describeType(schemaOf(typeId) as Record<string, unknown>, readSchema('common.schema.json'));
}

/** `../schemas/locale-ccas.schema.json` from the output file's folder. */
export function schemaReference(output: string, type: ConventionTypeInfo): string {
  const path = relative(dirname(resolve(output)), join(SCHEMAS_DIR, type.schemaFile)).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** Parses and validates the text about to be written, as `convention validate` would read it. */
export async function checkText(text: string, file: string, today?: string): Promise<Problem[]> {
  const parsed = parseConvention(text, file);
  if (!parsed.ok) return parsed.problems;
  return validateConvention(parsed.value, today ? { today } : {});
}

export function yamlName(output: string): boolean {
  return /\.ya?ml$/i.test(output);
}
