/**
 * The schemas editors read (src/core/editor-schema.ts): single documents, French messages for every
 * value an editor can refuse, « À COMPLÉTER » refused in free texts, the same conventions accepted
 * as by `validate`; the keywords they add are accepted by ajv's strict mode in the source schemas.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { skeletonText } from '../../src/cli/init-command.js';
import { readSchema } from '../../src/core/assets.js';
import { editorSchema, type JsonSchema } from '../../src/core/editor-schema.js';
import { commonEditorSchema, schemaUrl, typeEditorSchema } from '../../src/core/editor-schemas.js';
import { defaultRegistry } from '../../src/core/registry.js';
import { createAjv, EDITOR_KEYWORDS } from '../../src/core/validate.js';
import { EXAMPLES, ROOT } from '../support/paths.js';
import { fillSkeleton } from '../support/skeleton-fill.js';

const types = defaultRegistry().types;
const MARKER = 'À COMPLÉTER';

/** Every schema node of a document, with its pointer. */
function nodes(schema: unknown, path = ''): [string, JsonSchema][] {
  if (!schema || typeof schema !== 'object') return [];
  if (Array.isArray(schema)) return schema.flatMap((item, i) => nodes(item, `${path}/${i}`));
  const found: [string, JsonSchema][] = [[path, schema as JsonSchema]];
  for (const [key, value] of Object.entries(schema)) if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') found.push(...nodes(value, `${path}/${key}`));
  return found.filter(([, node]) => typeof node === 'object');
}

function resolvePointer(document: JsonSchema, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

/** An ajv that knows the editor keywords, without this package's schemas. */
async function editorAjv() {
  const ajv = await createAjv();
  for (const type of types) ajv.removeSchema(type.schemaFile);
  return ajv;
}

describe('editor schemas', () => {
  const documents = [...types.map((type) => [type.id, typeEditorSchema(type)] as const), ['common', commonEditorSchema()] as const];

  test.each(documents)('%s: a single document, published at its versioned URL', (id, schema) => {
    expect(schema.$id).toBe(schemaUrl(id));
    for (const [path, node] of nodes(schema)) {
      if (typeof node.$ref !== 'string') continue;
      expect(`${path}: ${node.$ref}`).toMatch(/: #\//);
      expect(resolvePointer(schema, node.$ref.slice(1))).toBeDefined();
    }
  });

  test.each(documents)('%s: every value an editor can refuse has a French message', (_id, schema) => {
    const refusable = nodes(schema).filter(([, node]) => 'enum' in node || 'const' in node || 'pattern' in node || 'format' in node);
    expect(refusable.length).toBeGreaterThan(0);
    for (const [path, node] of refusable) {
      const message = String(node.pattern !== undefined ? node.patternErrorMessage : node.errorMessage);
      expect(`${path}: ${message}`).toMatch(/: (?:« |Valeur|Cette valeur).+\.$/);
      expect(message).not.toMatch(/\b(?:does not|must|should|Value|pattern)\b/);
    }
  });

  test('every pattern of the source schemas has its own French message (patternErrorMessage)', () => {
    for (const file of readdirSync(join(ROOT, 'schemas'))) {
      for (const [path, node] of nodes(readSchema(file))) {
        if (typeof node.pattern === 'string') expect(`${file}${path}: ${String(node.patternErrorMessage)}`).toMatch(/: « .+\.$/);
      }
    }
  });

  test('ajv’s strict mode accepts the editor keywords, and only them: an unknown keyword is still refused', async () => {
    const ajv = await editorAjv();
    expect(EDITOR_KEYWORDS).toEqual(['errorMessage', 'patternErrorMessage', 'markdownDescription']);
    for (const [, schema] of documents) expect(() => ajv.compile({ ...schema, $id: undefined })).not.toThrow();
    expect(() => ajv.compile({ type: 'string', messageDErreur: 'x' })).toThrow(/unknown keyword/);
  });

  test.each(types.map((type) => type.id))('%s: the editor schema accepts the examples and the filled skeleton, and refuses each « À COMPLÉTER » of a skeleton', async (id) => {
    const ajv = await editorAjv();
    const validate = ajv.compile({ ...typeEditorSchema(defaultRegistry().find(id)!), $id: undefined });
    const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).map((f) => parse(readFileSync(join(EXAMPLES, f), 'utf8')) as { type: string });
    for (const example of examples.filter((e) => e.type === id)) expect([validate(example), validate.errors]).toEqual([true, null]);
    const { text } = await skeletonText(id, `${id}.yaml`);
    expect(validate(parse(fillSkeleton(text)))).toBe(true);
    expect(validate(parse(text))).toBe(false);
    // Each marker is refused where it stands, with a French message (by ajv here, as an editor would).
    const holdsMarker = (data: unknown) => (typeof data === 'string' && data.includes(MARKER)) || (Array.isArray(data) && data.some(holdsMarker));
    const refused = new Set((validate.errors ?? []).filter((e) => holdsMarker(e.data)).map((e) => e.instancePath));
    const placed = new Set<string>();
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string' && value.includes(MARKER)) placed.add(path);
      else if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) walk(child, `${path}/${key}`);
    };
    walk(parse(text), '');
    expect(placed.size).toBeGreaterThan(0);
    for (const path of placed) expect([path, refused.has(path) || refused.has(path.replace(/\/\d+$/, ''))]).toEqual([path, true]);
  });

  test('a definition both in a type’s schema and in the common one is refused', () => {
    expect(() => editorSchema({ definitions: { texte: {} } }, readSchema('common.schema.json'), 'x')).toThrow(/texte/);
  });
});
