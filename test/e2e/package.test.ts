/**
 * The package as npm users get it: `npm pack`, then the tarball installed into a temporary prefix and
 * run from a folder that has nothing to do with this repository, as `npx` would run it too.
 *
 * The tarball is packed from the build `npm test` has just made (`--ignore-scripts`: the `prepack`
 * script would rebuild dist/ while other test files run the bin from it). The install is offline,
 * with an empty npm cache: it succeeds only if the package has no dependency to fetch, which is the
 * point — everything the bin runs is bundled (scripts/bundle.mjs).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { EXAMPLES, FIXTURES, ROOT, temporaryFolder } from '../support/paths.js';

interface PackResult {
  name: string;
  version: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  filename: string;
  files: { path: string; size: number }[];
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  private?: boolean;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
};
const work = temporaryFolder('convention-paquet-');
const cache = join(work, 'cache-npm');
const prefix = join(work, 'prefixe');
const elsewhere = join(work, 'ailleurs');
mkdirSync(elsewhere);
// npm and the installed bin's `#!/usr/bin/env node` need this Node on the PATH; nothing else is shared.
const env = {
  ...process.env,
  PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
  NO_COLOR: '1',
  npm_config_cache: cache,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 300000 });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let packed: PackResult;
let tarball: string;

beforeAll(() => {
  const pack = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  expect(pack.stderr).not.toMatch(/npm (error|ERR!)/);
  expect(pack.status).toBe(0);
  packed = (JSON.parse(pack.stdout) as PackResult[])[0]!;
  tarball = join(work, packed.filename);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm package', () => {
  test('package.json: a name of our own, publishable, built before packing rather than on install, no runtime dependency', () => {
    expect(manifest.name).not.toBe('convention'); // an unrelated package's name on the registry
    expect(manifest.private).toBeUndefined();
    expect(manifest.scripts.prepare).toBeUndefined();
    expect(manifest.scripts.prepack).toMatch(/npm run build/);
    expect(Object.keys(manifest.dependencies ?? {})).toEqual([]);
    expect(Object.keys(manifest.bin)).toEqual(['convention']);
  });

  test('the tarball holds the bundle and the data it reads, no source map, no tsc output beside the bundle', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(paths.filter((p) => /^dist\/(cli|core|types|wizard)\//.test(p))).toEqual([]);
    expect(paths).not.toContain('dist/bundle/modules.json');
    for (const file of ['package.json', 'README.md', manifest.bin.convention!, 'dist/bundle/main.js', 'dist/bundle/batch-worker.js', 'dist/catalogues.json', 'dist/templates/precompiled.json']) {
      expect(paths).toContain(file.replace(/^\.\//, ''));
    }
    // Every file the build writes into the bundle and the validators, every schema, every template.
    const built = (folder: string): string[] => readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' }).map((f) => `${folder}/${f.split('\\').join('/')}`);
    const isFile = (path: string): boolean => statSync(join(ROOT, path)).isFile();
    const expected = [
      ...built('dist/bundle').filter((p) => isFile(p) && !p.endsWith('.map') && !p.endsWith('modules.json')),
      ...built('dist/validators'),
      // The browser app of `convention serve`: its page, the files its build wrote, its licences.
      ...['dist/serve/index.html', 'dist/serve/THIRD-PARTY-LICENSES.txt'],
      ...Object.keys(JSON.parse(readFileSync(join(ROOT, 'dist', 'serve-modules.json'), 'utf8')) as Record<string, string[]>),
      // The editor schemas, at the path their CDN URL names.
      ...built('dist/schemas'),
      ...built('schemas'),
      ...built('templates').filter(isFile),
    ];
    for (const file of expected) expect(paths).toContain(file);
    expect(paths.length).toBe(packed.entryCount);
  });

  test('every package bundled has its licence in THIRD-PARTY-LICENSES.txt', () => {
    const licences = readFileSync(join(ROOT, 'dist', 'bundle', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    const modules = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'modules.json'), 'utf8')) as Record<string, string[]>;
    const bundled = new Set(
      Object.values(modules)
        .flat()
        .map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
        .filter((name): name is string => name !== undefined),
    );
    expect(bundled.has('commander')).toBe(true);
    for (const name of [...bundled, '@babel/code-frame']) expect(licences).toMatch(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\S+ \\(`, 'm'));
  });

  test('the browser app (dist/serve) has the licence of every package it bundles', () => {
    const licences = readFileSync(join(ROOT, 'dist', 'serve', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    const modules = JSON.parse(readFileSync(join(ROOT, 'dist', 'serve-modules.json'), 'utf8')) as Record<string, string[]>;
    const bundled = new Set(
      Object.values(modules)
        .flat()
        .map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
        .filter((name): name is string => name !== undefined),
    );
    expect(bundled.has('react-dom')).toBe(true);
    for (const name of bundled) {
      expect(licences).toMatch(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\S+ \\(`, 'm'));
    }
    // The app's files and nothing else (the server's own code ships in the bundle).
    const app = ['dist/serve/index.html', 'dist/serve/THIRD-PARTY-LICENSES.txt', ...Object.keys(modules)].sort();
    expect(packed.files.map((f) => f.path).filter((path) => path.startsWith('dist/serve/')).sort()).toEqual(app);
  });

  describe('installed from the tarball, offline, into a temporary prefix', () => {
    let bin: string;
    const cli = (args: string[]): SpawnSyncReturns<string> => run(bin, args, elsewhere);

    beforeAll(() => {
      const install = run(npm, ['install', '--global', '--prefix', prefix, '--offline', tarball], elsewhere);
      expect(install.stderr).not.toMatch(/npm (error|ERR!)/);
      expect(install.status).toBe(0);
      bin = process.platform === 'win32' ? join(prefix, 'convention.cmd') : join(prefix, 'bin', 'convention');
    });

    test('one package, without a node_modules of its own', () => {
      const globalModules = process.platform === 'win32' ? join(prefix, 'node_modules') : join(prefix, 'lib', 'node_modules');
      expect(readdirSync(globalModules)).toEqual([manifest.name]);
      expect(existsSync(join(globalModules, manifest.name, 'node_modules'))).toBe(false);
    });

    test('--version, -v and --help from an unrelated folder', () => {
      for (const flag of ['--version', '-v']) {
        const version = cli([flag]);
        expect(version.status).toBe(0);
        expect(version.stdout.trim()).toBe(manifest.version);
      }
      const help = cli(['--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('Utilisation : convention');
    });

    test('init writes a skeleton that validate refuses with located problems (code frame included)', () => {
      const types = cli(['types']);
      expect(types.status).toBe(0);
      const type = types.stdout.split(/\s/)[0]!;
      const init = cli(['init', type, '-o', 'squelette.yaml']);
      expect(init.stderr).toBe('');
      expect(init.status).toBe(0);
      const validate = cli(['validate', 'squelette.yaml']);
      expect(validate.status).toBe(1);
      const output = validate.stdout + validate.stderr;
      expect(output).toContain('texte-a-completer');
      expect(output).toMatch(/^ *> *\d+ \|/m); // @babel/code-frame, bundled apart, found by the installed package
    });

    test('validate and render every example (several threads) from an unrelated folder', () => {
      const folder = join(elsewhere, 'conventions');
      mkdirSync(folder);
      const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
      for (const example of examples) copyFileSync(join(EXAMPLES, example), join(folder, example));
      const validate = cli(['validate', 'conventions']);
      expect(validate.stderr).toBe('');
      expect(validate.status).toBe(0);
      const render = cli(['render', 'conventions', '-o', 'documents/', '--jobs', '2']);
      expect(render.stderr).toBe('');
      expect(render.status).toBe(0);
      for (const example of examples) {
        const docx = join(elsewhere, 'documents', example.replace(/\.yaml$/, '.docx'));
        expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
      }
    });

    test('an invalid convention is refused with exit 1 by the installed package too', () => {
      copyFileSync(join(FIXTURES, 'invalid', 'code-postal.yaml'), join(elsewhere, 'code-postal.yaml'));
      expect(cli(['render', 'code-postal.yaml', '-o', 'refusee.docx']).status).toBe(1);
      expect(existsSync(join(elsewhere, 'refusee.docx'))).toBe(false);
    });
  });

  test('npx runs the tarball (as `npx <name>` will from the registry), offline', () => {
    const version = run(npx, ['--yes', '--offline', `file:${tarball}`, '--version'], elsewhere);
    expect(version.stderr).not.toMatch(/npm (error|ERR!)/);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(manifest.version);
  });
});
