/**
 * A lean start-up, checked by what is loaded rather than by a timing: a module loader hook (and the
 * CommonJS cache, at exit) lists every file a command reads; files of the bundle (dist/bundle) are
 * mapped to the modules they hold through the bundle's `modules.json`. `validate` must never load
 * docx, handlebars, marked, jszip, inquirer or the ajv compiler; `--help` none of them either;
 * `--version` nothing past the bin; `render` the Handlebars compiler only for templates it must
 * compile (an overlay), the bundled ones coming precompiled, and never docx (the build packs the
 * documents' shells).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BIN, EXAMPLES, FIXTURES, ROOT } from '../support/paths.js';

const probeDir = mkdtempSync(join(tmpdir(), 'convention-probe-'));
const hooks = join(probeDir, 'hooks.mjs');
const register = join(probeDir, 'register.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
let out;
export async function initialize(data) { out = data.out; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.startsWith('file:')) appendFileSync(out, result.url + '\\n');
  return result;
}
`,
);
writeFileSync(
  register,
  `import { register } from 'node:module';
import { createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const out = process.env.CONVENTION_PROBE_OUT;
register(${JSON.stringify(pathToFileURL(hooks).href)}, import.meta.url, { data: { out } });
// CommonJS files required through createRequire do not pass the hook: read the cache at exit.
const Module = createRequire(import.meta.url)('node:module');
// Node's own modules, from its load list: \`builtin:child_process\`.
process.on('exit', () => appendFileSync(out, [
  ...Object.keys(Module._cache).map((f) => pathToFileURL(f).href),
  ...process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => 'builtin:' + m.slice('NativeModule '.length)),
].join('\\n') + '\\n'));
`,
);

const bundleModules: Record<string, string[]> = existsSync(join(ROOT, 'dist', 'bundle', 'modules.json'))
  ? (JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'modules.json'), 'utf8')) as Record<string, string[]>)
  : {};

let runs = 0;
/** The files a run loaded, relative to the package root, bundle files expanded to their modules. */
function loadedBy(args: string[]): { files: string[]; builtins: string[]; status: number | null } {
  const out = join(probeDir, `run-${++runs}.txt`);
  writeFileSync(out, '');
  const result = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CONVENTION_PROBE_OUT: out },
    timeout: 60000,
  });
  const files = new Set<string>();
  const builtins = new Set<string>();
  for (const url of readFileSync(out, 'utf8').split('\n').filter(Boolean)) {
    if (url.startsWith('builtin:')) {
      builtins.add(url.slice('builtin:'.length));
      continue;
    }
    const file = relative(ROOT, fileURLToPath(url)).split('\\').join('/');
    files.add(file);
    for (const inner of bundleModules[file] ?? []) files.add(inner);
  }
  return { files: [...files].sort(), builtins: [...builtins].sort(), status: result.status };
}

/** Package names (`docx`, `@inquirer/core`) of the files loaded from node_modules. */
function packagesIn(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (match) names.add(match[1]!);
  }
  return names;
}

const HANDLEBARS_RUNTIME = /node_modules\/handlebars\/dist\/cjs\/handlebars\.runtime\.js$/;
const HANDLEBARS_COMPILER = /node_modules\/handlebars\/dist\/cjs\/handlebars\/compiler\//;
const HEAVY = ['docx', 'handlebars', 'marked', 'jszip', 'inquirer', '@inquirer/core', 'cli-progress'];
/** Loaded only to read and decode a convention's logos (src/core/logos.ts). */
const IMAGE_LIBRARIES = ['image-size', 'fast-png', 'jpeg-js'];
const example = join(EXAMPLES, 'locale-ccas-marolles.yaml');

describe('start-up: what each command loads', () => {
  test('validate loads neither docx, handlebars, marked, jszip, inquirer nor the ajv compiler', () => {
    const { files, builtins, status } = loadedBy([BIN, 'validate', example]);
    expect(status).toBe(0);
    expect(builtins).toContain('fs'); // the probe sees Node's modules
    expect(builtins).not.toContain('child_process');
    // Standalone validators are checked against the schemas' text, without node:crypto.
    expect(builtins).not.toContain('crypto');
    const packages = packagesIn(files);
    expect(packages.has('yaml')).toBe(true); // the probe sees bundled packages
    for (const heavy of HEAVY) expect(packages.has(heavy)).toBe(false);
    // Validators are compiled at build time: ajv's run-time helpers only, never its compiler.
    expect(files.filter((f) => /node_modules\/ajv\/dist\/(ajv|core|compile\/index)\.js$/.test(f))).toEqual([]);
    expect(files).toContain('dist/validators/locale-ccas.js');
    // Without a terminal nor a pattern nor a problem to show: no chalk, tinyglobby or code frame.
    for (const lazy of ['chalk', 'tinyglobby', '@babel/code-frame']) expect(packages.has(lazy)).toBe(false);
    // Without a logo: no image library.
    for (const image of IMAGE_LIBRARIES) expect(packages.has(image)).toBe(false);
    // The type's rules come without its compose step: no composition code, no date-fns.
    expect(packages.has('date-fns')).toBe(false);
    expect(files.filter((f) => /(?:src|dist)\/core\/(?:compose|french|render|docx)\.[jt]s$/.test(f))).toEqual([]);
    // The server of `convention serve` (node:http, its API) is that command's alone.
    expect(files.filter((f) => /(?:src|dist)\/(?:server\/|cli\/serve-command)/.test(f))).toEqual([]);
    expect(builtins).not.toContain('http');
  });

  test('validate of an invalid file loads the code frame, still not docx', () => {
    const { files, status } = loadedBy([BIN, 'validate', join(FIXTURES, 'invalid', 'code-postal.yaml')]);
    expect(status).toBe(1);
    const packages = packagesIn(files);
    expect(packages.has('@babel/code-frame')).toBe(true);
    for (const heavy of HEAVY) expect(packages.has(heavy)).toBe(false);
  });

  test('validate of a convention with logos loads the image libraries that decode them, still not docx', () => {
    const { files, status } = loadedBy([BIN, 'validate', join(FIXTURES, 'valid', 'locale-ccas-logos.yaml')]);
    expect(status).toBe(0);
    const packages = packagesIn(files);
    for (const image of IMAGE_LIBRARIES) expect(packages.has(image)).toBe(true);
    for (const heavy of HEAVY) expect(packages.has(heavy)).toBe(false);
  });

  test('validate of a convention with annexes supplied as files checks them without pdf-lib or docx', () => {
    const { files, status } = loadedBy([BIN, 'validate', join(FIXTURES, 'valid', 'mission-locale-annexes-fournies.yaml')]);
    expect(status).toBe(0);
    const packages = packagesIn(files);
    // The DOCX supplied is looked into (its zip's directory), by fflate.
    expect(packages.has('fflate')).toBe(true);
    for (const heavy of [...HEAVY, 'pdf-lib']) expect(packages.has(heavy)).toBe(false);
  });

  test('render of a convention with annexes supplied as files, without --pdf, does not load pdf-lib', () => {
    const { files, status } = loadedBy([BIN, 'render', join(FIXTURES, 'valid', 'mission-locale-annexes-fournies.yaml'), '-o', join(probeDir, 'fournies.docx')]);
    expect(status).toBe(0);
    expect(packagesIn(files).has('marked')).toBe(true);
    expect(packagesIn(files).has('pdf-lib')).toBe(false);
  });

  test('the compiled modules (without the bundle) keep validate as lean', () => {
    const script = `const { main } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'cli', 'main.js')).href)}); process.exitCode = await main(['validate', ${JSON.stringify(example)}]);`;
    const { files, status } = loadedBy(['--input-type=module', '-e', script]);
    expect(status).toBe(0);
    expect(files).toContain('dist/core/validate.js');
    const packages = packagesIn(files);
    for (const heavy of HEAVY) expect(packages.has(heavy)).toBe(false);
  });

  test.each([[['--help']], [[]], [['render', '--help']], [['serve', '--help']], [['completion', 'bash']]])(
    'convention %j (help in French, completion script) loads none of the heavy packages',
    (args) => {
      const help = loadedBy([BIN, ...args]);
      expect(help.status).toBe(0);
      // commander's child_process (for executable subcommands, which this CLI has none of) is loaded on use only.
      expect(help.builtins).not.toContain('child_process');
      const packages = packagesIn(help.files);
      expect(packages.has('commander')).toBe(true); // the probe sees bundled packages
      for (const heavy of [...HEAVY, 'ajv', 'chalk']) expect(packages.has(heavy)).toBe(false);
      // The help is plain text: not even the YAML parser (the completion script lists the types, read from the schemas).
      if (args[0] !== 'completion') expect(packages.has('yaml')).toBe(false);
      // The server is loaded by `convention serve` itself, not by its help.
      expect(help.files.filter((f) => /(?:src|dist)\/server\//.test(f))).toEqual([]);
      expect(help.builtins).not.toContain('http');
    },
  );

  test.each(['--version', '-v'])('%s loads nothing past the bin', (flag) => {
    const version = loadedBy([BIN, flag]);
    expect(version.status).toBe(0);
    expect(version.files.filter((f) => !f.startsWith('node:'))).toEqual(['bin/convention.js']);
  });

  test('render loads marked and our writer but not docx: the build packed the shells (dist/docx-shells)', () => {
    const out = join(probeDir, 'un.docx');
    const { files, status } = loadedBy([BIN, 'render', example, '-o', out]);
    expect(status).toBe(0);
    // The probe sees what it should: marked, which render needs, is seen.
    expect(packagesIn(files).has('marked')).toBe(true);
    expect(packagesIn(files).has('docx')).toBe(false);
    // No annex supplied as a file: pdf-lib, which appends them to a PDF, is not loaded.
    expect(packagesIn(files).has('pdf-lib')).toBe(false);
    expect(files.filter((f) => /core\/docx-layout\.[jt]s$/.test(f))).toEqual([]);
    // The bundled templates come precompiled by the build: Handlebars' runtime, never its compiler.
    expect(files.some((f) => HANDLEBARS_RUNTIME.test(f))).toBe(true);
    expect(files.filter((f) => HANDLEBARS_COMPILER.test(f))).toEqual([]);
  });

  test('render with an overlay (--templates) compiles it: the compiler is loaded then', () => {
    const overlay = mkdtempSync(join(probeDir, 'gabarits-'));
    mkdirSync(join(overlay, 'common'));
    writeFileSync(join(overlay, 'common', 'signatures.md.hbs'), 'Signatures.\n');
    const { files, status } = loadedBy([BIN, 'render', example, '-o', join(probeDir, 'deux.docx'), '--templates', overlay]);
    expect(status).toBe(0);
    expect(files.some((f) => HANDLEBARS_COMPILER.test(f))).toBe(true);
  });
});
