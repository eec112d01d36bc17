// Generates the TypeScript types the engine reads data through, from the JSON Schemas that define
// that data, so the two cannot drift: `npm run types` rewrites them, and a test regenerates them in
// memory and fails when a committed file differs.
//
// - src/core/generated/common.ts from schemas/common.schema.json: the blocks every convention type
//   shares (parties, referents, DPO, duration, signature). The engine knows no type's own schema:
//   what is particular to a type is data, read through its catalogue.
// - src/core/generated/catalogue.ts from templates/catalogue.schema.json: a type's catalogue.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src', 'core', 'generated');

/**
 * French titles would become interface names ("Représentant légal"): keep them out of the types,
 * with `propertyNames`, which TypeScript cannot express (and the generator does not resolve), and
 * the words beside a `$ref` (the generator leaves a recursive `$ref` unresolved when it has any).
 */
function withoutTitles(node) {
  if (Array.isArray(node)) return node.map(withoutTitles);
  if (node && typeof node === 'object' && typeof node.$ref === 'string') return { $ref: node.$ref };
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => key !== 'title' && key !== '$id' && key !== 'propertyNames')
        .map(([key, value]) => [key, key === 'properties' || key === 'definitions' ? mapValues(value) : withoutTitles(value)]),
    );
  }
  return node;
}
const mapValues = (object) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k, withoutTitles(v)]));

const OPTIONS = {
  additionalProperties: false,
  unreachableDefinitions: false,
  strictIndexSignatures: true,
  format: true,
  ignoreMinAndMaxItems: true,
  style: { singleQuote: true, printWidth: 120 },
};

const banner = (source) => `/* Generated from ${source} by scripts/schema-types.mjs: do not edit, run \`npm run types\`. */`;

/** The common schema holds definitions only: each becomes an exported type, under its key's name. */
async function commonTypes() {
  const common = JSON.parse(readFileSync(join(root, 'schemas', 'common.schema.json'), 'utf8'));
  const names = Object.keys(common.definitions);
  const schema = {
    type: 'object',
    additionalProperties: false,
    required: names,
    properties: Object.fromEntries(names.map((name) => [name, { $ref: `#/definitions/${name}` }])),
    definitions: common.definitions,
  };
  return compile(withoutTitles(schema), 'CommonDefinitions', { ...OPTIONS, bannerComment: banner('schemas/common.schema.json') });
}

async function catalogueTypes() {
  const schema = JSON.parse(readFileSync(join(root, 'templates', 'catalogue.schema.json'), 'utf8'));
  return compile(withoutTitles(schema), 'Catalogue', { ...OPTIONS, bannerComment: banner('templates/catalogue.schema.json') });
}

/** Generated file name → text. */
export async function generateTypes() {
  return { 'common.ts': await commonTypes(), 'catalogue.ts': await catalogueTypes() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(outDir, { recursive: true });
  for (const [file, ts] of Object.entries(await generateTypes())) writeFileSync(join(outDir, file), ts);
}
