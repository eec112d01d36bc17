/**
 * The convention types the product knows: one `schemas/<type>.schema.json` and one
 * `src/types/<type>.ts` module each, found by name. Light on purpose: listing types, or validating
 * a file, must not load a type's compose code (nor docx, nor handlebars).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../core/assets.js';
import type { DocumentModel } from '../core/model.js';
import type { UnplacedProblem } from '../core/problem.js';

export interface ConventionTypeInfo {
  id: string;
  /** One French line (the schema's title), shown by `convention types` and the wizard. */
  description: string;
  schemaFile: string;
}

/** What a type module exports: its domain rules and its compose step. */
export interface ConventionTypeModule {
  /** Domain rules run after the schema, on data the schema accepted. */
  checkRules(data: Record<string, unknown>): UnplacedProblem[];
  /** Decides the document: articles, options, RGPD regime and annexes, numbering. */
  compose(data: Record<string, unknown>): DocumentModel;
}

const SCHEMA_SUFFIX = '.schema.json';

function discoverTypes(): ConventionTypeInfo[] {
  return readdirSync(SCHEMAS_DIR)
    .filter((file) => file.endsWith(SCHEMA_SUFFIX) && file !== 'common.schema.json')
    .sort()
    .map((schemaFile) => {
      const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, schemaFile), 'utf8')) as { title: string };
      return { id: schemaFile.slice(0, -SCHEMA_SUFFIX.length), description: schema.title, schemaFile };
    });
}

export const CONVENTION_TYPES: readonly ConventionTypeInfo[] = discoverTypes();

export function findType(id: unknown): ConventionTypeInfo | undefined {
  return CONVENTION_TYPES.find((t) => t.id === id);
}

/** A type's domain rules alone (`src/types/<type>-rules.ts`): what `validate` needs, without compose. */
export async function loadTypeRules(id: string): Promise<Pick<ConventionTypeModule, 'checkRules'>> {
  if (!findType(id)) throw new Error(`type de convention inconnu : ${id}`);
  return (await import(`./${id}-rules.js`)) as Pick<ConventionTypeModule, 'checkRules'>;
}

export async function loadTypeModule(id: string): Promise<ConventionTypeModule> {
  if (!findType(id)) throw new Error(`type de convention inconnu : ${id}`);
  return (await import(`./${id}.js`)) as ConventionTypeModule;
}
