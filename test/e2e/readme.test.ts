/**
 * What the README promises and no other test checked, each through the real bin (or, for the
 * wizard's questions, through the command with scripted answers, as test/e2e/wizard.test.ts does).
 * Test names quote or paraphrase the README's sentence.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { newCommand } from '../../src/cli/new-command.js';
import { MAX_FILE_BYTES } from '../../src/core/load.js';
import { defaultRegistry } from '../../src/core/registry.js';
import { answersFrom, scriptedPrompts } from '../../src/wizard/scripted-prompts.js';
import { extractText, readPart } from '../support/docx-text.js';
import { BIN, EXAMPLES, FIXTURES, ROOT, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const MAROLLES = readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8');

function folderWith(files: Record<string, string | Buffer>): string {
  const folder = temporaryFolder();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}

function expectNoStack(output: string): void {
  expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect(output).not.toContain('erreur interne');
}

/** The bin under a pseudo-terminal (util-linux `script`), as a user at a terminal runs it. */
const script = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
function inTerminal(args: string[], cwd: string, env: Record<string, string | undefined>): string {
  const quoted = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  // A user's terminal, not a CI job's: chalk (supports-color) turns colours off whenever CI is set.
  const environment: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', ...env };
  delete environment.CI;
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete environment[key];
  return spawnSync('script', ['-qec', quoted, '/dev/null'], { cwd, encoding: 'utf8', env: environment, timeout: 60000 }).stdout;
}

describe('render: where documents go', () => {
  test('“-o … désigne … un dossier s’il se termine par /” (il est alors créé), even for one convention', () => {
    const folder = folderWith({ 'montbrison.yaml': MAROLLES });
    const run = runCli(['render', join(folder, 'montbrison.yaml'), '-o', join(folder, 'sortie', 'neuf') + '/']);
    expect(run.status).toBe(0);
    expect(readdirSync(join(folder, 'sortie', 'neuf'))).toEqual(['montbrison.docx']);
  });

  test('“Un dossier donné en entrée vaut pour tous ses fichiers .yaml et .yml”, and for nothing else', () => {
    const folder = folderWith({ 'a.yaml': MAROLLES, 'b.yml': MAROLLES, 'c.txt': MAROLLES, 'd.yaml.bak': MAROLLES });
    const out = join(temporaryFolder(), 'out') + '/';
    const run = runCli(['render', folder, '-o', out]);
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['a.docx', 'b.docx']);
  });

  test('“un document est écrit en entier ou pas du tout”: a write that fails half-way leaves no file, and the old one under --force', () => {
    const folder = folderWith({ 'm.yaml': MAROLLES, 'ancien.docx': 'ancien document' });
    // A file size limit of 8 KiB: the write of the DOCX (tens of KiB) fails in the middle (EFBIG).
    const limited = (args: string[]) =>
      spawnSync('bash', ['-c', 'ulimit -f 8 && exec "$@"', 'bash', process.execPath, BIN, ...args], {
        cwd: folder,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
    const fresh = limited(['render', 'm.yaml', '-o', 'nouveau.docx']);
    expect(fresh.status).toBe(2);
    expect(fresh.stdout).toContain('nouveau.docx : écriture impossible');
    expectNoStack(fresh.stderr);
    const replacing = limited(['render', 'm.yaml', '-o', 'ancien.docx', '--force']);
    expect(replacing.status).toBe(2);
    expect(readFileSync(join(folder, 'ancien.docx'), 'utf8')).toBe('ancien document');
    expect(readdirSync(folder).sort()).toEqual(['ancien.docx', 'm.yaml']);
  });
});

describe('render: the document', () => {
  /**
   * The examples rendered by one process per “machine”: here, then far east and far west of UTC
   * under other locales with the clock moved 1 000 days on (a later day, for the whole process).
   * `--jobs 1` keeps the rendering in the process whose clock is moved.
   */
  let rendered: { out: string; run: ReturnType<typeof runCli> }[] = [];
  const folder = temporaryFolder();
  /** Written by the moved clock when it is loaded: the proof that the later day was seen. */
  const clockLoaded = join(folder, 'horloge-chargee');
  beforeAll(() => {
    const clock = join(folder, 'horloge.mjs');
    writeFileSync(
      clock,
      `import { writeFileSync } from 'node:fs';
const shift = 1000 * 86_400_000;
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...args) { if (args.length === 0) super(RealDate.now() + shift); else super(...args); }
  static now() { return RealDate.now() + shift; }
};
writeFileSync(${JSON.stringify(clockLoaded)}, new Date().toISOString());
`,
    );
    const machines: Record<string, string>[] = [
      {},
      { TZ: 'Pacific/Kiritimati', LANG: 'fr_FR.UTF-8', LC_ALL: 'fr_FR.UTF-8', NODE_OPTIONS: `--import=${pathToFileURL(clock).href}` },
      { TZ: 'Pacific/Pago_Pago', LANG: 'C', LC_ALL: 'C' },
    ];
    rendered = machines.map((env, i) => {
      const out = join(folder, `machine-${i}`) + '/';
      return { out, run: runCli(['render', EXAMPLES, '-o', out, '--jobs', '1'], ROOT, env) };
    });
  }, 180_000);

  test('“n’importe quel jour et sur n’importe quelle machine, un DOCX identique octet pour octet”', () => {
    const [here, ...elsewhere] = rendered;
    expect(new Date(readFileSync(clockLoaded, 'utf8')).getFullYear()).toBeGreaterThan(new Date().getFullYear());
    for (const { run } of rendered) {
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
    const files = readdirSync(here!.out).sort();
    expect(files.length).toBeGreaterThanOrEqual(examples.length);
    for (const { out } of elsewhere) {
      expect(readdirSync(out).sort()).toEqual(files);
      for (const file of files) expect([file, readFileSync(join(out, file)).equals(readFileSync(join(here!.out, file)))]).toEqual([file, true]);
    }
  });

  test.each(examples)('%s: “les propriétés du document portent le titre, l’objet, l’auteur (la première partie), la langue fr-FR et l’empreinte SHA-256 du YAML source”', async (example) => {
    const document = readFileSync(join(rendered[0]!.out, example.replace(/\.yaml$/, '.docx')));
    const core = await readPart(document, 'docProps/core.xml');
    const unescape = (xml: string) => xml.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const property = (name: string) => unescape(new RegExp(`<${name}>([^<]*)</${name}>`).exec(core)?.[1] ?? '');
    const source = readFileSync(join(EXAMPLES, example));
    const convention = parse(source.toString('utf8')) as { parties: { nom: string; nom_court: string }[] };
    for (const party of convention.parties) expect(property('dc:title')).toContain(party.nom_court);
    expect(property('dc:subject')).not.toBe('');
    expect(property('dc:creator')).toBe(convention.parties[0]!.nom);
    expect(property('dc:language')).toBe('fr-FR');
    const custom = await readPart(document, 'docProps/custom.xml');
    const sha256 = createHash('sha256').update(source).digest('hex');
    expect(custom).toMatch(new RegExp(`name="SourceSHA256"><vt:lpwstr>${sha256}</vt:lpwstr>`));
  });

  test('“l’empreinte SHA-256 du YAML source” is the file’s own: a BOM and CR line ends included (sha256sum finds it)', async () => {
    const bytes = Buffer.from('\uFEFF' + MAROLLES.replace(/\n/g, '\r'), 'utf8');
    const folder = folderWith({ 'm.yaml': bytes });
    expect(runCli(['render', join(folder, 'm.yaml')]).status).toBe(0);
    const custom = await readPart(readFileSync(join(folder, 'm.docx')), 'docProps/custom.xml');
    expect(custom).toContain(`<vt:lpwstr>${createHash('sha256').update(bytes).digest('hex')}</vt:lpwstr>`);
  });

  test('“chemin relatif au YAML”: logos are found from the YAML’s folder, whatever the current folder', async () => {
    const elsewhere = temporaryFolder();
    const run = runCli(['render', join(FIXTURES, 'valid', 'locale-ccas-logos.yaml'), '-o', join(elsewhere, 'logos.docx')], elsewhere);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const document = readFileSync(join(elsewhere, 'logos.docx'));
    const headers = (await Promise.all([1, 2, 3].map((n) => readPart(document, `word/header${n}.xml`).catch(() => '')))).join('');
    expect(headers).toContain('<pic:pic ');
  });

  test('“balises XML, syntaxe Markdown ou Handlebars dans une valeur (imprimées telles quelles)”, in names, functions and addresses', async () => {
    const value = 'A **gras** _penché_ `code` [lien](http://z.test) {{x}} {{> p}} <w:t>b</w:t> &amp; # ~c~ > d \\e 1. f';
    const lines = ['      prenom: Georges', '      qualite: Maire de Marolles-en-Hurepoix', '      voie: 1 avenue Charles de Gaulle', '    fonction: directrice du CCAS'];
    let text = MAROLLES;
    for (const line of lines) {
      const [, indent, key] = /^( *)(\w+):/.exec(line)!;
      expect(text).toContain(line);
      text = text.replace(line, `${indent}${key}: ${JSON.stringify(value)}`);
    }
    const folder = folderWith({ 'litteral.yaml': text });
    const run = runCli(['render', join(folder, 'litteral.yaml')]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const plain = (await extractText(readFileSync(join(folder, 'litteral.docx')))).replace(/[\u00a0\u202f]/g, ' ');
    expect(plain.split(value).length - 1).toBeGreaterThanOrEqual(lines.length);
  });
});

describe('render --templates', () => {
  const example = join(EXAMPLES, 'locale-ccas-marolles.yaml');
  /** An article template the example's document uses. */
  const ARTICLE = join('locale-ccas', 'articles', 'referents.departemental.md.hbs');

  test('“un fichier de même nom remplace l’original”, and the option repeats: each folder adds its files', async () => {
    const first = temporaryFolder();
    const second = temporaryFolder();
    mkdirSync(join(first, 'common'));
    mkdirSync(join(second, 'locale-ccas', 'articles'), { recursive: true });
    writeFileSync(join(first, 'common', 'signatures.md.hbs'), 'Signatures revues par le service juridique.\n');
    const article = readFileSync(join(ROOT, 'templates', ARTICLE), 'utf8');
    writeFileSync(join(second, ARTICLE), `${article}\nClause ajoutée par le second dossier.\n`);
    const output = join(temporaryFolder(), 'gabarits.docx');
    const run = runCli(['render', example, '-o', output, '--templates', first, '--templates', second]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const text = await extractText(readFileSync(output));
    expect(text).toContain('Signatures revues par le service juridique.');
    expect(text).toContain('Clause ajoutée par le second dossier.');
  });

  test('“mode strict (un champ manquant est une erreur qui nomme le gabarit et la ligne)”: exit 2, nothing written', () => {
    const overlay = temporaryFolder();
    mkdirSync(join(overlay, 'locale-ccas', 'articles'), { recursive: true });
    writeFileSync(join(overlay, ARTICLE), 'Première ligne.\n\nTroisième {{champInconnu}}.\n');
    const out = temporaryFolder();
    const run = runCli(['render', example, '-o', join(out, 'x.docx'), '--templates', overlay]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('erreur de gabarit');
    expect(run.stdout).toContain(`« ${ARTICLE.replace(/\.md\.hbs$/, '')} »`);
    expect(run.stdout).toContain('champInconnu');
    expect(run.stdout).toMatch(/ligne 3, colonne \d+ :/);
    expectNoStack(run.stdout);
    expect(readdirSync(out)).toEqual([]);
  });

  /** Renders the example with `common/document` replaced by `text`. */
  function withDocumentTemplate(text: string) {
    const overlay = temporaryFolder();
    mkdirSync(join(overlay, 'common'));
    writeFileSync(join(overlay, 'common', 'document.md.hbs'), text);
    const out = temporaryFolder();
    return { run: runCli(['render', example, '-o', join(out, 'x.docx'), '--templates', overlay]), out };
  }

  test('“sans accès aux prototypes”: a path to a constructor is a missing field (exit 2, nothing written)', () => {
    for (const reach of ['{{constructor.name}}', '{{this.__proto__.constructor.name}}', '{{parties.constructor.name}}']) {
      const { run, out } = withDocumentTemplate(`Fuite : ${reach}\n`);
      expect([reach, run.status]).toEqual([reach, 2]);
      expect(run.stdout).toContain('erreur de gabarit');
      expectNoStack(run.stdout);
      expect(readdirSync(out)).toEqual([]);
    }
  });

  test('“sans accès aux prototypes”: lookup of a constructor finds nothing', async () => {
    const { run, out } = withDocumentTemplate('Fuite : [{{lookup (lookup this "constructor") "name"}}] [{{#with (lookup this "__proto__")}}{{lookup this "constructor"}}{{/with}}]\n');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((await extractText(readFileSync(join(out, 'x.docx')))).replace(/[\u00a0\u202f]/g, ' ')).toBe('Fuite : [] []\n');
  });

  test('“un lien symbolique dans un dossier de gabarits est refusé” (exit 2, nothing written)', () => {
    const overlay = temporaryFolder();
    mkdirSync(join(overlay, 'common'));
    symlinkSync(join(ROOT, 'templates', 'common', 'signatures.md.hbs'), join(overlay, 'common', 'signatures.md.hbs'));
    const out = temporaryFolder();
    const run = runCli(['render', example, '-o', join(out, 'x.docx'), '--templates', overlay]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('lien symbolique refusé');
    expectNoStack(run.stdout);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('hostile inputs', () => {
  test('“clés __proto__ (sans pollution de prototype)”: refused as an unknown key, with its position (exit 1)', () => {
    const text = MAROLLES.replace('type: locale-ccas\n', 'type: locale-ccas\n__proto__:\n  polluted: oui\n');
    const folder = folderWith({ 'proto.yaml': text });
    const run = runCli(['render', join(folder, 'proto.yaml')]);
    expect(run.status).toBe(1);
    const line = text.split('\n').indexOf('__proto__:') + 1;
    expect(run.stdout).toContain(`proto.yaml:${line}:1  erreur  champ-inconnu`);
    expect(readdirSync(folder)).toEqual(['proto.yaml']);
  });

  test('“fichier de plus de 5 Mo (refusé avant lecture)”: a byte more is refused (exit 2), the limit itself is read', () => {
    // The example, padded with a comment to exactly the limit, then one byte more.
    const padding = (size: number) => `${MAROLLES}#${'x'.repeat(size - Buffer.byteLength(MAROLLES) - 2)}\n`;
    const folder = folderWith({ 'limite.yaml': padding(MAX_FILE_BYTES), 'trop.yaml': padding(MAX_FILE_BYTES + 1) });
    expect(readFileSync(join(folder, 'limite.yaml')).length).toBe(MAX_FILE_BYTES);
    const atLimit = runCli(['validate', join(folder, 'limite.yaml')]);
    expect(atLimit.stderr).toBe('');
    expect(atLimit.status).toBe(0);
    const over = runCli(['validate', join(folder, 'trop.yaml')]);
    expect(over.status).toBe(2);
    expect(over.stdout).toContain('fichier trop volumineux');
  });
});

describe('validate', () => {
  test('“Vérifie les conventions sans rien écrire”, valid, invalid or unreadable', () => {
    const folder = folderWith({
      'valide.yaml': MAROLLES,
      'valide.yml': MAROLLES,
      'invalide.yaml': MAROLLES.replace('modele: departemental', 'modele: departementale'),
      'latin1.yaml': Buffer.from('type: Cr\xe9teil\n', 'latin1'),
    });
    const before = readdirSync(folder).sort();
    for (const format of ['text', 'json', 'github']) {
      const run = runCli(['validate', folder, '--format', format], folder);
      expect(run.status).toBe(2);
      expect(readdirSync(folder).sort()).toEqual(before);
      if (format === 'text') expect(run.stdout).toContain('valide.yml : convention valide');
    }
  });

  test('“un motif entre guillemets (\'examples/**/*.yaml\') est développé par l’outil”, into subfolders', () => {
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'examples', 'dept', '91'), { recursive: true });
    writeFileSync(join(folder, 'examples', 'a.yaml'), MAROLLES);
    writeFileSync(join(folder, 'examples', 'dept', '91', 'b.yaml'), MAROLLES);
    const run = runCli(['validate', 'examples/**/*.yaml'], folder);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('examples/a.yaml : convention valide');
    expect(run.stdout).toContain('examples/dept/91/b.yaml : convention valide');
  });

  test('“json : un tableau [{file, line, column, severity, code, path, message}]”: those keys, nothing else on stdout', () => {
    const run = runCli(['validate', '--format', 'json', join(FIXTURES, 'invalid', 'rgpd-dpo-manquant.yaml'), join(FIXTURES, 'invalid', 'direction-etat-outre-mer.yaml')]);
    expect(run.status).toBe(1);
    const problems = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(problems.length).toBeGreaterThan(1);
    for (const problem of problems) expect(Object.keys(problem).sort()).toEqual(['code', 'column', 'file', 'line', 'message', 'path', 'severity']);
  });

  test('“les avertissements n’empêchent pas le succès”: a warning is shown and validate exits 0', () => {
    const file = join(FIXTURES, 'invalid', 'direction-etat-outre-mer.yaml');
    for (const [format, warning] of [
      ['text', '  avertissement  direction-etat-outre-mer  '],
      ['github', '::warning file='],
      ['json', '"severity":"warning"'],
    ] as const) {
      const run = runCli(['validate', file, '--format', format]);
      expect([format, run.status]).toEqual([format, 0]);
      expect((run.stdout + run.stderr).replace(/\s*"(\w+)":\s*/g, '"$1":')).toContain(warning);
    }
  });

  test('the README’s sample of the text format is what validate prints', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const sample = /\n```\n(examples\/ma-convention\.yaml:[\s\S]*?)```\n/.exec(readme)![1]!;
    const folder = temporaryFolder();
    mkdirSync(join(folder, 'examples'));
    writeFileSync(join(folder, 'examples', 'ma-convention.yaml'), MAROLLES.replace(/^modele: departemental$/m, 'modele: departementale'));
    const run = runCli(['validate', 'examples/ma-convention.yaml'], folder);
    expect(run.status).toBe(1);
    const trimEnds = (text: string) => text.replace(/[ \t]+$/gm, '').trim();
    expect(trimEnds(run.stdout)).toBe(trimEnds(sample));
  });

  test('a YAML syntax error: “seule la première est signalée”', () => {
    const folder = folderWith({ 'deux-erreurs.yaml': MAROLLES.replace('modele: departemental', 'modele: [departemental').replace('genre: féminin', 'genre: "féminin') });
    const run = runCli(['validate', join(folder, 'deux-erreurs.yaml'), '--format', 'json']);
    expect(run.status).toBe(1);
    const problems = JSON.parse(run.stdout) as { code: string }[];
    expect(problems).toHaveLength(1);
    expect(problems[0]!.code).toMatch(/^yaml-/);
  });

  (script ? test : test.skip)('“couleurs seulement dans un terminal, jamais avec NO_COLOR”', () => {
    const file = join(FIXTURES, 'invalid', 'code-postal.yaml');
    const ESC = '\u001b[';
    expect(inTerminal(['validate', file], ROOT, { NO_COLOR: undefined, FORCE_COLOR: undefined })).toContain(ESC);
    expect(inTerminal(['validate', file], ROOT, { NO_COLOR: '1', FORCE_COLOR: undefined })).not.toContain(ESC);
    const piped = runCli(['validate', file], ROOT, { NO_COLOR: '' });
    expect(piped.stdout).not.toContain(ESC);
  });
});

describe('types and schema', () => {
  test('“types liste les types de convention avec une ligne de description”: every type, each with its own', () => {
    const run = runCli(['types']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(defaultRegistry().types.map((t) => t.id));
    for (const type of defaultRegistry().types) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${type.id}\\s+${type.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)));
  });

  test.each(defaultRegistry().types.map((t) => t.id))('“schema <type> affiche le schéma JSON d’un type tel que le lisent les éditeurs”, the one published: %s', (type) => {
    const run = runCli(['schema', type]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'dist', 'schemas', `${type}.schema.json`), 'utf8')));
    // Every rubrique of the type's own schema, with its title.
    const source = JSON.parse(readFileSync(join(ROOT, 'schemas', `${type}.schema.json`), 'utf8')) as { properties: Record<string, { title?: string }> };
    const printed = JSON.parse(run.stdout) as { properties: Record<string, { title?: string }> };
    for (const [key, property] of Object.entries(source.properties)) expect(printed.properties[key]!.title).toBe(property.title);
  });
});

describe('new and init', () => {
  test('“convention init <type> … (<type>.yaml par défaut)”', () => {
    for (const { id } of defaultRegistry().types) {
      const folder = temporaryFolder();
      const run = runCli(['init', id], folder);
      expect(run.status).toBe(0);
      expect(readdirSync(folder)).toEqual([`${id}.yaml`]);
    }
  });

  test.each(defaultRegistry().types.map((t) => t.id))('%s skeleton: “un référent par partie”, and “les rubriques facultatives sont nommées en commentaire”', (id) => {
    const folder = temporaryFolder();
    expect(runCli(['init', id, '-o', join(folder, 's.yaml')]).status).toBe(0);
    const text = readFileSync(join(folder, 's.yaml'), 'utf8');
    const skeleton = parse(text) as { parties: { role: string }[]; referents: { partie: string }[] };
    expect(skeleton.referents.map((r) => r.partie).sort()).toEqual(skeleton.parties.map((p) => p.role).sort());
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', `${id}.schema.json`), 'utf8')) as { properties: Record<string, unknown>; required: string[] };
    const comments = text
      .split('\n')
      .filter((line) => line.trimStart().startsWith('#'))
      .join('\n');
    for (const key of Object.keys(schema.properties).filter((k) => !schema.required.includes(k) && !(k in skeleton) && k !== '$schema')) {
      expect(`${key} : ${comments.includes(key) ? 'nommée' : 'absente'}`).toBe(`${key} : nommée`);
    }
  });

  test('the wizard asks “le type (avec la description de convention types), puis chaque rubrique du schéma du type, dans l’ordre — le titre français comme question, la description comme aide”', async () => {
    const convention = parse(MAROLLES) as Record<string, unknown>;
    const prompts = scriptedPrompts(answersFrom(convention));
    const folder = temporaryFolder();
    const silence = silenced();
    try {
      expect(await newCommand({ output: join(folder, 'w.yaml'), avance: true }, { prompts })).toBe(0);
    } finally {
      silence.restore();
    }
    const typeQuestion = prompts.asked.find((q) => q.path === 'type')!;
    expect(typeQuestion.choices!.map((c) => c.name)).toEqual(defaultRegistry().types.map((t) => `${t.id} — ${t.description}`));
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'locale-ccas.schema.json'), 'utf8')) as {
      properties: Record<string, { title?: string; description?: string }>;
    };
    const order = Object.keys(schema.properties);
    const topLevel = [...new Set(prompts.asked.map((q) => /^\/([^/]+)/.exec(q.path)?.[1]).filter((k): k is string => k !== undefined))];
    expect(topLevel).toEqual([...topLevel].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    const modele = prompts.asked.find((q) => q.path === '/modele')!;
    expect([modele.message, modele.help]).toEqual([schema.properties.modele!.title, schema.properties.modele!.description]);
  });

  test('the wizard: “une liste s’allonge élément par élément (« Ajouter un autre élément ? (o/N) »)”, “Une valeur facultative … est demandée directement, marquée « (facultatif, Entrée pour passer) »”, “seuls les groupes facultatifs … sont d’abord proposés (« Renseigner … ? »)”', async () => {
    const convention = parse(MAROLLES) as Record<string, unknown>;
    const prompts = scriptedPrompts(answersFrom(convention));
    const silence = silenced();
    try {
      expect(await newCommand({ type: 'locale-ccas', output: join(temporaryFolder(), 'w.yaml') }, { prompts })).toBe(0);
    } finally {
      silence.restore();
    }
    const more = prompts.asked.filter((q) => q.message.startsWith('Ajouter un autre élément à « Référents »'));
    expect(more.length).toBe((convention.referents as unknown[]).length);
    expect(more.every((q) => q.type === 'confirm' && q.default === false)).toBe(true);
    const optional = prompts.asked.filter((q) => /^Renseigner « .+ » \?$/.test(q.message));
    expect(optional.length).toBeGreaterThan(0);
    // Only groups (a block of rubriques, a list) are offered first; values are asked directly.
    expect(optional.every((q) => q.type === 'confirm' && q.kind === 'include')).toBe(true);
    const values = prompts.asked.filter((q) => q.message.endsWith('(facultatif, Entrée pour passer)'));
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((q) => q.type === 'input')).toBe(true);
  });
});

describe('exit codes', () => {
  test('“2 : erreur d’usage … option inconnue”, in French, for each command', () => {
    for (const command of ['render', 'validate', 'types', 'schema', 'init', 'new']) {
      const run = runCli([command, '--inconnue']);
      expect([command, run.status]).toEqual([command, 2]);
      expect(run.stderr).toContain('option inconnue « --inconnue »');
    }
  });
});

describe('batches', () => {
  (script ? test : test.skip)('“une barre de progression remplace les lignes de succès dans un terminal”, and the Bilan still closes the batch', () => {
    const out = join(temporaryFolder(), 'out') + '/';
    const screen = inTerminal(['render', EXAMPLES, '-o', out], ROOT, { NO_COLOR: '1' });
    expect(screen).not.toContain('✓');
    expect(screen).toMatch(/100 %/);
    expect(screen).toMatch(new RegExp(`Bilan : ${examples.length} conventions rendues, 0 en échec`));
    expect(existsSync(out)).toBe(true);
  });
});

describe('the engine', () => {
  test('“Le moteur ne fait aucun affichage”: nothing in src/core (nor the server, src/server) prints or exits', () => {
    const offenders: string[] = [];
    for (const folder of ['core', 'server']) {
      const sources = readdirSync(join(ROOT, 'src', folder), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
      for (const file of sources) {
        const code = readFileSync(join(ROOT, 'src', folder, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        for (const [call] of code.matchAll(/\bconsole\.\w+|\bprocess\.(?:stdout|stderr)\b|\bprocess\.exit\b/g)) offenders.push(`src/${folder}/${file}: ${call}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

/** Keeps the in-process command's lines out of the test output. */
function silenced(): { restore(): void } {
  const { log, error } = console;
  console.log = () => undefined;
  console.error = () => undefined;
  return {
    restore() {
      console.log = log;
      console.error = error;
    },
  };
}
