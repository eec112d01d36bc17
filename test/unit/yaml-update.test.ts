/**
 * Saving from the browser (src/server/yaml-update.ts): the new data applied to the file's YAML
 * document. Oracle: the text written reads back as exactly the new data (`YAML.parse(result)`
 * deep-equals it), for generated documents and changes (fast-check, seeded) and for every example
 * and valid fixture changed at generated places; comments survive where nothing changed.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { deepEqual, updateYamlText } from '../../src/server/yaml-update.js';
import { inCi } from '../support/ci.js';
import { EXAMPLES, FIXTURES } from '../support/paths.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? (inCi() ? 1000 : 100));
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON values as the browser sends them (through JSON: no -0, no undefined). */
const json = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', '91630', '2024-01-01', 'true', 'null', '~', '- a', 'a: b', '# pas un commentaire', 'x\ny', '  espaces  ', 'À COMPLÉTER', "l'Essonne", '"', '0x1F', '1e3', 'yes'),
);
const scalar = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.constantFrom('nom', 'role', 'parties', 'adresse', 'code_postal', '1', 'a b', ''), fc.string({ minLength: 1, maxLength: 8 }));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
}));
const document = fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }).map((data) => json(data) as Record<string, Json>);

type Path = (string | number)[];

/** Every path of a value (the root included). */
function pathsOf(data: Json, path: Path = []): Path[] {
  const paths: Path[] = [path];
  if (Array.isArray(data)) data.forEach((item, i) => paths.push(...pathsOf(item, [...path, i])));
  else if (data !== null && typeof data === 'object') for (const [k, v] of Object.entries(data)) paths.push(...pathsOf(v, [...path, k]));
  return paths;
}

type Edit = { kind: 'set'; at: number; value: Json } | { kind: 'remove'; at: number } | { kind: 'add'; at: number; key: string; value: Json };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: value.map(json) }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key, value: value.map(json) }),
);

/** `data` changed at a few places, as a form changes a convention: values set, removed, added. */
function edited(data: Json, edits: readonly Edit[]): Json {
  let result = structuredClone(data);
  for (const change of edits) {
    const paths = pathsOf(result);
    const path = paths[change.at % paths.length]!;
    if (path.length === 0) {
      if (change.kind === 'add' && result !== null && typeof result === 'object' && !Array.isArray(result)) result[change.key] = change.value;
      continue;
    }
    const parent = path.slice(0, -1).reduce<Json>((node, segment) => (node as Record<string, Json>)[segment as string]!, result);
    const last = path[path.length - 1]!;
    if (Array.isArray(parent)) {
      const index = last as number;
      if (change.kind === 'set') parent[index] = change.value;
      else if (change.kind === 'remove') parent.splice(index, 1);
      else parent.push(change.value);
    } else if (parent !== null && typeof parent === 'object') {
      if (change.kind === 'set') parent[last as string] = change.value;
      else if (change.kind === 'remove') delete parent[last as string];
      else {
        const target = parent[last as string];
        if (target !== null && typeof target === 'object' && !Array.isArray(target)) target[change.key] = change.value;
        else parent[change.key] = change.value;
      }
    }
    result = json(result);
  }
  return result;
}

/** A document as a person writes one: a comment above each top-level rubrique, and one at the end of a line. */
function commented(data: Record<string, Json>): string {
  return (
    '# En-tête\n' +
    stringify(data, { lineWidth: 100 })
      .split('\n')
      .map((line) => (/^[^\s#-][^:]*:/.test(line) ? `# à propos de la rubrique suivante\n${line}` : line))
      .join('\n')
  );
}

function conventions(): { name: string; text: string }[] {
  return [EXAMPLES, join(FIXTURES, 'valid')].flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => ({ name, text: readFileSync(join(folder, name), 'utf8') })),
  );
}

const CONVENTIONS = conventions();

describe('updateYamlText: the new data, read back, is exactly what was sent', () => {
  test('generated documents and generated changes', () => {
    fc.assert(
      fc.property(document, fc.array(edit, { minLength: 1, maxLength: 4 }), (data, edits) => {
        const before = commented(data);
        const next = edited(data, edits);
        const { text: after } = updateYamlText(before, next);
        expect(deepEqual(parse(after), next)).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test('unrelated data replacing a document', () => {
    fc.assert(
      fc.property(document, document, (data, next) => {
        const { text: after } = updateYamlText(commented(data), next);
        expect(deepEqual(parse(after), next)).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  test.each(CONVENTIONS.map((c) => [c.name, c.text]))('%s changed at generated places', (_name, source) => {
    const data = json(parse(source));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const next = edited(data, edits);
        expect(deepEqual(parse(updateYamlText(source, next).text), next)).toBe(true);
      }),
      { numRuns: Math.max(10, Math.floor(RUNS / 10)), seed: SEED },
    );
  });
});

/** The comment lines of a text, in order. */
const comments = (source: string) => source.split('\n').filter((line) => line.trim().startsWith('#')).map((line) => line.trim());

describe('what the author wrote is kept', () => {
  test.each(CONVENTIONS.map((c) => [c.name, c.text]))('%s: unchanged data leaves the text as it is', (_name, source) => {
    expect(updateYamlText(source, json(parse(source)))).toEqual({ text: source, changed: false });
  });

  test.each(CONVENTIONS.map((c) => [c.name, c.text]))('%s: a changed referent keeps every comment, in order, and the key order', (_name, source) => {
    const data = json(parse(source)) as { referents?: Record<string, Json>[]; [key: string]: Json | undefined };
    const next = structuredClone(data) as typeof data;
    if (next.referents?.[0]) next.referents[0].fonction = 'la directrice de l’action sociale';
    else next.signature = { ...(next.signature as Record<string, Json>), lieu: 'Saint-Étienne' };
    const { text: after, changed } = updateYamlText(source, next);
    expect(changed).toBe(true);
    expect(parse(after)).toEqual(next);
    expect(comments(after)).toEqual(comments(source));
    expect(Object.keys(parse(after) as object)).toEqual(Object.keys(data));
    // Only the value changed is rewritten: every other byte of the file is as it was.
    const [a, b] = [source.split('\n'), after.split('\n')];
    let prefix = 0;
    while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
    let suffix = 0;
    while (suffix < a.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
    expect(a.slice(prefix, a.length - suffix).length).toBeLessThanOrEqual(3);
    expect(b.slice(prefix, b.length - suffix).join('\n')).toMatch(/directrice de l’action sociale|Saint-Étienne/);
  });

  test.each(CONVENTIONS.map((c) => [c.name, c.text]))('%s: a referent added keeps every comment, in order', (_name, source) => {
    const data = json(parse(source)) as Record<string, Json>;
    const next = structuredClone(data);
    const referents = (next.referents ?? []) as Json[];
    next.referents = [...referents, { partie: 'cpam', fonction: 'le responsable du partenariat' }];
    const { text: after } = updateYamlText(source, next);
    expect(parse(after)).toEqual(next);
    expect(comments(after)).toEqual(comments(source));
    // The other rubriques, and the comments between them, are as they were: what differs is inside « referents ».
    const [a, b] = [source.split('\n'), after.split('\n')];
    let prefix = 0;
    while (prefix < a.length && a[prefix] === b[prefix]) prefix++;
    let suffix = 0;
    while (suffix < a.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
    for (const line of [...a.slice(prefix, a.length - suffix), ...b.slice(prefix, b.length - suffix)]) expect(line).toMatch(/^(\s|-|referents:|$)/);
  });

  test('a comment beside a changed value stays beside it; a rubrique added goes at the end of its block', () => {
    const source = '# tête\ntype: locale-ccas # le type\nparties:\n  - nom: A # première\n    role: cpam\n  - nom: B\n';
    const { text: after } = updateYamlText(source, { type: 'locale-ccas', parties: [{ nom: 'A2', role: 'cpam', genre: 'féminin' }, { nom: 'B' }] });
    expect(after).toBe('# tête\ntype: locale-ccas # le type\nparties:\n  - nom: A2 # première\n    role: cpam\n    genre: féminin\n  - nom: B\n');
    // A value changed alone: in the file's own tokens, quoted where plain would read otherwise.
    expect(updateYamlText(source, { type: 'locale-ccas', parties: [{ nom: '91630', role: 'cpam' }, { nom: 'B' }] }).text).toBe(
      '# tête\ntype: locale-ccas # le type\nparties:\n  - nom: "91630" # première\n    role: cpam\n  - nom: B\n',
    );
  });

  test('a value repeated by an alias is not changed by a change to its anchor', () => {
    const source = 'a: &x\n  nom: un\nb: *x\n';
    const next = { a: { nom: 'deux' }, b: { nom: 'un' } };
    expect(parse(updateYamlText(source, next).text)).toEqual(next);
  });

  test('lists: items updated in place, appended, removed from the end', () => {
    const source = 'liste:\n  - un # 1\n  - deux # 2\n  - trois # 3\n';
    expect(updateYamlText(source, { liste: ['un', 'DEUX'] }).text).toBe('liste:\n  - un # 1\n  - DEUX # 2\n');
    expect(updateYamlText(source, { liste: ['un', 'deux', 'trois', 'quatre'] }).text).toBe('liste:\n  - un # 1\n  - deux # 2\n  - trois # 3\n  - quatre\n');
  });

  test('CRLF line ends are kept', () => {
    const { text: after } = updateYamlText('# c\r\na: 1\r\nb: 2\r\n', { a: 1, b: 3 });
    expect(after).toBe('# c\r\na: 1\r\nb: 3\r\n');
  });
});
