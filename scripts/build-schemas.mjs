// Build step (after tsc): writes each type's editor schema, and the common one, into dist/schemas/
// (src/core/editor-schema.ts): single documents with French messages for editors, published with the
// package and read by editors from the CDN URL that `init`, `new` and the examples write.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { PACKAGE_ROOT } = await import('../dist/core/assets.js');
const { EDITOR_SCHEMAS_FOLDER } = await import('../dist/core/editor-schema.js');
const { COMMON_ID, commonEditorSchema, typeEditorSchema } = await import('../dist/core/editor-schemas.js');
const { defaultRegistry } = await import('../dist/core/registry.js');

const folder = join(PACKAGE_ROOT, EDITOR_SCHEMAS_FOLDER);
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
const written = [];
for (const type of defaultRegistry().types) {
  writeFileSync(join(folder, `${type.id}.schema.json`), `${JSON.stringify(typeEditorSchema(type), null, 2)}\n`);
  written.push(type.id);
}
writeFileSync(join(folder, `${COMMON_ID}.schema.json`), `${JSON.stringify(commonEditorSchema(), null, 2)}\n`);
console.log(`schémas pour éditeurs : ${[...written, COMMON_ID].join(', ')} → ${folder}`);
