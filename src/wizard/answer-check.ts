/**
 * Checks one answer against its field's sub-schema, compiled by the ajv `convention validate` uses
 * (`createAjv`: same options, same formats), so the wizard refuses at once what `validate` would
 * refuse later, and says it in the words `validate` uses (`answerErrorMessage`: one translator of
 * ajv's errors), naming the field.
 */
import type { Ajv, ValidateFunction } from 'ajv';
import { answerErrorMessage, createAjv } from '../core/validate.js';
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
    return answerErrorMessage(validate.errors ?? [], label);
  };
}
