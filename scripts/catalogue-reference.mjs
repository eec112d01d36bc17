// The reference of a type's catalogue, written from its JSON Schema (templates/catalogue.schema.json)
// into the guide docs/nouveau-type.md, between two marker lines: `npm run docs` rewrites it, and a
// test regenerates it and fails when the guide differs. The schema stays the only source.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GUIDE = join(root, 'docs', 'nouveau-type.md');
export const BEGIN = '<!-- référence du catalogue : début (écrit par npm run docs depuis templates/catalogue.schema.json) -->';
export const END = '<!-- référence du catalogue : fin -->';

const TYPES = { string: 'texte', integer: 'nombre entier', number: 'nombre', boolean: 'vrai/faux', array: 'liste', object: 'objet' };

/** « texte », « liste de textes », « voir Condition »… : what a value is. */
function kind(schema, names) {
  if (schema.$ref) return `voir « ${names[schema.$ref.split('/').pop()]} »`;
  if (schema.enum) return `l'une des valeurs ${schema.enum.map((v) => `\`${v}\``).join(', ')}`;
  if (schema.anyOf) return schema.anyOf.map((b) => kind(b, names)).join(', ou ');
  if (Array.isArray(schema.type)) return schema.type.map((t) => TYPES[t] ?? t).join(' ou ');
  if (schema.type === 'array') return schema.items ? `liste (${kind(schema.items, names)})` : 'liste';
  if (schema.type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object' && !schema.properties) {
    return `objet : à chaque clé, ${kind(schema.additionalProperties, names)}`;
  }
  return TYPES[schema.type] ?? 'valeur';
}

function described(schema) {
  return [schema.title, schema.description].filter(Boolean).join(' — ');
}

/** The properties of an object schema as a nested list. */
function properties(schema, names, depth) {
  const lines = [];
  const indent = '  '.repeat(depth);
  const required = new Set(schema.required ?? []);
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (key === '$schema') continue;
    const target = property.$ref ? null : property;
    lines.push(`${indent}- \`${key}\` (${kind(property, names)}${required.has(key) ? ', obligatoire' : ''}${'default' in property ? `, par défaut \`${JSON.stringify(property.default)}\`` : ''}) : ${described(property)}`);
    if (target?.properties) lines.push(...properties(target, names, depth + 1));
    const items = target?.items && !target.items.$ref ? target.items : null;
    if (items?.properties) lines.push(...properties(items, names, depth + 1));
    const values = target?.additionalProperties && typeof target.additionalProperties === 'object' && !target.additionalProperties.$ref ? target.additionalProperties : null;
    if (values?.properties) {
      lines.push(`${indent}  - à chaque clé : ${described(values)}`);
      lines.push(...properties(values, names, depth + 2));
    }
  }
  return lines;
}

export function catalogueReference() {
  const schema = JSON.parse(readFileSync(join(root, 'templates', 'catalogue.schema.json'), 'utf8'));
  const names = Object.fromEntries(Object.entries(schema.definitions).map(([key, d]) => [key, d.title ?? key]));
  const lines = [BEGIN, '', `### ${schema.title}`, '', schema.description, '', ...properties(schema, names, 0), ''];
  for (const [key, definition] of Object.entries(schema.definitions)) {
    lines.push(`### ${names[key]}`, '', definition.description, '');
    if (definition.properties) lines.push(...properties(definition, names, 0), '');
    else lines.push(`Forme : ${kind({ ...definition, title: undefined }, names)}.`, '');
    for (const branch of definition.anyOf ?? []) if (branch.properties) lines.push(...properties(branch, names, 0), '');
  }
  lines.push(END);
  return lines.join('\n');
}

/** The guide with its reference block replaced by the schema's. */
export function guideWithReference(text) {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${GUIDE} : marqueurs de la référence introuvables`);
  return text.slice(0, start) + catalogueReference() + text.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(GUIDE, guideWithReference(readFileSync(GUIDE, 'utf8')));
}
