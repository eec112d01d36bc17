/**
 * The reference of every rubrique (docs/champs.md), written from the types' schemas and the examples
 * by `npm run docs`: it must be the one they give now, and name every field of every type.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain ES module script, without type declarations.
import { fieldReference, REFERENCE } from '../../scripts/field-reference.mjs';
import { defaultRegistry } from '../../src/core/registry.js';
import { formOf } from '../../src/wizard/type-form.js';
import { ROOT } from '../support/paths.js';

test('docs/champs.md is the reference the schemas and examples give (run `npm run build && npm run docs`)', () => {
  expect(readFileSync(REFERENCE as string, 'utf8')).toBe((fieldReference as () => string)());
});

test('the reference has a section per type, a row per top-level rubrique, and the README links it', () => {
  const text = readFileSync(REFERENCE as string, 'utf8');
  for (const type of defaultRegistry().types) {
    expect(text).toContain(`## \`${type.id}\` : `);
    for (const field of formOf(type.id).properties) if (field.key !== '$schema') expect(text).toContain(`| \`${field.key}\` | `);
  }
  expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('](docs/champs.md)');
});
