// Build step (after tsc): prepares the bundled templates/ so that a command does less at start.
//
// - The Handlebars templates (templates/**/*.md.hbs) are precompiled into
//   dist/templates/precompiled.json: `convention render` then loads Handlebars' runtime only and
//   compiles nothing. The options, the hash and the reading of the folder come from dist/core
//   (render.js, assets.js), the modules that load this file, so the two cannot disagree; a template
//   whose hash no longer matches the file on disk is compiled at run time there, as are overlays.
// - Each type's catalogue.yaml is checked against templates/catalogue.schema.json and against its
//   type's schema and templates (src/core/catalogue-check.ts): the build fails on a catalogue that
//   disagrees. Parsed, it goes into dist/catalogues.json, beside the text it was parsed from: the
//   registry uses an entry only while that text is the one on disk.
// - docx packs, through its public API, the shell of each layout of document (with and without
//   logos; src/core/docx-layout.ts) into dist/docx-shells/: a render fills it and never loads docx.
//
// templates/ stays the only source: nothing written here is committed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Handlebars from 'handlebars';
import { parse } from 'yaml';

const { COMPILE_OPTIONS, PRECOMPILED_TEMPLATES_FILE, templateSourceHash } = await import('../dist/core/render.js');
const { readTemplates } = await import('../dist/core/assets.js');
const { BUILT_CATALOGUES_FILE, CATALOGUE_FILE, defaultRegistry } = await import('../dist/core/registry.js');
const { checkTypeDefinition } = await import('../dist/core/catalogue-check.js');

// A copy of the options each time: precompile adds its defaults to the object it is given.
const templates = Object.fromEntries(
  readTemplates().map(({ name, text }) => [name, { sourceHash: templateSourceHash(text), spec: Handlebars.precompile(text, { ...COMPILE_OPTIONS }) }]),
);
rmSync(dirname(PRECOMPILED_TEMPLATES_FILE), { recursive: true, force: true });
mkdirSync(dirname(PRECOMPILED_TEMPLATES_FILE), { recursive: true });
writeFileSync(PRECOMPILED_TEMPLATES_FILE, JSON.stringify(templates) + '\n');
console.log(`gabarits précompilés : ${Object.keys(templates).length} → ${PRECOMPILED_TEMPLATES_FILE}`);

// Defined with the registry's own reading (the catalogue checked against its schema), before any
// dist/catalogues.json exists for it to trust.
rmSync(BUILT_CATALOGUES_FILE, { force: true });
const registry = defaultRegistry();
const templateNames = new Set(Object.keys(templates));
const catalogues = {};
const problems = [];
for (const { id } of registry.types) {
  const file = join(registry.templatesDir, id, CATALOGUE_FILE);
  const source = readFileSync(file, 'utf8');
  const catalogue = parse(source);
  // JSON must give back exactly what the YAML parser gives (no date, no infinity, no undefined).
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(catalogue)), catalogue)) throw new Error(`${file} : catalogue non représentable en JSON`);
  problems.push(...checkTypeDefinition(await registry.definition(id), templateNames).map((p) => `templates/${id}/${CATALOGUE_FILE} : ${p}`));
  catalogues[id] = { source, catalogue };
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
writeFileSync(BUILT_CATALOGUES_FILE, JSON.stringify(catalogues) + '\n');
console.log(`catalogues vérifiés : ${Object.keys(catalogues).join(', ')} → ${BUILT_CATALOGUES_FILE}`);

const { prebuiltShellFile } = await import('../dist/core/docx.js');
const { shellPackage } = await import('../dist/core/docx-layout.js');
for (const withLogos of [false, true]) {
  const file = prebuiltShellFile(withLogos);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, await shellPackage(withLogos));
}
console.log(`enveloppes DOCX : 2 → ${dirname(prebuiltShellFile(false))}`);
