import { readFileSync } from 'node:fs';

/** The package's version, read from its package.json. */
export function version(): string {
  // The package root is two levels up, from dist/cli as from dist/bundle (not through core/assets,
  // which would load the YAML parser for every `--help`).
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
