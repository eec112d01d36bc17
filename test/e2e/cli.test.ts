import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { outputNamesOf } from '../support/outputs.js';
import { EXAMPLES, FIXTURES, ROOT, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));

describe('convention render (real bin)', () => {
  test.each(examples)('%s renders to a DOCX (exit 0)', (example) => {
    const out = temporaryFolder();
    const target = join(out, example.replace('.yaml', '.docx'));
    const run = runCli(['render', join(EXAMPLES, example), '-o', target]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('→');
    expect(statSync(target).size).toBeGreaterThan(5000);
    expect(readFileSync(target).subarray(0, 2).toString()).toBe('PK');
  });

  test('a folder renders every example into -o DIR/, and a second run without --force refuses (exit 2)', async () => {
    const out = join(temporaryFolder(), 'out') + '/';
    const first = runCli(['render', EXAMPLES, '-o', out]);
    expect(first.status).toBe(0);
    const docx = readdirSync(out).sort();
    expect(docx).toEqual((await outputNamesOf(EXAMPLES, examples)).sort());
    const before = readFileSync(join(out, docx[0]!));
    const second = runCli(['render', EXAMPLES, '-o', out]);
    expect(second.status).toBe(2);
    // A document refused is part of the report, on stdout (as eslint: only usage errors on stderr).
    expect(second.stdout).toContain('--force');
    expect(readFileSync(join(out, docx[0]!)).equals(before)).toBe(true);
    expect(runCli(['render', EXAMPLES, '-o', out, '--force']).status).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('default output is beside the YAML, same basename', () => {
    const folder = temporaryFolder();
    const yaml = join(folder, 'ma-convention.yaml');
    copyFileSync(join(EXAMPLES, examples[0]!), yaml);
    expect(runCli(['render', yaml]).status).toBe(0);
    expect(existsSync(join(folder, 'ma-convention.docx'))).toBe(true);
  });

  test('an invalid convention exits 1 with file:line:col and writes nothing', () => {
    const folder = temporaryFolder();
    const yaml = join(folder, 'invalide.yaml');
    const text = readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8').replace(/^type: locale-ccas$/m, 'type: locale-cca');
    writeFileSync(yaml, text);
    const run = runCli(['render', yaml]);
    expect(run.status).toBe(1);
    const line = text.split('\n').findIndex((l) => l.startsWith('type:')) + 1;
    expect(run.stdout).toContain(`${yaml}:${line}:7  erreur  type-inconnu  Type de convention « locale-cca » inconnu`);
    expect(run.stdout).toContain('Vouliez-vous dire « locale-ccas » ?');
    expect(readdirSync(folder)).toEqual(['invalide.yaml']);
  });

  test('an unreadable file exits 2 with a French message and writes nothing', () => {
    const folder = temporaryFolder();
    const run = runCli(['render', join(folder, 'absente.yaml')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('introuvable');
    expect(readdirSync(folder)).toEqual([]);
  });

  test('usage errors exit 2 in French', () => {
    const unknown = runCli(['rendre']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('commande inconnue « rendre »');
    const missing = runCli(['render']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('argument manquant');
  });

  test('--help and --version exit 0', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('render');
    expect(help.stdout).toContain('validate');
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('convention validate (real bin)', () => {
  test('the bundled examples are valid (exit 0)', () => {
    const run = runCli(['validate', EXAMPLES]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const example of examples) expect(run.stdout).toContain(`${example} : convention valide`);
  });

  test('a missing required field exits 1 and names it with its location', () => {
    const folder = temporaryFolder();
    const yaml = join(folder, 'sans-signature.yaml');
    const text = readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8');
    writeFileSync(yaml, text.slice(0, text.indexOf('\nsignature:')) + '\n');
    const run = runCli(['validate', yaml]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`${yaml}:\\d+:\\d+  erreur  champ-obligatoire  Rubrique obligatoire manquante dans « Convention locale CPAM – CCAS/CIAS » : « signature »`));
  });

  test('« - » is not the standard input: said in every format, exit 2, the other files checked all the same; ./- is a file', () => {
    const example = join(EXAMPLES, 'locale-ccas-marolles.yaml');
    for (const format of ['text', 'json', 'sarif']) {
      const run = runCli(['validate', '-', example, '--format', format]);
      expect(run.status).toBe(2);
      if (format !== 'text') expect(run.stdout).toContain('entree-standard');
      expect(run.stdout).toContain("l'entrée standard n'est pas lue");
    }
    expect(runCli(['validate', '-', example]).stdout).toContain('convention valide');
    const folder = temporaryFolder();
    copyFileSync(example, join(folder, '-'));
    expect(runCli(['validate', './-'], folder).status).toBe(0);
  });
});

describe('validate output formats, types and schema (real bin)', () => {
  const invalid = join(FIXTURES, 'invalid', 'code-postal.yaml');
  // Given absolute, shown relative to the working directory (the project's root here).
  const shown = relative(ROOT, invalid);

  test('text: file:line:col, severity, code, message and a code frame', () => {
    const run = runCli(['validate', invalid]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`${shown}:16:20  erreur  format-invalide  « Code postal » : « 9163 »`);
    expect(run.stdout).toMatch(/> 16 \|       code_postal: "9163"\n\s+\|\s+\^/);
    expect(run.stdout).not.toMatch(/\u001b\[/);
  });

  test('json: an array of problems, nothing else on stdout', () => {
    const run = runCli(['validate', '--format', 'json', invalid, join(EXAMPLES, examples[0]!)]);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({ file: shown, line: 16, column: 20, severity: 'error', code: 'format-invalide', path: '/parties/0/adresse/code_postal' }),
    ]);
  });

  test('github: workflow annotations', () => {
    const run = runCli(['validate', '--format', 'github', invalid]);
    expect(run.status).toBe(1);
    expect(run.stdout.trim()).toMatch(new RegExp(`^::error file=${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},line=16,col=20,title=format-invalide::« Code postal »`));
  });

  test('glob patterns are expanded; an unknown format is a usage error', () => {
    const run = runCli(['validate', 'examples/*.yaml']);
    expect(run.status).toBe(0);
    for (const example of examples) expect(run.stdout).toContain(example);
    const bad = runCli(['validate', '--format', 'xml', invalid]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('valeur « xml » invalide pour --format');
    expect(runCli(['validate', 'absent/*.yaml']).status).toBe(2);
  });

  test('types lists every type with a French line; schema prints a type\'s schema', () => {
    const types = runCli(['types']);
    expect(types.status).toBe(0);
    expect(types.stdout).toMatch(/^locale-ccas\s+Convention locale/m);
    const schema = runCli(['schema', 'locale-ccas']);
    expect(schema.status).toBe(0);
    expect(JSON.parse(schema.stdout).$id).toContain('locale-ccas.schema.json');
    // One document: the common definitions copied in, no reference to another file.
    expect(schema.stdout).not.toContain('common.schema.json');
    expect(JSON.parse(schema.stdout).definitions).toHaveProperty('partie');
    const common = runCli(['schema', 'common']);
    expect(common.status).toBe(0);
    expect(Object.keys(JSON.parse(common.stdout).definitions)).toEqual(expect.arrayContaining(['partie', 'adresse', 'referent', 'signature']));
    const unknown = runCli(['schema', 'locale-cca']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Vouliez-vous dire « locale-ccas » ?');
  });

  test('every example declares its editor schema at its URL for this version, which the package holds', () => {
    const { name, version, files } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; files: string[] };
    expect(files).toContain('dist/schemas');
    for (const example of examples) {
      const first = readFileSync(join(EXAMPLES, example), 'utf8').split('\n')[0];
      const type = /^type: (.+)$/m.exec(readFileSync(join(EXAMPLES, example), 'utf8'))![1];
      expect(first).toBe(`# yaml-language-server: $schema=https://cdn.jsdelivr.net/npm/${name}@${version}/dist/schemas/${type}.schema.json`);
      expect(existsSync(join(ROOT, 'dist', 'schemas', `${type}.schema.json`))).toBe(true);
    }
  });
});
