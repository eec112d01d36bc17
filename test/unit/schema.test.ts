import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
// @ts-expect-error: a plain ES module script, without type declarations.
import { generateTypes } from '../../scripts/schema-types.mjs';
import { BUILT_CATALOGUES_FILE, catalogueFile, type BuiltCatalogue } from '../../src/core/assets.js';
import { ROOT } from '../support/paths.js';

const SCHEMAS = join(ROOT, 'schemas');

function walk(node: unknown, visit: (node: Record<string, unknown>, path: string) => void, path = ''): void {
  if (Array.isArray(node)) node.forEach((child, i) => walk(child, visit, `${path}/${i}`));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>, path);
    for (const [key, value] of Object.entries(node)) walk(value, visit, `${path}/${key}`);
  }
}

describe('schemas', () => {
  test('TypeScript types are generated from the schemas and up to date (run `npm run types`)', async () => {
    const generated = (await generateTypes()) as Record<string, string>;
    for (const [id, text] of Object.entries(generated)) {
      expect(readFileSync(join(ROOT, 'src', 'types', 'generated', `${id}.ts`), 'utf8')).toBe(text);
    }
  });

  test('every property has a French title and description', () => {
    for (const file of readdirSync(SCHEMAS)) {
      const schema = JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8'));
      walk(schema, (node, path) => {
        const properties = node.properties as Record<string, Record<string, unknown>> | undefined;
        if (!properties || path.includes('/allOf/')) return;
        for (const [key, property] of Object.entries(properties)) {
          const described = property.$ref !== undefined || (typeof property.title === 'string' && typeof property.description === 'string');
          expect(`${file}${path}/properties/${key}: ${described ? 'ok' : 'sans titre ni description'}`).toMatch(/: ok$/);
        }
      });
    }
  });

  test('references only point into the common schema', () => {
    for (const file of readdirSync(SCHEMAS)) {
      walk(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')), (node) => {
        if (typeof node.$ref === 'string') expect(node.$ref).toMatch(/^(common\.schema\.json)?#\/definitions\//);
      });
    }
  });

  test('catalogue ids and schema enums agree (locale-ccas)', () => {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, 'locale-ccas.schema.json'), 'utf8'));
    const catalogue = parse(readFileSync(join(ROOT, 'templates', 'locale-ccas', 'catalogue.yaml'), 'utf8'));
    const optionIds = schema.properties.engagements.properties.options.items.enum as string[];
    const catalogueOptions = Object.values(catalogue.modeles as Record<string, { options: string[] }>).flatMap((m) => m.options);
    expect([...catalogueOptions].sort()).toEqual([...optionIds].sort());
    const annexIds = schema.properties.annexes.items.anyOf[0].enum as string[];
    expect(Object.keys(catalogue.annexes).sort()).toEqual([...annexIds].sort());
    expect(Object.keys(catalogue.modeles).sort()).toEqual([...schema.properties.modele.enum].sort());
    for (const option of optionIds) {
      const partial = join(ROOT, 'templates', 'locale-ccas', 'engagements', `${option}.md.hbs`);
      expect(readFileSync(partial, 'utf8').length).toBeGreaterThan(0);
    }
  });

  test('the build parses each catalogue into dist/catalogues.json, beside the YAML text it parsed', () => {
    const built = JSON.parse(readFileSync(BUILT_CATALOGUES_FILE, 'utf8')) as Record<string, BuiltCatalogue>;
    const types = readdirSync(join(ROOT, 'templates')).filter((type) => existsSync(catalogueFile(type)));
    expect(Object.keys(built).sort()).toEqual(types.sort());
    for (const type of types) {
      const text = readFileSync(catalogueFile(type), 'utf8');
      expect(built[type]).toEqual({ source: text, catalogue: parse(text) });
    }
  });
});
