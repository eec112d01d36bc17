// Generates src/types/generated/<type>.ts from schemas/<type>.schema.json, so the TypeScript types
// of a convention cannot drift from its JSON Schema: `npm run types` rewrites them, and a test
// regenerates them in memory and fails when the committed file differs.
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemasDir = join(root, 'schemas');
const outDir = join(root, 'src', 'types', 'generated');

/** French titles would become interface names ("Représentant légal"): keep them out of the types. */
function withoutTitles(node) {
  if (Array.isArray(node)) return node.map(withoutTitles);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => key !== 'title' && key !== '$id')
        .map(([key, value]) => [key, key === 'properties' || key === 'definitions' ? mapValues(value) : withoutTitles(value)]),
    );
  }
  return node;
}
const mapValues = (object) => Object.fromEntries(Object.entries(object).map(([k, v]) => [k, withoutTitles(v)]));

function pascal(id) {
  return id.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
}

export async function generateTypes() {
  const common = JSON.parse(readFileSync(join(schemasDir, 'common.schema.json'), 'utf8'));
  const outputs = {};
  for (const file of readdirSync(schemasDir).sort()) {
    if (!file.endsWith('.schema.json') || file === 'common.schema.json') continue;
    const id = file.replace('.schema.json', '');
    const schema = JSON.parse(readFileSync(join(schemasDir, file), 'utf8'));
    // Inline the common definitions so the generator needs no resolver and names them by key.
    const inlined = JSON.parse(
      JSON.stringify(schema).replaceAll('"common.schema.json#/definitions/', '"#/definitions/'),
    );
    inlined.definitions = { ...common.definitions, ...(inlined.definitions ?? {}) };
    const ts = await compile(withoutTitles(inlined), pascal(id) + 'Convention', {
      bannerComment: `/* Generated from schemas/${file} by scripts/schema-types.mjs: do not edit, run \`npm run types\`. */`,
      additionalProperties: false,
      unreachableDefinitions: false,
      strictIndexSignatures: true,
      format: true,
      ignoreMinAndMaxItems: true,
      style: { singleQuote: true, printWidth: 120 },
    });
    outputs[id] = ts;
  }
  return outputs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(outDir, { recursive: true });
  for (const [id, ts] of Object.entries(await generateTypes())) writeFileSync(join(outDir, `${id}.ts`), ts);
}
