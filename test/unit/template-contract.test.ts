/**
 * The contract between templates and the model, checked two ways:
 * - statically: each template's Handlebars syntax tree is walked from the engine's entry points,
 *   and every path it reads must exist in the model it gets (test/support/template-contract.ts) —
 *   a typo in a branch no example takes fails here, not in a user's hands;
 * - by rendering: for each type, conventions made from its examples and valid fixtures by setting
 *   every option and every value of every field with fixed values (lists, yes/no, optional
 *   rubriques given or not), combined pairwise, are rendered; each value must be rendered at least
 *   once, and no render may fail or print « undefined ».
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { readTemplates } from '../../src/core/assets.js';
import { helpers } from '../../src/core/helpers.js';
import { parseConvention } from '../../src/core/load.js';
import { composeModel } from '../../src/core/pipeline.js';
import { hasErrors } from '../../src/core/problem.js';
import { defaultRegistry, type TypeDefinition } from '../../src/core/registry.js';
import { renderMarkdown, templatesFor } from '../../src/core/render.js';
import type { JsonSchema } from '../../src/core/schema-inline.js';
import { validateConvention } from '../../src/core/validate.js';
import { checkTemplates } from '../support/template-contract.js';
import { EXAMPLES, FIXTURES } from '../support/paths.js';

const registry = defaultRegistry();
const types = registry.types.map((t) => t.id);
const HELPERS = new Set([...Object.keys(helpers), 'corps']);
const sources = new Map(readTemplates().map((t) => [t.name, t.text]));
const definitions = new Map<string, TypeDefinition>();
beforeAll(async () => {
  for (const type of types) definitions.set(type, await registry.definition(type));
});

describe('templates read only what the model has (syntax trees walked)', () => {
  test.each(types)('%s', (type) => {
    const findings = checkTemplates(definitions.get(type)!, [...definitions.values()], sources, HELPERS);
    expect(findings.map((f) => `${f.template}:${f.line}:${f.column} ${f.message}`)).toEqual([]);
  });

  test('a typo in a branch no example takes, a missing partial, an unknown helper are found', () => {
    const broken = new Map(sources);
    broken.set('locale-ccas/articles/objet.departemental', `${sources.get('locale-ccas/articles/objet.departemental')}\n{{#if carsat}}{{le caise}}{{> common/absent}}{{inconnu 1}}{{ref "nulle-part"}}{{/if}}\n`);
    broken.set('common/parties', `${sources.get('common/parties')}\n{{#if donnees.espace_partenaire}}x{{/if}}\n`);
    const messages = checkTemplates(definitions.get('locale-ccas')!, [...definitions.values()], broken, HELPERS).map((f) => f.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'locale-ccas : « caise » absent du modèle',
        'locale-ccas : gabarit « common/absent » introuvable',
        'locale-ccas : helper « inconnu » inconnu',
        "locale-ccas : renvoi à l'article « nulle-part », qu'aucun modèle du type n'a",
        'locale-ccas : « donnees.espace_partenaire » absent du modèle',
      ]),
    );
  });
});

// ── Rendering every value ────────────────────────────────────────────────────────────────────

type Json = unknown;
interface Dimension {
  path: (string | number)[];
  /** `undefined` removes the rubrique. */
  values: Json[];
  /** A number's bounds are tried, not required: a rule may refuse them (copies = signatories). */
  optional?: boolean;
}

function bases(type: string): Record<string, Json>[] {
  const files = [
    ...readdirSync(EXAMPLES).map((f) => join(EXAMPLES, f)),
    ...readdirSync(join(FIXTURES, 'valid')).map((f) => join(FIXTURES, 'valid', f)),
  ].filter((f) => f.endsWith('.yaml'));
  return files.map((f) => parse(readFileSync(f, 'utf8')) as Record<string, Json>).filter((d) => d.type === type);
}

function valueAt(data: Json, path: (string | number)[]): Json {
  return path.reduce<Json>((node, key) => (node && typeof node === 'object' ? (node as Record<string | number, Json>)[key] : undefined), data);
}

/** The data with `value` at `path`, or undefined when an object on the way is missing (the value would make a partial one). */
function setAt(data: Record<string, Json>, path: (string | number)[], value: Json): Record<string, Json> | undefined {
  const copy = structuredClone(data);
  let node = copy as Record<string | number, Json>;
  for (const [index, key] of path.slice(0, -1).entries()) {
    if (!node[key] || typeof node[key] !== 'object') {
      if (value === undefined) return copy;
      // A missing top-level rubrique is created; one deeper would need its other fields.
      if (index > 0) return undefined;
      node[key] = {};
    }
    node = node[key] as Record<string | number, Json>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = structuredClone(value);
  return copy;
}

const key = (value: Json) => JSON.stringify(value ?? null);

/**
 * The fields with fixed values (enums, yes/no, lists of fixed values, bounded numbers: their bounds)
 * and the optional rubriques:
 * each becomes a dimension, its values those the schema and the catalogue admit, or for an
 * optional rubrique « absent » and the values the bases give. In a list, its first element's
 * fields with fixed values (roles excepted: the bases carry each, a test below checks it); inside
 * an optional object, only when a base has it.
 */
function dimensions(definition: TypeDefinition, samples: Record<string, Json>[]): Dimension[] {
  const found: Dimension[] = [];
  const catalogue = definition.catalogue;
  const regimes = Object.keys(catalogue.rgpd);
  const shared = regimes.filter((r) => r !== 'sans-echange');
  const options = catalogue.options?.champ;
  const visit = (schema: JsonSchema, path: (string | number)[], required: boolean, inList: boolean) => {
    const seen = [...new Map(samples.map((s) => valueAt(s, path)).filter((v) => v !== undefined).map((v) => [key(v), v])).values()].slice(0, 2);
    if ('const' in schema || path[0] === '$schema' || path[path.length - 1] === 'role') return;
    const absent = required ? [] : [undefined];
    const items = schema.items as JsonSchema | undefined;
    const dotted = path.join('.');
    if (Array.isArray(schema.enum)) found.push({ path, values: [...schema.enum, ...absent] });
    else if (schema.type === 'boolean') found.push({ path, values: [true, false, ...absent] });
    else if (schema.type === 'integer' && typeof schema.minimum === 'number' && typeof schema.maximum === 'number') {
      found.push({ path, values: [schema.minimum, schema.maximum, ...absent], optional: true });
    }
    else if (schema.type === 'array' && items && Array.isArray(items.enum) && schema.uniqueItems === true) {
      // Lists of fixed values: each value alone, and the combinations the catalogue admits.
      const values = dotted === 'rgpd.regimes' ? regimes : (items.enum as string[]);
      const together =
        dotted === 'rgpd.regimes' ? [shared] : dotted === options ? Object.values(catalogue.modeles).map((m) => m?.options ?? []) : [values];
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      found.push({ path, values: [...values.map((v) => [v]), ...together.filter((t) => t.length > 1), ...(min === 0 ? [[]] : []), ...absent] });
    } else if (schema.properties) {
      const needed = new Set((schema.required as string[] | undefined) ?? []);
      if (required || (!inList && seen.length > 0)) {
        for (const [name, property] of Object.entries(schema.properties as Record<string, JsonSchema>)) visit(property, [...path, name], needed.has(name), inList);
      }
      if (!required && path.length > 0 && !inList) found.push({ path, values: [undefined, ...seen] });
    } else if (schema.type === 'array' && items?.properties) {
      visit(items, [...path, 0], true, true);
      if (!required) found.push({ path, values: [undefined, ...seen] });
    } else if (!required && !inList && seen.length > 0) found.push({ path, values: [undefined, ...seen] });
  };
  visit(definition.form, [], true, false);
  return found.filter((d) => d.values.length > 1);
}

/** A pairwise covering set: every pair of values of two dimensions appears in some case (greedy). */
function pairwise(dims: Dimension[]): number[][] {
  const uncovered = new Set<string>();
  dims.forEach((a, i) => dims.forEach((b, j) => { if (i < j) a.values.forEach((_, x) => b.values.forEach((_, y) => uncovered.add(`${i}:${x}|${j}:${y}`))); }));
  const cases: number[][] = [];
  let seed = 0;
  while (uncovered.size > 0) {
    const choice: number[] = [];
    dims.forEach((dim, i) => {
      let best = 0;
      let bestGain = -1;
      dim.values.forEach((_, x) => {
        let gain = 0;
        for (let j = 0; j < i; j++) if (uncovered.has(`${j}:${choice[j]}|${i}:${x}`)) gain++;
        // Later dimensions: count pairs this value still has to cover, to start well.
        if (i === 0) for (const p of uncovered) if (p.startsWith(`0:${x}|`)) gain++;
        if (gain > bestGain || (gain === bestGain && (x + seed) % dim.values.length === 0)) [best, bestGain] = [x, gain];
      });
      choice.push(best);
    });
    const before = uncovered.size;
    dims.forEach((_, i) => dims.forEach((__, j) => { if (i < j) uncovered.delete(`${i}:${choice[i]}|${j}:${choice[j]}`); }));
    if (uncovered.size === before) uncovered.delete(uncovered.values().next().value!);
    cases.push(choice);
    seed++;
  }
  return cases;
}

describe('every option and fixed value renders (pairwise)', () => {
  const today = { today: '2099-12-31' };

  test.each(types)('%s', async (type) => {
    const definition = definitions.get(type)!;
    const samples = bases(type);
    expect(samples.length).toBeGreaterThan(0);
    const dims = dimensions(definition, samples);
    const templates = await templatesFor();
    const rendered = new Set<string>();
    const failures: string[] = [];
    const attempt = async (data: Record<string, Json>, covers: string[]): Promise<boolean> => {
      const parsed = parseConvention(stringify(data), `${type}.yaml`);
      if (!parsed.ok || hasErrors(await validateConvention(parsed.value, today))) return false;
      try {
        const model = await composeModel(parsed.value.data);
        const { document, annexes } = renderMarkdown(model, templates);
        const text = [document, ...annexes.map((a) => a.markdown)].join('\n');
        if (/undefined|\[object |NaN/.test(text)) failures.push(`${covers.join(', ')} : ${/.{0,60}(?:undefined|\[object |NaN).{0,20}/.exec(text)![0]}`);
      } catch (error) {
        failures.push(`${covers.join(', ')} : ${(error as Error).message}`);
      }
      for (const c of covers) rendered.add(c);
      return true;
    };
    const label = (d: Dimension, value: Json) => `${d.path.join('.')}=${value === undefined ? '(absent)' : key(value)}`;
    for (const [index, choice] of pairwise(dims).entries()) {
      let data = samples[index % samples.length]!;
      const covers: string[] = [];
      for (const [i, d] of dims.entries()) {
        const next = setAt(data, d.path, d.values[choice[i]!]);
        if (next) [data, covers[covers.length]] = [next, label(d, d.values[choice[i]!])];
      }
      await attempt(data, covers);
    }
    // A value no valid combination carried: alone, on each base in turn.
    const missing: string[] = [];
    for (const d of dims) {
      for (const value of d.values) {
        if (rendered.has(label(d, value))) continue;
        let done = false;
        for (const sample of samples) {
          const data = setAt(sample, d.path, value);
          if (!done && data) done = await attempt(data, [label(d, value)]);
        }
        if (!done && !d.optional) missing.push(label(d, value));
      }
    }
    expect(failures).toEqual([]);
    expect(missing).toEqual([]);
  });

  test.each(types)('%s: every role of the catalogue is rendered by an example or a valid fixture', async (type) => {
    const roles = Object.values(definitions.get(type)!.catalogue.parties).flatMap((p) => Object.keys(p?.roles ?? {}));
    const present = new Set(bases(type).flatMap((b) => (b.parties as { role: string }[]).map((p) => p.role)));
    expect(roles.filter((r) => ![...present].some((p) => p === r || p.startsWith(`${r}-`)))).toEqual([]);
  });
});
