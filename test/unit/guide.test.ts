/**
 * The guide to adding a type (docs/nouveau-type.md) carries the catalogue's reference, written from
 * its schema by `npm run docs`: it must be the schema's as it is now.
 */
import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain ES module script, without type declarations.
import { GUIDE, guideWithReference } from '../../scripts/catalogue-reference.mjs';

test('the guide’s catalogue reference is the one its schema gives (run `npm run docs`)', () => {
  const text = readFileSync(GUIDE as string, 'utf8');
  expect(text).toBe((guideWithReference as (text: string) => string)(text));
});
