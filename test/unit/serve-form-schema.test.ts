/**
 * What the form of `convention serve` makes of the types' editor schemas (src/web/form-schema.ts),
 * for every type the build writes (dist/schemas) and every example:
 * - the alternatives that only require one property or another are gone (the server names what is
 *   missing), the real ones carry a French title;
 * - every value of every example is named by the titles of its sections and field, never by a key;
 * - the server's problems land in rjsf's error tree at their pointer;
 * - texts in paragraphs are text areas;
 * - a change in the form keeps every example's data as it is: what rjsf computes at each change
 *   (its defaults, then its sanitising of the data) adds nothing, not even an empty optional group.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchemaUtils, schemaHasNestedConditional, type RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { parse } from 'yaml';
import { fieldLabel, isLongText, prepareFormSchema, problemsToErrorTree, type Schema } from '../../src/web/form-schema.js';
import { EXAMPLES, ROOT } from '../support/paths.js';

const SCHEMAS = join(ROOT, 'dist', 'schemas');
const types = readdirSync(SCHEMAS)
  .filter((f) => f.endsWith('.schema.json') && f !== 'common.schema.json')
  .map((f) => f.replace('.schema.json', ''));
const schemaOf = (type: string): Schema => JSON.parse(readFileSync(join(SCHEMAS, `${type}.schema.json`), 'utf8')) as Schema;

function alternatives(node: unknown, out: Schema[][] = []): Schema[][] {
  if (Array.isArray(node)) node.forEach((item) => alternatives(item, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) out.push(value as Schema[]);
      alternatives(value, out);
    }
  }
  return out;
}

const constraintOnly = (alternative: Schema) => Object.keys(alternative).every((k) => ['type', 'required', 'errorMessage'].includes(k));

describe('form schema of convention serve', () => {
  test.each(types)('%s: constraint-only alternatives removed, the others titled', (type) => {
    const schema = schemaOf(type);
    const before = alternatives(schema);
    const after = alternatives(prepareFormSchema(schema));
    expect(after).toHaveLength(before.filter((group) => !group.every(constraintOnly)).length);
    for (const group of after) for (const alternative of group) expect(typeof alternative.title).toBe('string');
  });

  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();
  test.each(examples)('%s: every value is named by titles, never by its key', (file) => {
    const data = parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Record<string, unknown>;
    const schema = prepareFormSchema(schemaOf(data.type as string));
    const unnamed: string[] = [];
    const walk = (value: unknown, segments: string[]) => {
      if (segments.length > 0) {
        const label = fieldLabel(schema, `/${segments.join('/')}`)!;
        const last = segments.at(-1)!;
        if (!/^\d+$/.test(last) && label.split(' › ').at(-1) === last) unnamed.push(segments.join('/'));
      }
      if (Array.isArray(value)) value.forEach((item, index) => walk(item, [...segments, String(index)]));
      else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...segments, key]);
    };
    walk(data, []);
    expect(unnamed).toEqual([]);
    expect(fieldLabel(schema, '')).toBeNull();
  });

  // The form's defaults behaviour, as src/web/Editor.tsx gives it to rjsf.
  const DEFAULTS_BEHAVIOUR = { arrayMinItems: { populate: 'never' as const }, emptyObjectFields: 'skipDefaults' as const, constAsDefaults: 'never' as const };
  test.each(examples)('%s: a change in the form keeps the data as it is (rjsf adds no default, no empty group)', (file) => {
    const data = parse(readFileSync(join(EXAMPLES, file), 'utf8')) as Record<string, unknown>;
    const schema = prepareFormSchema(schemaOf(data.type as string)) as RJSFSchema;
    const utils = createSchemaUtils(validator, schema, DEFAULTS_BEHAVIOUR);
    // What rjsf's Form does with the data at each change of a field (Form.processChange →
    // getStateFromProps): the defaults merged in, then, when the schema holds a conditional below its
    // root, the data sanitised for the schema it retrieves.
    let formData = utils.getDefaultFormState(schema, structuredClone(data)) as Record<string, unknown>;
    if (schemaHasNestedConditional(schema, schema)) {
      const retrieved = utils.retrieveSchema(schema, formData);
      formData = utils.sanitizeDataForNewSchema(retrieved, retrieved, formData) as Record<string, unknown>;
    }
    expect(formData).toEqual(data);
  });

  test('problems land at their pointer in the error tree, warnings said so, the whole convention at the root', () => {
    const tree = problemsToErrorTree([
      { code: 'a', severity: 'error', message: 'Code postal invalide.', path: '/parties/0/adresse/code_postal' },
      { code: 'b', severity: 'warning', message: 'Nom court long.', path: '/parties/0/nom_court' },
      { code: 'c', severity: 'error', message: 'Deuxième problème.', path: '/parties/0/adresse/code_postal' },
      { code: 'd', severity: 'error', message: 'Type manquant.', path: '' },
      { code: 'e', severity: 'error', message: 'Clé étrange.', path: '/a~1b/c~0d' },
    ]);
    expect(tree).toEqual({
      __errors: ['Type manquant.'],
      parties: { 0: { adresse: { code_postal: { __errors: ['Code postal invalide.', 'Deuxième problème.'] } }, nom_court: { __errors: ['Avertissement : Nom court long.'] } } },
      'a/b': { 'c~d': { __errors: ['Clé étrange.'] } },
    });
  });

  test('texts in paragraphs are text areas', () => {
    expect(isLongText({ type: 'string', 'x-paragraphes': true })).toBe(true);
    expect(isLongText({ type: 'string', maxLength: 500 })).toBe(true);
    expect(isLongText({ type: 'string', description: 'Paragraphes séparés par une ligne vide.' })).toBe(true);
    expect(isLongText({ type: 'string', format: 'email', description: 'une ligne vide' })).toBe(false);
    expect(isLongText({ type: 'string', maxLength: 80, description: 'Nom de la commune.' })).toBe(false);
  });
});
