// Build step (after tsc): bundles the compiled CLI (dist/cli/main.js, and the batch worker) with
// esbuild into dist/bundle/, split at every `await import()`. Node 20 has no compile cache, and
// resolving and reading ~200 small modules (yaml alone is 60 CommonJS files) costs more than
// running a `validate`: one file per lazy step starts several times faster, and each command still
// loads only what it uses (validate never reaches the chunks of docx, handlebars or inquirer).
//
// What the bundle does not hold, found at run time by path: the standalone validators
// (dist/validators), the precompiled templates and catalogues (dist/templates, dist/catalogues.json),
// schemas/ and templates/, and the batch worker (dist/bundle/batch-worker.js, an entry point of its
// own). dist/bundle sits two levels below the package root, like dist/core, so PACKAGE_ROOT
// (src/core/assets.ts) finds them the same way. @babel/code-frame is required by name through
// createRequire (synchronously, on the first problem shown), which esbuild cannot follow: it is
// bundled on its own, with its dependencies, as the CommonJS package that this require finds first,
// dist/bundle/node_modules/@babel/code-frame. The published package therefore has no runtime
// dependency: installing it fetches nothing but its tarball (see package.json's `files`).
//
// `--release` (the `prepack` script, before `npm pack` and `npm publish`) writes no source maps: they
// were most of the package's weight, and the bundle keeps its function names (identifiers are not
// minified), so an internal error's stack stays readable. Development builds keep them linked, for
// `node --enable-source-maps`. Either way, the licences of the bundled packages are gathered into
// dist/bundle/THIRD-PARTY-LICENSES.txt, shipped with the code they cover.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { thirdPartyLicences } from './licences.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const release = process.argv.includes('--release');

/**
 * commander requires node:child_process when it loads, for the executable subcommands this CLI does
 * not have; loading it (with net, dgram, streams) costs every command a few milliseconds. Inside
 * commander it becomes an object that requires the real module on first use only.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[/\\]node_modules[/\\]commander[/\\]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
const { metafile } = await esbuild.build({
  absWorkingDir: root,
  metafile: true,
  entryPoints: [join(root, 'dist', 'cli', 'main.js'), join(root, 'dist', 'cli', 'batch-worker.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Minified whitespace and syntax keep the chunks small to read and compile; names stay, for stacks.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: release ? false : 'linked',
  // Bundled CommonJS packages (handlebars, commander…) call require() for Node's built-ins.
  banner: { js: "import { createRequire as __convention_require } from 'node:module'; const require = __convention_require(import.meta.url);" },
  external: ['@babel/code-frame'],
  plugins: [lazyChildProcess],
  // yaml's ES module build (published for browsers, the same code as its CommonJS one for Node) lets
  // esbuild drop what the CLI does not use and skips ~60 CommonJS wrappers: a smaller, faster chunk
  // on every command that reads YAML. What differs does not reach us: debug variables (LOG_TOKENS,
  // LOG_STREAM), warnings printed by console.warn rather than process.emitWarning, and the YAML 1.1
  // !!binary tag (atob instead of Buffer), a schema conventions are not parsed with.
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  logLevel: 'warning',
  legalComments: 'none',
});
// Which modules each file of the bundle holds: the start-up test reads it to tell which packages a
// command loaded (docx, handlebars, inquirer must stay out of `validate`).
const modules = Object.fromEntries(
  Object.entries(metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => [file, Object.keys(output.inputs)]),
);
writeFileSync(join(outdir, 'modules.json'), JSON.stringify(modules, null, 1) + '\n');

// @babel/code-frame and its dependencies in one CommonJS file, where report.ts's createRequire
// looks first (Node's resolution from dist/bundle/*.js starts at dist/bundle/node_modules).
const codeFrameDir = join(outdir, 'node_modules', '@babel', 'code-frame');
mkdirSync(codeFrameDir, { recursive: true });
const codeFrame = await esbuild.build({
  absWorkingDir: root,
  metafile: true,
  entryPoints: ['@babel/code-frame'],
  outfile: join(codeFrameDir, 'index.js'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  legalComments: 'none',
});
const codeFrameVersion = JSON.parse(readFileSync(join(root, 'node_modules', '@babel', 'code-frame', 'package.json'), 'utf8')).version;
writeFileSync(
  join(codeFrameDir, 'package.json'),
  JSON.stringify({ name: '@babel/code-frame', version: codeFrameVersion, description: 'Bundled by scripts/bundle.mjs', type: 'commonjs', main: 'index.js' }, null, 2) + '\n',
);

writeFileSync(join(outdir, 'THIRD-PARTY-LICENSES.txt'), thirdPartyLicences(root, 'dist/bundle (scripts/bundle.mjs)', metafile, codeFrame.metafile));
console.log(`CLI regroupée${release ? ' (publication, sans cartes de code source)' : ''} → ${outdir}`);
