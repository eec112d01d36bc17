/**
 * A convention type is data: proof by doing. In a copy of the package as installed (bin, dist,
 * schemas, templates; no src/ at all, nothing rebuilt), a copy of an existing type's data under a
 * new name — its schema with the `type` constant (and `$id`, title) changed, its templates folder
 * with its catalogue, one example — is listed by `convention types`, validates, renders to the text
 * of the type it copies, gets a skeleton from `init`, and is offered and written by `new`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractText } from '../support/docx-text.js';
import { EXAMPLES, ROOT, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const ORIGINAL = 'locale-ccas';
const COPY = 'locale-essai';
const EXAMPLE = 'locale-ccas-marolles.yaml';

const copy = temporaryFolder('convention-nouveau-type-');
for (const folder of ['bin', 'dist', 'schemas', 'templates']) cpSync(join(ROOT, folder), join(copy, folder), { recursive: true });
cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');

// The new type: the original's schema, templates and catalogue under another name.
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', `${ORIGINAL}.schema.json`), 'utf8')) as Record<string, any>;
schema.$id = schema.$id.replace(ORIGINAL, COPY);
schema.title = 'Convention locale d’essai, copie du type locale-ccas';
schema.properties.type.const = COPY;
writeFileSync(join(copy, 'schemas', `${COPY}.schema.json`), JSON.stringify(schema, null, 2));
cpSync(join(ROOT, 'templates', ORIGINAL), join(copy, 'templates', COPY), { recursive: true });
const work = join(copy, 'conventions');
mkdirSync(work);
const example = readFileSync(join(EXAMPLES, EXAMPLE), 'utf8')
  .replace(`schemas/${ORIGINAL}.schema.json`, `schemas/${COPY}.schema.json`)
  .replace(/^type: .*$/m, `type: ${COPY}`);
writeFileSync(join(work, 'essai.yaml'), example);
const bin = join(copy, 'bin', 'convention.js');
const cli = (args: string[]) => runCli([...args], work, {}, bin);

describe(`a new type, ${COPY}, made of data only`, () => {
  test('the copy has no source code: nothing under src/ is needed', () => {
    expect(existsSync(join(copy, 'src'))).toBe(false);
  });

  test('convention types lists it', () => {
    const run = cli(['types']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${COPY}\\s+Convention locale d’essai`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^${ORIGINAL}\\s+`, 'm'));
  });

  test('validate accepts its example, and its rules are the catalogue’s (a second CPAM is refused)', () => {
    const run = cli(['validate', 'essai.yaml']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    writeFileSync(join(work, 'deux-caisses.yaml'), example.replace('role: ccas', 'role: cpam').replace('partie: ccas', 'partie: cpam').replaceAll('partie: ccas', 'partie: cpam'));
    const refused = cli(['validate', 'deux-caisses.yaml']);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('La convention doit compter une et une seule CPAM (rôle « cpam ») ; elle en compte 2.');
  });

  test('render writes its DOCX, with the text of the type it copies', async () => {
    const run = cli(['render', 'essai.yaml', '-o', 'essai.docx']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const original = join(work, 'original.docx');
    expect(runCli(['render', join(EXAMPLES, EXAMPLE), '-o', original]).status).toBe(0);
    expect(await extractText(readFileSync(join(work, 'essai.docx')))).toBe(await extractText(readFileSync(original)));
  });

  test('init writes its skeleton, refused only for its « À COMPLÉTER » markers', () => {
    const run = cli(['init', COPY, '-o', 'squelette.yaml']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(join(work, 'squelette.yaml'), 'utf8')).toMatch(new RegExp(`^type: ${COPY}$`, 'm'));
    const check = cli(['validate', '--format', 'json', 'squelette.yaml']);
    expect(check.status).toBe(1);
    expect([...new Set((JSON.parse(check.stdout) as { code: string }[]).map((p) => p.code))]).toEqual(['texte-a-completer']);
  });

  test('new offers it and writes a valid convention of it (scripted answers)', () => {
    const driver = join(copy, 'nouveau.mjs');
    writeFileSync(
      driver,
      `import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
const { newCommand } = await import(${JSON.stringify(pathToFileURL(join(copy, 'dist', 'cli', 'new-command.js')).href)});
const { answersFrom, scriptedPrompts } = await import(${JSON.stringify(pathToFileURL(join(copy, 'dist', 'wizard', 'scripted-prompts.js')).href)});
const convention = parse(readFileSync(process.argv[2], 'utf8'));
const prompts = scriptedPrompts(answersFrom(convention));
console.log = () => undefined;
const code = await newCommand({ output: process.argv[3] }, { prompts, today: '2025-06-30' });
const type = prompts.asked.find((q) => q.path === 'type');
process.stdout.write(JSON.stringify({ code, offered: type.choices.map((c) => c.value) }));
`,
    );
    const run = spawnSync(process.execPath, [driver, join(work, 'essai.yaml'), join(work, 'nouvelle.yaml')], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stderr).toBe('');
    const { code, offered } = JSON.parse(run.stdout) as { code: number; offered: string[] };
    expect(offered).toContain(COPY);
    expect(code).toBe(0);
    expect(readFileSync(join(work, 'nouvelle.yaml'), 'utf8')).toContain(`$schema=../schemas/${COPY}.schema.json`);
    expect(cli(['validate', 'nouvelle.yaml']).status).toBe(0);
  });
});
