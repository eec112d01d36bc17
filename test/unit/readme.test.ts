import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRegistry } from '../../src/core/registry.js';
import { ROOT } from '../support/paths.js';

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

test('every problem and error code the engine, the command line and the catalogues can report is documented in the README', async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const codes = new Set<string>();
  for (const file of sources(join(ROOT, 'src'))) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/code: '([a-z0-9-]+)'/g)) codes.add(match[1]!);
    // The codes of usage and I/O errors: `validate` reports them as entries of its report, in every format.
    for (const match of source.matchAll(/new UserError\([\s\S]*?,\s*'([a-z][a-z0-9-]*)'\s*(?:,[^)]*)?\)/g)) codes.add(match[1]!);
  }
  codes.delete('yaml-');
  // A catalogue's own rules (`regles`) report codes of their own.
  for (const type of defaultRegistry().types) {
    for (const rule of (await defaultRegistry().definition(type.id)).catalogue.regles ?? []) codes.add(rule.code);
  }
  expect(codes.size).toBeGreaterThan(20);
  const missing = [...codes].filter((code) => !readme.includes('`' + code + '`'));
  expect(missing).toEqual([]);
});
