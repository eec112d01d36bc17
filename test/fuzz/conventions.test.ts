/**
 * Property-based tests (fast-check), seeded and reproducible. For each convention type:
 * - conventions generated from the type's schema — every free-text value of an example replaced by
 *   arbitrary Unicode text (emoji, right-to-left scripts, Markdown and Handlebars syntax, XML markup) —
 *   are valid and always render to DOCX files whose every XML part parses and whose text contains
 *   every party's name;
 * - mutated conventions (a key removed, a value's type changed, a character inserted in a value or in
 *   the YAML text) always end as problems or a document, never as an exception.
 * FUZZ_RUNS sets the number of cases per property — 1 000 in CI (CI=true), 100 by default on a
 * developer's machine to keep the loop short — and FUZZ_SEED the seed.
 */
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import JSZip from 'jszip';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseConvention } from '../../src/core/load.js';
import { buildDocument } from '../../src/core/pipeline.js';
import { hasErrors } from '../../src/core/problem.js';
import { validateConvention } from '../../src/core/validate.js';
import { inCi } from '../support/ci.js';
import { EXAMPLES } from '../support/paths.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? (inCi() ? 1000 : 100));
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const TODAY = { today: '2099-12-31' };
/** A generous budget per case (a render takes tens of milliseconds): the suite's limit follows RUNS. */
const TIMEOUT_MS = 60_000 + RUNS * 1_000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** One example per type: the first, in name order. */
const bases = new Map<string, { file: string; data: Json }>();
for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort()) {
  const data = parse(readFileSync(join(EXAMPLES, file), 'utf8')) as { type: string };
  if (!bases.has(data.type)) bases.set(data.type, { file, data: data as unknown as Json });
}

function leaves(value: Json, path: Path = []): [Path, Json][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [[path, value]];
}

function setAt(root: Json, path: Path, value: Json | undefined): Json {
  const copy = structuredClone(root);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

async function problemsOf(data: Json) {
  const parsed = parseConvention(stringify(data), 'fuzz.yaml');
  if (!parsed.ok) return { parsed: undefined, problems: parsed.problems };
  return { parsed: parsed.value, problems: await validateConvention(parsed.value, TODAY) };
}

/** The string leaves the schema leaves free (no enum, pattern, format, cross-reference): found by trying. */
async function freeTextLeaves(data: Json): Promise<Path[]> {
  const free: Path[] = [];
  for (const [path, value] of leaves(data)) {
    if (typeof value !== 'string' || path[0] === '$schema' || path[0] === 'type') continue;
    const { problems } = await problemsOf(setAt(data, path, 'Texte libre éprouvé'));
    if (!hasErrors(problems)) free.push(path);
  }
  return free;
}

const FORBIDDEN = /[\p{Cc}\p{Cs}\uFFFE\uFFFF]/u;
const PLACEHOLDER_LIKE = /x{3}|\.{4}|…|compl[ée]ter|\/|\(|TODO|d[ée]finir/i;
const freeText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && !FORBIDDEN.test(s) && !PLACEHOLDER_LIKE.test(s));
/** Text a user might paste: Markdown, Handlebars, XML, quotes, guillemets, RTL and emoji. */
const hostileText = fc.constantFrom(
  '**gras** _souligné_ `code` [lien](http://x)',
  '{{> common/parties}} {{#each x}}',
  '<w:p><w:r><w:t>injecté</w:t></w:r></w:p> & &amp; <script>',
  '# Titre\n- puce\n1. numéro',
  '« Centre » l\'été — 1 000 €',
  'مركز العمل الاجتماعي',
  'Ville 🏥 santé 🇫🇷',
  '::: signatures\n|||\n+++',
);
const anyText = fc.oneof({ weight: 4, arbitrary: freeText }, { weight: 1, arbitrary: hostileText });

// Case is folded: a name opening a sentence or a line takes a capital, as French writing wants.
// NFC first: load normalises the YAML's strings (a compatibility ideograph becomes its unified one).
const squash = (s: string) => s.normalize('NFC').replace(/['’]/g, "'").replace(/\s+/gu, '').toLocaleLowerCase('fr-FR');

async function xmlPartsAndText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  let text = '';
  for (const name of Object.keys(zip.files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    const errors: string[] = [];
    const document = new DOMParser({
      onError: (level: string, message: string) => {
        if (level !== 'warning') errors.push(message);
      },
    }).parseFromString(xml, 'text/xml');
    if (errors.length > 0) throw new Error(`${name} : XML invalide : ${errors[0]}`);
    if (name === 'word/document.xml') {
      const runs = document.getElementsByTagName('w:t');
      for (let i = 0; i < runs.length; i++) text += runs.item(i)!.textContent ?? '';
    }
  }
  return text;
}

describe.each([...bases.keys()])('fuzz %s', (type) => {
  const base = bases.get(type)!.data;
  let free: Path[] = [];

  beforeAll(async () => {
    free = await freeTextLeaves(base);
  }, TIMEOUT_MS);

  test(`generated valid conventions always render, every XML part parses, every party is named (${RUNS} cas)`, async () => {
    expect(free.length).toBeGreaterThan(5);
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: free.length, maxLength: free.length }), async (texts) => {
        cases++;
        let data = base;
        free.forEach((path, i) => (data = setAt(data, path, texts[i]!)));
        const { parsed, problems } = await problemsOf(data);
        expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
        const built = await buildDocument(parsed!);
        const text = squash(await xmlPartsAndText(built.document));
        for (const annex of built.annexes) await xmlPartsAndText(annex.bytes);
        for (const party of (data as { parties: { nom: string }[] }).parties) {
          // The first letter may be capitalised (and Unicode upper case is not always reversible).
          const tail = [...squash(party.nom)].slice(1).join('');
          expect(text).toContain(tail);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz ${type} : ${cases} conventions générées rendues (graine ${SEED})`);
  }, TIMEOUT_MS);

  test(`mutated conventions end as problems or a document, never an exception (${RUNS} cas)`, async () => {
    const all = leaves(base).map(([path]) => path);
    const containers = all.flatMap((path) => path.slice(0, -1).map((_, i) => path.slice(0, i + 1)));
    const paths = [...all, ...containers];
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom(...paths) }),
      fc.record({
        kind: fc.constant('retype' as const),
        path: fc.constantFrom(...paths),
        value: fc.constantFrom<Json>(42, -1, 3.5, true, null, '', 'texte', [], ['a'], {}, { cle: 'valeur' }),
      }),
      fc.record({ kind: fc.constant('insert' as const), path: fc.constantFrom(...all), at: fc.nat(), char: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }),
      fc.record({ kind: fc.constant('yaml' as const), at: fc.nat(), char: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }) }),
    );
    let documents = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        let yamlText: string;
        if (m.kind === 'yaml') {
          const text = stringify(base);
          const at = m.at % (text.length + 1);
          yamlText = text.slice(0, at) + m.char + text.slice(at);
        } else {
          let data: Json;
          if (m.kind === 'remove') data = setAt(base, m.path, undefined);
          else if (m.kind === 'retype') data = setAt(base, m.path, m.value);
          else {
            const original = String(leaves(base).find(([p]) => p.join('/') === m.path.join('/'))![1]);
            const at = m.at % (original.length + 1);
            data = setAt(base, m.path, original.slice(0, at) + m.char + original.slice(at));
          }
          yamlText = stringify(data);
        }
        const parsed = parseConvention(yamlText, 'mutation.yaml');
        if (!parsed.ok) {
          expect(parsed.problems.length).toBeGreaterThan(0);
          rejected++;
          return;
        }
        const problems = await validateConvention(parsed.value, TODAY);
        for (const problem of problems) {
          expect(problem.message).not.toMatch(/undefined|\[object Object\]|must |should /);
          expect(problem.line).toBeGreaterThanOrEqual(1);
        }
        if (hasErrors(problems)) {
          rejected++;
          return;
        }
        await buildDocument(parsed.value);
        documents++;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz ${type} : ${RUNS} mutations, ${rejected} refusées avec un diagnostic, ${documents} rendues`);
  }, TIMEOUT_MS);
});
