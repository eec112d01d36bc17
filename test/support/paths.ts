import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'convention.js');
export const EXAMPLES = join(ROOT, 'examples');
export const FIXTURES = join(ROOT, 'test', 'fixtures');
export const GOLDEN = join(ROOT, 'test', 'golden');

export function temporaryFolder(prefix = 'convention-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
