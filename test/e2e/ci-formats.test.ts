/**
 * `validate` as CI systems run it: every format carries every problem and every file that could not
 * be read (missing, not UTF-8, not a regular file), every file is checked even when one is missing,
 * paths are relative to the working directory, the report is on stdout and only usage errors on
 * stderr. The SARIF is checked against the official SARIF 2.1.0 schema, the JUnit XML read by an
 * XML parser.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { Ajv } from 'ajv';
import * as formats from 'ajv-formats';
import { BIN, EXAMPLES, FIXTURES, ROOT, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const INVALID = join(FIXTURES, 'invalid');
const invalidFixtures = readdirSync(INVALID)
  .filter((name) => name.endsWith('.yaml'))
  .sort()
  .map((name) => relative(ROOT, join(INVALID, name)));
const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.yaml'));

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

/** A folder holding one valid convention, one invalid, one not in UTF-8 and one FIFO; `absente.yaml` is missing. */
function mixedFolder(): { folder: string; files: string[] } {
  const folder = temporaryFolder();
  copyFileSync(join(EXAMPLES, examples[0]!), join(folder, 'a-valide.yaml'));
  copyFileSync(join(INVALID, 'code-postal.yaml'), join(folder, 'b-invalide.yaml'));
  writeFileSync(join(folder, 'c-latin1.yaml'), Buffer.from('nom: Cr\xe9teil\n', 'latin1'));
  spawnSync('mkfifo', [join(folder, 'd-tube.yaml')]);
  return { folder, files: ['a-valide.yaml', 'b-invalide.yaml', 'c-latin1.yaml', 'd-tube.yaml', 'absente.yaml'] };
}

const IO_CODES = { 'c-latin1.yaml': 'encodage-invalide', 'd-tube.yaml': 'lecture-impossible', 'absente.yaml': 'entree-introuvable' } as const;

function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(FIXTURES, 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  // Draft-04 (see test/fixtures/sarif/README.md): `id` is spelt `$id` since draft-06; the boolean
  // exclusive bounds, the other change, are absent, or this reading would be wrong.
  expect(JSON.stringify(schema)).not.toMatch(/"exclusive(Minimum|Maximum)"/);
  const { id, $schema: _draft04, ...rest } = schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  // A CommonJS module: its function is the default export (read as src/core/validate.ts does).
  (formats.default as unknown as (ajv: Ajv) => void)(ajv);
  return ajv.compile({ ...rest, $id: id as string });
}

function parseXml(text: string) {
  const problems: string[] = [];
  const document = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(text, 'text/xml');
  expect(problems).toEqual([]);
  return document;
}

describe('validate --format sarif', () => {
  test('the SARIF of the invalid fixtures and a missing file passes the SARIF 2.1.0 schema, one result per problem', () => {
    const validateSarif = sarifValidator();
    const args = [...invalidFixtures, 'absente.yaml'];
    const run = runCli(['validate', '--format', 'sarif', ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    const log = JSON.parse(run.stdout) as { version: string; runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: { startLine: number } } }[] }[]; artifacts: { location: { uri: string } }[] }[] };
    expect(validateSarif(log)).toBe(true);
    expect(validateSarif.errors ?? null).toBeNull();
    // The same problems as the JSON format, in the same order.
    const json = JSON.parse(runCli(['validate', '--format', 'json', ...args]).stdout) as JsonProblem[];
    const [sarifRun] = log.runs;
    expect(sarifRun!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region?.startLine ?? 0])).toEqual(
      json.map((p) => [p.code, p.file, p.line]),
    );
    expect(sarifRun!.artifacts.map((a) => a.location.uri)).toEqual(args);
    expect(sarifRun!.results.at(-1)).toMatchObject({ ruleId: 'entree-introuvable', level: 'error' });
    // A schema-valid log is not enough: a wrong one must fail this check.
    expect(validateSarif({ ...log, runs: [{ ...sarifRun, results: [{ ...sarifRun!.results[0], level: 'grave' }] }] })).toBe(false);
  });

  test('a path outside the working directory is a file URI; spaces are escaped', () => {
    const folder = temporaryFolder();
    const file = join(folder, 'ma convention.yaml');
    copyFileSync(join(INVALID, 'code-postal.yaml'), file);
    const outside = JSON.parse(runCli(['validate', '--format', 'sarif', file]).stdout);
    expect(outside.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: `file://${folder.split('/').map(encodeURIComponent).join('/')}/ma%20convention.yaml` });
    const inside = JSON.parse(runCli(['validate', '--format', 'sarif', 'ma convention.yaml'], folder).stdout);
    expect(inside.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'ma%20convention.yaml', uriBaseId: '%SRCROOT%' });
    expect(sarifValidator()(inside)).toBe(true);
  });
});

describe('validate --format junit', () => {
  test('one test case per file: failure for an invalid convention, error for an unreadable file', () => {
    const { folder, files } = mixedFolder();
    const run = runCli(['validate', '--format', 'junit', ...files], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    const document = parseXml(run.stdout);
    const suites = document.documentElement!;
    expect(suites.tagName).toBe('testsuites');
    const cases = Array.from(suites.getElementsByTagName('testcase')) as Element[];
    expect(cases.map((c) => c.getAttribute('name'))).toEqual(files);
    expect(suites.getAttribute('tests')).toBe(String(files.length));
    expect(suites.getAttribute('failures')).toBe('1');
    expect(suites.getAttribute('errors')).toBe(String(Object.keys(IO_CODES).length));
    const outcome = (c: Element) => (c.getElementsByTagName('failure').length ? 'failure' : c.getElementsByTagName('error').length ? 'error' : 'pass');
    expect(cases.map(outcome)).toEqual(['pass', 'failure', 'error', 'error', 'error']);
    const failure = cases[1]!.getElementsByTagName('failure')[0]!;
    expect(failure.textContent).toContain('b-invalide.yaml:16:20  erreur  format-invalide');
    for (const c of cases.slice(2)) {
      expect(c.getElementsByTagName('error')[0]!.getAttribute('type')).toBe(IO_CODES[c.getAttribute('name') as keyof typeof IO_CODES]);
    }
  });
});

describe('validate --format gitlab', () => {
  test('GitLab Code Quality: one issue per problem, relative paths, distinct fingerprints', () => {
    const { folder, files } = mixedFolder();
    const run = runCli(['validate', '--format', 'gitlab', ...files.map((f) => `./${f}`)], folder);
    expect(run.status).toBe(2);
    const issues = JSON.parse(run.stdout) as { check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    expect(issues.map((i) => [i.location.path, i.check_name])).toEqual([
      ['b-invalide.yaml', 'format-invalide'],
      ...Object.entries(IO_CODES),
    ]);
    expect(issues[0]).toMatchObject({ severity: 'major', location: { lines: { begin: 16 } } });
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    for (const issue of issues) expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('I/O errors, paths and streams in every format', () => {
  test.each(['text', 'json', 'github', 'sarif', 'junit', 'gitlab'])('%s: every file checked, I/O errors reported in the format, on stdout', (format) => {
    const { folder, files } = mixedFolder();
    const run = runCli(['validate', '--format', format, ...files.map((f) => join(folder, f))], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    // Each file with a problem named, relative to the working directory (given absolute here);
    // SARIF names the working directory once, as the base of its relative paths.
    for (const file of files.slice(1)) expect(run.stdout).toContain(file);
    if (format !== 'sarif') expect(run.stdout).not.toContain(folder);
    for (const code of [...Object.values(IO_CODES), 'format-invalide']) {
      if (format !== 'text') expect(run.stdout).toContain(code);
    }
    expect(run.stdout).toContain('pas en UTF-8');
  });

  test('text: a summary line; --quiet shows only the problems', () => {
    const { folder, files } = mixedFolder();
    const run = runCli(['validate', ...files], folder);
    expect(run.stdout).toContain('✓ a-valide.yaml : convention valide');
    expect(run.stdout).toContain('✗ absente.yaml : fichier ou dossier introuvable.');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('Bilan : 5 fichiers vérifiés : 1 valide, 1 invalide, 3 illisibles ; 4 erreurs, 0 avertissement.');
    const quiet = runCli(['validate', '--quiet', ...files], folder);
    expect(quiet.status).toBe(2);
    expect(quiet.stdout).not.toContain('a-valide.yaml');
    expect(quiet.stdout).not.toContain('Bilan');
    expect(quiet.stdout).toContain('b-invalide.yaml:16:20  erreur  format-invalide');
    expect(quiet.stdout).toContain('✗ absente.yaml');
    const allValid = runCli(['validate', '-q', EXAMPLES]);
    expect(allValid.status).toBe(0);
    expect(allValid.stdout).toBe('');
  });

  test('github: annotation paths relative to the working directory, ./ removed', () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'conventions'));
    copyFileSync(join(INVALID, 'code-postal.yaml'), join(folder, 'conventions', 'x.yaml'));
    const run = runCli(['validate', '--format', 'github', './conventions/x.yaml', join(folder, 'conventions')], folder);
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^::error file=conventions\/x\.yaml,line=16,col=20,title=format-invalide::/)]);
  });

  test('render too: problems and failed files on stdout, the others still rendered; usage errors on stderr', () => {
    const { folder, files } = mixedFolder();
    const out = join(folder, 'out') + '/';
    const run = runCli(['render', ...files, '-o', out], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('b-invalide.yaml:16:20  erreur  format-invalide');
    expect(run.stdout).toContain('✗ absente.yaml : fichier ou dossier introuvable.');
    expect(run.stdout).toContain("c-latin1.yaml : le fichier n'est pas en UTF-8");
    expect(readdirSync(out)).toEqual(['a-valide.docx']);
    const usage = runCli(['render', 'a-valide.yaml', '--inconnue'], folder);
    expect(usage.status).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toContain('option inconnue');
  });
});

/** util-linux `script`: a pseudo-terminal, as a user at a terminal runs the bin. */
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('render in a terminal: the bar on stderr, the report on stdout', () => {
  (hasScript ? test : test.skip)('with stdout redirected to a file, the problems go to the file and the bar to the terminal', () => {
    const folder = temporaryFolder();
    for (const example of examples) copyFileSync(join(EXAMPLES, example), join(folder, example));
    copyFileSync(join(INVALID, 'code-postal.yaml'), join(folder, 'invalide.yaml'));
    const command = `'${process.execPath}' '${BIN}' render . -o out/ > rapport.txt`;
    const environment: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', NO_COLOR: '1' };
    delete environment.CI;
    const screen = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: folder, encoding: 'utf8', env: environment, timeout: 60000 }).stdout;
    expect(screen).toMatch(/100 %/);
    expect(screen).not.toContain('format-invalide');
    const report = readFileSync(join(folder, 'rapport.txt'), 'utf8');
    expect(report).toContain('invalide.yaml:16:20  erreur  format-invalide');
    expect(report).toContain('invalide.yaml : convention invalide, aucun document écrit');
    expect(report).toMatch(new RegExp(`^Bilan : ${examples.length} conventions rendues, 1 en échec`, 'm'));
    // The bar replaces the success lines only on the terminal it draws on: the report keeps them.
    expect(report.match(/^✓ /gm)).toHaveLength(examples.length);
  });
});
