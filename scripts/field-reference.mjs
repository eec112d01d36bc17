// The reference of every rubrique of every convention type, written from the types' JSON Schemas
// into docs/champs.md: its path in the YAML, its title, its description and an example taken from
// the bundled examples (examples/). `npm run docs` rewrites it (after `npm run build`: the schemas
// are read through the compiled dist/core/schema-inline.js, as the wizard reads them), and a test
// regenerates it and fails when the file differs. The schemas stay the only source.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REFERENCE = join(root, 'docs', 'champs.md');
const { inlineSchema } = await import('../dist/core/schema-inline.js');

const KINDS = { string: 'texte', integer: 'nombre entier', number: 'nombre', boolean: 'vrai/faux', array: 'liste', object: 'bloc' };

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** What a value is: « texte », « choix : a, b », « date (AAAA-MM-JJ) »… */
function kind(schema) {
  if ('const' in schema) return `\`${schema.const}\``;
  if (schema.enum) return `choix : ${schema.enum.map((v) => `\`${v}\``).join(', ')}`;
  if (schema.type === 'array') return schema.items?.enum ? `liste, parmi : ${schema.items.enum.map((v) => `\`${v}\``).join(', ')}` : 'liste';
  if (schema.format === 'date') return 'date';
  if (schema.format === 'email') return 'adresse électronique';
  if (Array.isArray(schema.type)) return schema.type.map((t) => KINDS[t] ?? t).join(' ou ');
  if (schema.anyOf) return schema.anyOf.map(kind).join(', ou ');
  return KINDS[schema.type] ?? 'valeur';
}

/** Every value found at `segments` in `data` (a `[]` segment stands for each item of a list). */
function valuesAt(data, segments) {
  if (segments.length === 0) return data === undefined ? [] : [data];
  const [first, ...rest] = segments;
  if (first === '[]') return Array.isArray(data) ? data.flatMap((item) => valuesAt(item, rest)) : [];
  if (first === '<clé>') return data && typeof data === 'object' ? Object.values(data).flatMap((v) => valuesAt(v, rest)) : [];
  return data && typeof data === 'object' && first in data ? valuesAt(data[first], rest) : [];
}

function example(examples, segments, schema) {
  const value = examples.flatMap((data) => valuesAt(data, segments)).find((v) => v !== null && (typeof v !== 'object' || (Array.isArray(v) && v.every((i) => typeof i !== 'object'))));
  if (value !== undefined) return `\`${Array.isArray(value) ? `[${value.join(', ')}]` : String(value)}\``;
  if ('default' in schema) return `par défaut \`${JSON.stringify(schema.default)}\``;
  return '—';
}

const cell = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

/** One row per rubrique, depth first, in the schema's order. */
function rows(schema, segments, required, examples) {
  const lines = [];
  const path = segments.join('.').replace(/\.\[\]/g, '[]');
  if (segments.length > 0) {
    lines.push(`| \`${path}\` | ${cell(schema.title)} | ${required ? 'oui' : ''} | ${cell(kind(schema))} | ${cell(schema.description)} | ${cell(example(examples, segments, schema))} |`);
  }
  // The rubriques of the block itself, of each item of a list (each form an item may take), of each value of a map.
  const items = schema.items && typeof schema.items === 'object' ? schema.items : undefined;
  const values = schema.additionalProperties && typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  const blocks = [
    [schema, segments],
    ...(items ? (items.anyOf ?? [items]).map((branch) => [branch, [...segments, '[]']]) : []),
    ...(values ? [[values, [...segments, '<clé>']]] : []),
  ];
  for (const [block, at] of blocks) {
    const needed = new Set(block.required ?? []);
    for (const [key, property] of Object.entries(block.properties ?? {})) {
      if (key === '$schema') continue;
      lines.push(...rows(property, [...at, key], needed.has(key), examples));
    }
  }
  return lines;
}

export function fieldReference() {
  const common = readJson(join(root, 'schemas', 'common.schema.json'));
  const ids = readdirSync(join(root, 'schemas'))
    .filter((f) => f.endsWith('.schema.json') && f !== 'common.schema.json')
    .map((f) => f.replace(/\.schema\.json$/, ''))
    .sort();
  const examples = readdirSync(join(root, 'examples'))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => parse(readFileSync(join(root, 'examples', f), 'utf8')));
  const lines = [
    '# Référence des rubriques',
    '',
    '<!-- Écrit par `npm run docs` depuis schemas/*.schema.json et examples/ : ne pas modifier à la main. -->',
    '',
    'Chaque rubrique de chaque type de convention : son chemin dans le YAML (`[]` : chaque élément',
    "d'une liste), son titre, si elle est obligatoire, sa forme, sa description et un exemple tiré des",
    'conventions de `examples/` (« — » : aucun exemple ne la renseigne). Les mêmes titres et descriptions',
    "s'affichent dans un éditeur qui lit le schéma (voir le README, « Écrire une convention »), et",
    '`convention schema <type>` imprime le schéma lui-même.',
    '',
  ];
  for (const id of ids) {
    const type = readJson(join(root, 'schemas', `${id}.schema.json`));
    const inlined = inlineSchema(type, { type, common });
    const own = examples.filter((data) => data?.type === id);
    lines.push(`## \`${id}\` : ${type.title}`, '', cell(type.description), '');
    lines.push('| rubrique | titre | obligatoire | forme | description | exemple |', '|---|---|---|---|---|---|');
    lines.push(...rows(inlined, [], true, own), '');
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(REFERENCE, fieldReference());
}
