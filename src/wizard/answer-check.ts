/**
 * Checks one answer against its field's sub-schema, compiled by the ajv `convention validate` uses
 * (`createAjv`: same options, same formats), so the wizard refuses at once what `validate` would
 * refuse later. The message is a French sentence naming the field, never raw ajv output.
 */
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from '../core/validate.js';
import type { JsonSchema } from './schema-walk.js';

/** Returns a French message when `value` breaks the schema, `undefined` when it fits. */
export type AnswerChecker = (schema: JsonSchema, value: unknown, label: string) => string | undefined;

/** The checker on the validator's own ajv configuration. */
export async function answerChecker(): Promise<AnswerChecker> {
  return createAnswerChecker(await createAjv());
}

export function createAnswerChecker(ajv: Ajv): AnswerChecker {
  const compiled = new Map<JsonSchema, ValidateFunction>();
  return (schema, value, label) => {
    let validate = compiled.get(schema);
    if (!validate) {
      const { $id: _id, $schema: _s, ...standalone } = schema;
      validate = ajv.compile(standalone);
      compiled.set(schema, validate);
    }
    if (validate(value)) return undefined;
    return describe(validate.errors ?? [], schema, label);
  };
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `« ${value} »` : `« ${JSON.stringify(value)} »`;
}

function describe(errors: ErrorObject[], schema: JsonSchema, label: string): string {
  const error = errors.find((e) => e.keyword !== 'anyOf') ?? errors[0]!;
  const parent = (error.parentSchema ?? schema) as JsonSchema;
  const hint = typeof parent.description === 'string' ? ` (${parent.description.replace(/\.$/, '')})` : '';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'format':
      return params.format === 'email'
        ? `${shown(error.data)} n'est pas une adresse électronique valide${hint}.`
        : params.format === 'date'
          ? `${shown(error.data)} n'est pas une date réelle au format AAAA-MM-JJ (par exemple 2024-11-14).`
          : `${shown(error.data)} n'a pas le format attendu${hint}.`;
    case 'pattern':
      return `${shown(error.data)} n'a pas la forme attendue pour « ${label} »${hint}.`;
    case 'minLength':
      return `« ${label} » ne peut pas être vide.`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `« ${label} » doit être ${error.keyword.includes('inimum') ? 'au moins' : 'au plus'} ${String(params.limit)}.`;
    case 'type':
      return params.type === 'integer' ? `« ${label} » attend un nombre entier.` : `« ${label} » : réponse du mauvais type.`;
    case 'enum':
      return `Valeur non admise pour « ${label} » ; valeurs admises : ${(params.allowedValues as unknown[]).join(', ')}.`;
    case 'minItems':
      return `« ${label} » compte au moins ${String(params.limit)} élément${Number(params.limit) > 1 ? 's' : ''}.`;
    case 'maxItems':
      return `« ${label} » compte au plus ${String(params.limit)} élément${Number(params.limit) > 1 ? 's' : ''}.`;
    case 'uniqueItems':
      return `« ${label} » contient deux fois la même valeur.`;
    case 'required':
      return `Rubrique « ${String(params.missingProperty)} » manquante dans « ${label} ».`;
    case 'anyOf':
      return `« ${label} » ne correspond à aucune des formes admises${hint}.`;
    default:
      return `Réponse non admise pour « ${label} »${hint}.`;
  }
}
