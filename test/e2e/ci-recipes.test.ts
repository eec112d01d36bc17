/**
 * The README's CI recipes (GitHub Actions, GitLab CI, pre-commit), tried as far as they can be here:
 * their YAML read, their commands run by bash on valid and invalid conventions (with the real bin in
 * place of the npm package they name), the files they hand to the CI system read back.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse } from 'yaml';
import { BIN, EXAMPLES, FIXTURES, ROOT, temporaryFolder } from '../support/paths.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const PACKAGE = `npx --yes convention-partenariat@${VERSION}`;

/** The README's ```yaml blocks; `named`: the one whose first line is `# <name>`. */
const yamlBlocks = [...README.matchAll(/\n```yaml\n([\s\S]*?)```\n/g)].map((match) => match[1]!);
function named(name: string): string {
  const block = yamlBlocks.find((text) => text.startsWith(`# ${name}\n`));
  if (!block) throw new Error(`README : pas de bloc yaml « # ${name} »`);
  return block;
}

/** A project with `conventions/`: the examples, and an invalid convention if asked. */
function project(invalid: boolean): string {
  const folder = temporaryFolder();
  mkdirSync(join(folder, 'conventions'));
  for (const example of readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'))) copyFileSync(join(EXAMPLES, example), join(folder, 'conventions', example));
  if (invalid) copyFileSync(join(FIXTURES, 'invalid', 'code-postal.yaml'), join(folder, 'conventions', 'invalide.yaml'));
  return folder;
}

/** Runs a recipe's shell line as CI would (bash, stop on error), the package being the real bin. */
function shell(line: string, cwd: string) {
  expect(line).toContain(PACKAGE);
  const command = line.replaceAll(PACKAGE, `node ${JSON.stringify(BIN)}`);
  const run = spawnSync('bash', ['-e', '-c', command], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function parseXml(text: string) {
  const errors: string[] = [];
  const document = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(text, 'text/xml');
  expect(errors).toEqual([]);
  return document;
}

test('every recipe names the package at the version of this package', () => {
  const versions = [...README.matchAll(/convention-partenariat@(\d+\.\d+\.\d+)/g)].map((match) => match[1]);
  expect(versions.length).toBeGreaterThanOrEqual(5);
  expect(new Set(versions)).toEqual(new Set([VERSION]));
});

describe('GitHub Actions', () => {
  const workflow = parse(named('.github/workflows/conventions.yml')) as {
    on: Record<string, unknown>;
    jobs: Record<string, { 'runs-on': string; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }>;
  };
  const steps = Object.values(workflow.jobs)[0]!.steps;
  const command = steps.find((step) => step.run)!.run!;

  test('the workflow is a job on pushes and pull requests, Node set up before the check', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(steps.map((step) => step.uses?.split('@')[0] ?? 'run')).toEqual(['actions/checkout', 'actions/setup-node', 'run']);
    expect(Number(steps[1]!.with!['node-version'])).toBeGreaterThanOrEqual(20);
  });

  test('its command passes on valid conventions and annotates an invalid one (exit 1)', () => {
    const valid = shell(command, project(false));
    expect(valid.status).toBe(0);
    expect(valid.stdout).toBe('');
    const invalid = shell(command, project(true));
    expect(invalid.status).toBe(1);
    expect(invalid.stdout.trim()).toMatch(/^::error file=conventions\/invalide\.yaml,line=16,col=20,title=format-invalide::/);
  });

  test('the SARIF variant writes the report the upload step sends, even when a convention is invalid', () => {
    const variant = yamlBlocks.find((block) => block.includes('upload-sarif'))!;
    const [check, upload] = parse(variant) as { run?: string; uses?: string; if?: string; with?: { sarif_file: string } }[];
    expect(upload!.if).toBe('always()');
    const folder = project(true);
    expect(shell(check!.run!, folder).status).toBe(1);
    const log = JSON.parse(readFileSync(join(folder, upload!.with!.sarif_file), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.map((result) => result.ruleId)).toEqual(['format-invalide']);
  });
});

describe('GitLab CI', () => {
  const job = Object.values(parse(named('.gitlab-ci.yml')) as Record<string, { image: string; script: string[]; artifacts: { when: string; reports: { junit: string; codequality: string } } }>)[0]!;

  /** The script as a runner plays it: line by line, the job failing at the first line that fails. */
  function runJob(folder: string): number {
    for (const line of job.script) {
      const run = shell(line, folder);
      if (run.status !== 0) return run.status ?? -1;
    }
    return 0;
  }

  test('the job fails on an invalid convention, and both reports are written for GitLab to read', () => {
    expect(job.artifacts.when).toBe('always');
    const folder = project(true);
    expect(runJob(folder)).toBe(1);
    const junit = parseXml(readFileSync(join(folder, job.artifacts.reports.junit), 'utf8'));
    const cases = Array.from(junit.getElementsByTagName('testcase'));
    expect(cases).toHaveLength(readdirSync(join(folder, 'conventions')).length);
    expect(junit.getElementsByTagName('failure')).toHaveLength(1);
    const quality = JSON.parse(readFileSync(join(folder, job.artifacts.reports.codequality), 'utf8')) as { location: { path: string } }[];
    expect(quality.map((issue) => issue.location.path)).toEqual(['conventions/invalide.yaml']);
  });

  test('the job passes on valid conventions', () => {
    const folder = project(false);
    expect(runJob(folder)).toBe(0);
    expect(existsSync(join(folder, job.artifacts.reports.junit))).toBe(true);
    expect(JSON.parse(readFileSync(join(folder, job.artifacts.reports.codequality), 'utf8'))).toEqual([]);
  });
});

describe('pre-commit', () => {
  type Hook = { id: string; name: string; entry: string; language: string; files: string; additional_dependencies?: string[] };
  const [provided] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const config = parse(named('.pre-commit-config.yaml')) as { repos: { repo: string; hooks: Hook[] }[] };
  const local = config.repos[0]!.hooks[0]!;

  test('the hook this repository provides and the README’s local one are the same, from npm at this version', () => {
    expect(provided).toMatchObject({ id: 'convention-validate', language: 'node' });
    expect(local).toMatchObject({ id: provided!.id, entry: provided!.entry, language: provided!.language });
    expect(local.additional_dependencies).toEqual([`convention-partenariat@${VERSION}`]);
    // pre-commit matches `files` against paths from the repository's root (Python regular expressions: these read the same in JavaScript).
    const hookFiles = new RegExp(provided!.files);
    const configFiles = new RegExp(local.files);
    expect(['a.yaml', 'conventions/b.yml'].every((path) => hookFiles.test(path))).toBe(true);
    expect(hookFiles.test('package.json')).toBe(false);
    expect(configFiles.test('conventions/dept/a.yaml')).toBe(true);
    expect(configFiles.test('.gitlab-ci.yml')).toBe(false);
  });

  test('its entry, given the staged files as pre-commit does, is silent on valid conventions and fails on an invalid one', () => {
    const entry = provided!.entry.replace(/^convention /, `${PACKAGE} `);
    const valid = project(false);
    const staged = readdirSync(join(valid, 'conventions')).map((file) => `conventions/${file}`);
    const ok = shell(`${entry} ${staged.join(' ')}`, valid);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('');
    const invalid = project(true);
    const failed = shell(`${entry} conventions/invalide.yaml ${staged.join(' ')}`, invalid);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain('conventions/invalide.yaml:16:20  erreur  format-invalide');
    expect(failed.stdout).not.toContain('convention valide');
  });
});
