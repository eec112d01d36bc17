import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
// @ts-expect-error: a plain ES module script, without type declarations.
import { generateTypes } from '../../scripts/schema-types.mjs';
import { readTemplates } from '../../src/core/assets.js';
import { checkTypeDefinition } from '../../src/core/catalogue-check.js';
import { BUILT_CATALOGUES_FILE, CATALOGUE_FILE, CATALOGUE_SCHEMA_FILE, defaultRegistry, type BuiltCatalogue, type TypeDefinition } from '../../src/core/registry.js';
import { PARAGRAPHS_KEYWORD } from '../../src/core/schema-keywords.js';
import { createAjv } from '../../src/core/validate.js';
import { ROOT } from '../support/paths.js';

const SCHEMAS = join(ROOT, 'schemas');
const registry = defaultRegistry();
const types = registry.types.map((t) => t.id);
/** Every JSON Schema of the package: the types' and the common one, and the catalogues'. */
const schemaFiles = [...readdirSync(SCHEMAS).map((file) => join(SCHEMAS, file)), join(ROOT, 'templates', CATALOGUE_SCHEMA_FILE)];
const templateNames = new Set(readTemplates().map((t) => t.name));

function walk(node: unknown, visit: (node: Record<string, unknown>, path: string) => void, path = ''): void {
  if (Array.isArray(node)) node.forEach((child, i) => walk(child, visit, `${path}/${i}`));
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>, path);
    for (const [key, value] of Object.entries(node)) walk(value, visit, `${path}/${key}`);
  }
}

describe('schemas', () => {
  test('TypeScript types are generated from the common and catalogue schemas and up to date (run `npm run types`)', async () => {
    const generated = (await generateTypes()) as Record<string, string>;
    expect(Object.keys(generated).sort()).toEqual(readdirSync(join(ROOT, 'src', 'core', 'generated')).sort());
    for (const [file, text] of Object.entries(generated)) {
      expect(readFileSync(join(ROOT, 'src', 'core', 'generated', file), 'utf8')).toBe(text);
    }
  });

  test('every property has a French title and description', () => {
    for (const file of schemaFiles) {
      const schema = JSON.parse(readFileSync(file, 'utf8'));
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

  // The wizard and the browser form ask a text of paragraphs in an editor by the flag; the user
  // learns from the description that a blank line separates two: the two must go together.
  test('a text is marked `x-paragraphes` exactly where its description says a blank line separates paragraphs', () => {
    const marked: string[] = [];
    const described: string[] = [];
    for (const file of readdirSync(SCHEMAS)) {
      walk(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')), (node, path) => {
        if (node[PARAGRAPHS_KEYWORD] !== undefined) {
          marked.push(`${file}${path}`);
          expect(`${file}${path}: ${JSON.stringify(node[PARAGRAPHS_KEYWORD])} ${String(node.type)}`).toMatch(/: true string$/);
        }
        if (typeof node.description === 'string' && /ligne vide sépare/.test(node.description)) described.push(`${file}${path}`);
      });
    }
    expect(marked).toEqual(described);
    expect(marked.length).toBeGreaterThan(0);
  });

  test('references only point into the common schema or the schema\'s own definitions', () => {
    for (const file of schemaFiles) {
      walk(JSON.parse(readFileSync(file, 'utf8')), (node) => {
        if (typeof node.$ref === 'string') expect(node.$ref).toMatch(/^(common\.schema\.json)?#\/definitions\//);
      });
    }
  });
});

describe('catalogues', () => {
  const definitions = new Map<string, TypeDefinition>();
  beforeAll(async () => {
    for (const type of types) definitions.set(type, await registry.definition(type));
  });

  test('a type is a catalogue beside a schema: every type schema has its catalogue, and the reverse', () => {
    const schemas = readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json') && f !== 'common.schema.json').map((f) => f.replace('.schema.json', ''));
    expect(types).toEqual(schemas.sort());
    for (const type of types) expect(existsSync(join(ROOT, 'templates', type, CATALOGUE_FILE))).toBe(true);
  });

  test('each catalogue follows templates/catalogue.schema.json; a catalogue that does not is refused', async () => {
    const validate = (await createAjv()).compile(JSON.parse(readFileSync(join(ROOT, 'templates', CATALOGUE_SCHEMA_FILE), 'utf8')));
    for (const type of types) expect([type, validate(parse(readFileSync(join(ROOT, 'templates', type, CATALOGUE_FILE), 'utf8'))), validate.errors ?? null]).toEqual([type, true, null]);
    const broken = structuredClone(definitions.get(types[0]!)!.catalogue) as unknown as Record<string, unknown>;
    delete broken.parties;
    expect(validate(broken)).toBe(false);
  });

  test.each(types)('%s: catalogue, schema enums and templates agree', (type) => {
    expect(checkTypeDefinition(definitions.get(type)!, templateNames)).toEqual([]);
  });

  test('a catalogue that disagrees with its schema or its templates is reported', () => {
    const definition = definitions.get('locale-ccas')!;
    const catalogue = structuredClone(definition.catalogue);
    catalogue.modeles['departemental']!.options = [];
    catalogue.parties['caisse']!.roles = { caisse: 'caisse' };
    catalogue.modeles['departemental']!.articles.push({ id: 'absent', titre: 'Absent', si: { modele: 'inconnu' } });
    delete catalogue.rgpd['sans-echange'];
    catalogue.rgpd['conventions-application'] = {};
    catalogue.libelles = { 'suivi.frequence': { annuelle: 'une fois par an' } };
    const problems = checkTypeDefinition({ ...definition, catalogue }, templateNames).join('\n');
    expect(problems).toContain('options');
    expect(problems).toContain('rôles du schéma');
    expect(problems).toContain('modeles.departemental.articles.absent : aucun gabarit');
    expect(problems).toContain('« inconnu » n\'est pas une valeur admise de « modele »');
    expect(problems).toContain('libelles.suivi.frequence');
  });

  test('the build parses each catalogue into dist/catalogues.json, beside the YAML text it parsed', () => {
    const built = JSON.parse(readFileSync(BUILT_CATALOGUES_FILE, 'utf8')) as Record<string, BuiltCatalogue>;
    expect(Object.keys(built).sort()).toEqual(types);
    for (const type of types) {
      const text = readFileSync(join(ROOT, 'templates', type, CATALOGUE_FILE), 'utf8');
      expect(built[type]).toEqual({ source: text, catalogue: parse(text) });
    }
  });
});
