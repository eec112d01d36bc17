#!/usr/bin/env node
// Thin entry point: enable Node's compile cache where it exists (Node ≥ 22.1), then run the CLI,
// from the bundle that `npm run build` writes (dist/bundle, see scripts/bundle.mjs), or from tsc's
// output if there is none. `--version` (or `-v`) alone is answered here, without loading the CLI.
import module from 'node:module';
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  module.enableCompileCache?.();
  const bundled = new URL('../dist/bundle/main.js', import.meta.url);
  const { main } = await import(existsSync(bundled) ? bundled.href : '../dist/cli/main.js');
  process.exitCode = await main(args);
}
