#!/usr/bin/env node
// Thin entry point: enable Node's compile cache where it exists (Node ≥ 22.1), then run the CLI.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
