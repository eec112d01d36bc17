/**
 * Cases as files, found automatically: every `test/fixtures/valid/*.yaml` validates and renders;
 * every `test/fixtures/invalid/*.yaml` gives the diagnostics of its golden `*.expected.txt`
 * (refresh with UPDATE_GOLDEN=1 and review the diff).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildDocument, checkFile } from '../../src/core/pipeline.js';
import { FIXTURES, ROOT, UPDATE_GOLDEN } from '../support/paths.js';

const cases = (kind: string) =>
  readdirSync(join(FIXTURES, kind))
    .filter((f) => f.endsWith('.yaml'))
    .sort();

describe('valid fixtures', () => {
  test.each(cases('valid'))('%s validates and renders', async (name) => {
    const result = await checkFile(join(FIXTURES, 'valid', name), { today: '2025-06-30' });
    expect(result.problems).toEqual([]);
    const { document } = await buildDocument(result.loaded!);
    expect(document.length).toBeGreaterThan(5000);
  });
});

describe('invalid fixtures', () => {
  test.each(cases('invalid'))('%s gives its expected diagnostics', async (name) => {
    const file = join(FIXTURES, 'invalid', name);
    // A fixed day, so that the rule on future signature dates gives the same diagnostics every day.
    const { problems } = await checkFile(relative(ROOT, file), { today: '2025-06-30' });
    expect(problems.length).toBeGreaterThan(0);
    const actual = problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.code} ${p.path} — ${p.message}`).join('\n') + '\n';
    const golden = file.replace(/\.yaml$/, '.expected.txt');
    if (UPDATE_GOLDEN || !existsSync(golden)) writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });
});
