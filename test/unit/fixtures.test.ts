/**
 * Cases as files, found automatically: every `test/fixtures/valid/*.yaml` validates and renders to
 * the text of its golden `*.expected.txt` (as mammoth reads the DOCX), each separate annex to its own
 * `*-annexe-N.expected.txt`; every `test/fixtures/invalid/*.yaml` gives the diagnostics of its golden
 * `*.expected.txt`. Goldens are refreshed with UPDATE_GOLDEN=1 and reviewed in the diff; a missing one
 * fails (test/support/golden.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { annexPath, buildDocument, checkFile } from '../../src/core/pipeline.js';
import { extractText } from '../support/docx-text.js';
import { expectGolden } from '../support/golden.js';
import { FIXTURES, ROOT } from '../support/paths.js';

const cases = (kind: string) =>
  readdirSync(join(FIXTURES, kind))
    .filter((f) => f.endsWith('.yaml'))
    .sort();

const GOLDEN_SUFFIX = '.expected.txt';
/** `x.yaml` → `x.expected.txt`; with an annex number, `x-annexe-6.expected.txt`. */
const goldenOf = (yaml: string, annex?: number) =>
  (annex === undefined ? yaml.replace(/\.yaml$/, '') : annexPath(yaml.replace(/\.yaml$/, ''), annex).replace(/\.docx$/, '')) + GOLDEN_SUFFIX;

/** The golden files each kind's cases compared with, and the cases that ran to their end. */
const claimed = { valid: new Set<string>(), invalid: new Set<string>() };
const ran = { valid: new Set<string>(), invalid: new Set<string>() };

describe('valid fixtures', () => {
  test.each(cases('valid'))('%s validates and renders to the text of its goldens', async (name) => {
    const file = join(FIXTURES, 'valid', name);
    // A fixed day, as for the invalid cases: the rule on future signature dates must not move.
    const result = await checkFile(file, { today: '2025-06-30' });
    expect(result.problems).toEqual([]);
    const { document, annexes } = await buildDocument(result.loaded!, [], result.logos);
    const outputs: [string, Buffer][] = [[goldenOf(file), document], ...annexes.map((a): [string, Buffer] => [goldenOf(file, a.numero), a.bytes])];
    for (const [golden, bytes] of outputs) {
      claimed.valid.add(golden);
      expectGolden(golden, await extractText(bytes));
    }
    ran.valid.add(name);
  });

  test('every golden file of the valid cases belongs to a case and a document', () => {
    expect(orphans('valid')).toEqual([]);
  });
});

describe('invalid fixtures', () => {
  test.each(cases('invalid'))('%s gives its expected diagnostics', async (name) => {
    const file = join(FIXTURES, 'invalid', name);
    // A fixed day, so that the rule on future signature dates gives the same diagnostics every day.
    const { problems } = await checkFile(relative(ROOT, file), { today: '2025-06-30' });
    expect(problems.length).toBeGreaterThan(0);
    const actual = problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.code} ${p.path} — ${p.message}`).join('\n') + '\n';
    claimed.invalid.add(goldenOf(file));
    expectGolden(goldenOf(file), actual);
    ran.invalid.add(name);
  });

  test('every golden file of the invalid cases belongs to a case', () => {
    expect(orphans('invalid')).toEqual([]);
  });

  test('every problem code the README documents is shown by an invalid case', () => {
    const shown = new Set<string>();
    for (const golden of readdirSync(join(FIXTURES, 'invalid')).filter((f) => f.endsWith(GOLDEN_SUFFIX))) {
      for (const line of readFileSync(join(FIXTURES, 'invalid', golden), 'utf8').split('\n')) shown.add(line.split(' ')[2] ?? '');
    }
    const documented = readmeProblemCodes();
    expect(documented.length).toBeGreaterThan(0);
    expect(documented.filter((code) => !shown.has(code))).toEqual([]);
  });
});

/**
 * The codes of the README's tables of problem codes: each row's first column (`a`, `b`), and the
 * `yaml-…` codes the YAML row names as examples of its `yaml-*` family.
 */
function readmeProblemCodes(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('### Codes des problèmes');
  const section = readme.slice(start, readme.indexOf('\n## ', start));
  const codes = new Set<string>();
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const [first = '', second = ''] = row.split('|').slice(1);
    for (const [, code] of first.matchAll(/`([a-z0-9-]+)`/g)) codes.add(code!);
    for (const [, code] of second.matchAll(/`(yaml-[a-z0-9-]+)`/g)) codes.add(code!);
  }
  return [...codes].sort();
}

/**
 * Golden files no case compared with (a case renamed or removed, an annex no longer separate): left
 * behind, they would pass for a check that no longer runs. Runs after its kind's cases (Jest runs a
 * file's tests in order); when some did not run to their end (`-t` on one case, or a case that
 * failed and says so itself), their goldens are unknown and none is called an orphan.
 */
function orphans(kind: 'valid' | 'invalid'): string[] {
  const folder = join(FIXTURES, kind);
  if (cases(kind).some((name) => !ran[kind].has(name))) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith(GOLDEN_SUFFIX))
    .map((f) => join(folder, f))
    .filter((f) => !claimed[kind].has(f))
    .map((f) => relative(ROOT, f));
}
