/**
 * The convention types the product knows. Light on purpose: listing types, or validating a file,
 * must not load a type's compose code (nor docx, nor handlebars).
 */
import type { DocumentModel } from '../core/model.js';
import type { UnplacedProblem } from '../core/problem.js';

export interface ConventionTypeInfo {
  id: string;
  /** One French line, shown by `convention types` and the wizard. */
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

export const CONVENTION_TYPES: readonly ConventionTypeInfo[] = [
  {
    id: 'locale-ccas',
    description: 'Convention locale entre la CPAM (et la CARSAT) et un CCAS ou un CIAS',
    schemaFile: 'locale-ccas.schema.json',
  },
];

export function findType(id: unknown): ConventionTypeInfo | undefined {
  return CONVENTION_TYPES.find((t) => t.id === id);
}

export async function loadTypeModule(id: string): Promise<ConventionTypeModule> {
  switch (id) {
    case 'locale-ccas':
      return import('./locale-ccas.js');
    default:
      throw new Error(`type de convention sans module : ${id}`);
  }
}
