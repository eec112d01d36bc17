/**
 * Hostile and broken inputs through the real bin: each gets its documented exit code and a French
 * message, never a stack trace, never a corrupt or half-written file.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_SYNTAX_ELEMENTS, parseConvention } from '../../src/core/load.js';
import { MAX_PROBLEMS_PER_FILE } from '../../src/core/problem.js';
import { buildDocument } from '../../src/core/pipeline.js';
import { validateConvention } from '../../src/core/validate.js';
import { BIN, EXAMPLES, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const EXAMPLE = readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8');

function fileWith(name: string, content: string | Buffer): { folder: string; file: string } {
  const folder = temporaryFolder();
  const file = join(folder, name);
  writeFileSync(file, content);
  return { folder, file };
}

function expectNoStack(output: string): void {
  expect(output).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  expect(output).not.toContain('erreur interne');
}

describe('hostile inputs (real bin)', () => {
  test.each([
    ['binary garbage', 2, 'pas en UTF-8', Buffer.from([0xff, 0xfe, 0x00, 0x9c, 0x80, 0xc3, 0x28, 0x00, 0x01])],
    ['Latin-1 text', 2, 'pas en UTF-8', Buffer.from('nom: Cr\xe9teil\n', 'latin1')],
    ['an empty file', 1, 'Le fichier est vide', ''],
    ['a list as root', 1, 'rubriques « clé: valeur »', '- a\n- b\n'],
    ['duplicate keys', 1, 'Clé en double', EXAMPLE.replace('modele: departemental', 'modele: departemental\nmodele: unccas-2022')],
    ['tabs as indentation', 1, 'Tabulation', EXAMPLE.replace('    genre: masculin', '\tgenre: masculin')],
    ['a control character', 1, 'caractère de contrôle invisible (U+0007', EXAMPLE.replace('prenom: Georges', 'prenom: "Geo\\u0007rges"')],
  ])('%s → exit %i, French message, nothing written', (_name, status, message, content) => {
    const { folder, file } = fileWith('entree.yaml', content);
    const run = runCli(['render', file]);
    expect(run.status).toBe(status);
    expect(run.stdout).toContain(message);
    expectNoStack(run.stdout);
    expect(readdirSync(folder)).toEqual(['entree.yaml']);
  });

  test('a UTF-8 BOM and CRLF line ends are accepted, and positions stay right', () => {
    const { file } = fileWith('bom-crlf.yaml', '\uFEFF' + EXAMPLE.replace(/\n/g, '\r\n'));
    expect(runCli(['validate', file]).status).toBe(0);
    const broken = fileWith('crlf.yaml', EXAMPLE.replace('code_postal: "91630"', 'code_postal: "9163"').replace(/\n/g, '\r\n'));
    const run = runCli(['validate', broken.file]);
    expect(run.status).toBe(1);
    const line = EXAMPLE.split('\n').findIndex((l) => l.includes('code_postal: "91630"')) + 1;
    expect(run.stdout).toContain(`${broken.file}:${line}:20  erreur  format-invalide`);
  });

  test('a 50 MB file is refused before being read (exit 2)', () => {
    const folder = temporaryFolder();
    const file = join(folder, 'enorme.yaml');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const run = runCli(['validate', file]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('fichier trop volumineux (50,0 Mo');
  });

  test('an alias bomb is refused (exit 1)', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) rows.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10).fill('*' + 'abcdefghi'[i - 1]).join(', ')}]`);
    const { file } = fileWith('bombe.yaml', rows.join('\n') + '\n');
    const run = runCli(['validate', file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('alias-excessifs');
  });

  test('a 1 MB value and 10 000 referents render (exit 0)', () => {
    const big = fileWith('grand.yaml', EXAMPLE.replace('qualite: Maire de Marolles-en-Hurepoix', `qualite: ${'A'.repeat(1_000_000)}`));
    expect(runCli(['render', big.file]).status).toBe(0);
    const items = Array.from({ length: 10_000 }, (_, i) => `  - partie: cpam\n    fonction: référent ${i}\n`).join('');
    const many = fileWith('nombreux.yaml', EXAMPLE.replace('referents:\n', `referents:\n${items}`));
    expect(runCli(['render', many.file]).status).toBe(0);
    expect(existsSync(many.file.replace('.yaml', '.docx'))).toBe(true);
  });

  test('emoji, right-to-left text, Markdown, Handlebars and XML in values are printed literally', () => {
    const { file } = fileWith(
      'texte.yaml',
      EXAMPLE.replace('prenom: Georges', 'prenom: "Georges 🏥 جورج **{{x}}** <w:t>"'),
    );
    const run = runCli(['render', file]);
    expect(run.status).toBe(0);
  });

  test('a batch goes on past a bad file and exits 1 at the end', () => {
    const folder = temporaryFolder();
    writeFileSync(join(folder, 'a-invalide.yaml'), EXAMPLE.replace('type: locale-ccas', 'type: inconnu'));
    writeFileSync(join(folder, 'b-valide.yaml'), EXAMPLE);
    const run = runCli(['render', folder]);
    expect(run.status).toBe(1);
    expect(existsSync(join(folder, 'b-valide.docx'))).toBe(true);
    expect(existsSync(join(folder, 'a-invalide.docx'))).toBe(false);
  });

  test('output errors: a path under a file, a missing folder (exit 2, nothing left behind)', () => {
    const { folder, file } = fileWith('ok.yaml', EXAMPLE);
    const underFile = runCli(['render', file, '-o', join(file, 'x.docx')]);
    expect(underFile.status).toBe(2);
    expectNoStack(underFile.stdout);
    const missing = runCli(['render', file, '-o', join(folder, 'absent', 'x.docx')]);
    expect(missing.status).toBe(2);
    // Refused by the plan, before any work: on stderr, as usage errors are.
    expect(missing.stderr).toContain("n'existe pas");
    expect(readdirSync(folder)).toEqual(['ok.yaml']);
  });

  test('template overlays: a partial outside the template folders is not reachable (exit 2)', () => {
    const overlay = temporaryFolder();
    mkdirSync(join(overlay, 'common'));
    writeFileSync(join(overlay, 'common', 'document.md.hbs'), '{{> ../../../etc/passwd}}\n');
    const { folder, file } = fileWith('ok.yaml', EXAMPLE);
    const run = runCli(['render', file, '--templates', overlay]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('erreur de gabarit');
    expectNoStack(run.stdout);
    expect(readdirSync(folder)).toEqual(['ok.yaml']);
  });
});

describe('prototype pollution', () => {
  test('__proto__, constructor and prototype keys pollute nothing', async () => {
    const text = EXAMPLE.replace(
      'type: locale-ccas',
      'type: locale-ccas\n__proto__:\n  polluted: oui\nconstructor:\n  prototype:\n    polluted: oui',
    ).replace('  - role: ccas\n', '  - role: ccas\n    __proto__: { polluted: oui }\n');
    const parsed = parseConvention(text, 'pollution.yaml');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const problems = await validateConvention(parsed.value);
    expect(problems.map((p) => p.code)).toContain('champ-inconnu');
    const clean = parseConvention(EXAMPLE.replace('type: locale-ccas', 'type: locale-ccas'), 'x.yaml');
    if (clean.ok) await buildDocument(clean.value);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('only regular files are read, within the size limit (real bin)', () => {
  // FIFOs are made by mkfifo(1): Node has no API for them. Without it (Windows), these cases do not apply.
  const canMakeFifo = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0;
  const fifoTest = canMakeFifo ? test : test.skip;
  const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);

  fifoTest('a FIFO given as input is refused at once (exit 2), the other files are still validated', () => {
    const folder = temporaryFolder();
    const fifo = join(folder, 'tube.yaml');
    mkfifo(fifo);
    writeFileSync(join(folder, 'ok.yaml'), EXAMPLE);
    const run = runCli(['validate', fifo, join(folder, 'ok.yaml')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(`${fifo} : c'est un tube nommé (FIFO), pas un fichier ordinaire`);
    expect(run.stdout).toContain('ok.yaml : convention valide');
    expectNoStack(run.stdout);
  });

  fifoTest('a FIFO named *.yaml in an input folder is not a convention: the batch goes on without it', () => {
    const folder = temporaryFolder();
    mkfifo(join(folder, 'a-tube.yaml'));
    writeFileSync(join(folder, 'b-ok.yaml'), EXAMPLE);
    const validate = runCli(['validate', folder]);
    expect(validate.status).toBe(0);
    expect(validate.stdout).toContain('b-ok.yaml : convention valide');
    const render = runCli(['render', folder]);
    expect(render.status).toBe(0);
    expect(existsSync(join(folder, 'b-ok.docx'))).toBe(true);
    expect(existsSync(join(folder, 'a-tube.docx'))).toBe(false);
  });

  fifoTest('a FIFO in a --templates folder is refused (exit 2, French message naming it), nothing written', () => {
    const overlay = temporaryFolder();
    mkdirSync(join(overlay, 'common'));
    mkfifo(join(overlay, 'common', 'document.md.hbs'));
    const { folder, file } = fileWith('ok.yaml', EXAMPLE);
    const run = runCli(['render', file, '--templates', overlay]);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(`${join(overlay, 'common', 'document.md.hbs')} : c'est un tube nommé (FIFO), pas un fichier`);
    expectNoStack(run.stdout);
    expect(readdirSync(folder)).toEqual(['ok.yaml']);
  });

  test.each(['/dev/zero', '/dev/urandom'].filter((device) => existsSync(device)))(
    '%s is refused without being read (exit 2)',
    (device) => {
      const run = runCli(['validate', device]);
      expect(run.status).toBe(2);
      expect(run.stdout).toContain(`${device} : c'est un périphérique, pas un fichier ordinaire`);
      expectNoStack(run.stdout);
    },
  );

  test('an unreadable template is an I/O error naming it (exit 2), not an internal error', () => {
    const overlay = temporaryFolder();
    const template = join(overlay, 'common', 'document.md.hbs');
    mkdirSync(join(overlay, 'common'));
    writeFileSync(template, 'Texte\n');
    chmodSync(template, 0o000);
    const { folder, file } = fileWith('ok.yaml', EXAMPLE);
    // root reads any file: the run is made as an ordinary user, who must be able to reach the folders.
    for (const path of [overlay, join(overlay, 'common'), folder]) chmodSync(path, 0o755);
    const run = runAsUser(['render', file, '--templates', overlay]);
    expect(run.stdout).toContain(`${template} : gabarit illisible (lecture non autorisée)`);
    expect(run.status).toBe(2);
    expectNoStack(run.stdout);
    expect(readdirSync(folder)).toEqual(['ok.yaml']);
  });
});

/** Runs the real bin as an ordinary user: as `nobody` when the tests run as root, for whom every file is readable. */
function runAsUser(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const asRoot = process.getuid?.() === 0;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    timeout: 60000,
    cwd: tmpdir(),
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('messages: what the file says, where it says it, printed safely (real bin)', () => {
  test('a file with CR-only line ends is read line by line, its problems at their line', () => {
    const { file } = fileWith('cr.yaml', EXAMPLE.replace(/\n/g, '\r'));
    expect(runCli(['validate', file]).status).toBe(0);
    const broken = fileWith('cr-invalide.yaml', EXAMPLE.replace('code_postal: "91630"', 'code_postal: "9163"').replace(/\n/g, '\r'));
    const run = runCli(['validate', broken.file]);
    expect(run.status).toBe(1);
    const line = EXAMPLE.split('\n').findIndex((l) => l.includes('code_postal: "91630"')) + 1;
    expect(run.stdout).toContain(`${broken.file}:${line}:20  erreur  format-invalide`);
  });

  test('a value typed in decomposed Unicode (NFD) is the word the schema knows', () => {
    const nfd = 'féminin'.normalize('NFD');
    expect(nfd).not.toBe('féminin');
    const { file } = fileWith('nfd.yaml', EXAMPLE.replace('genre: féminin', `genre: ${nfd}`));
    const run = runCli(['validate', file]);
    expect(run.stdout).not.toContain('Vouliez-vous dire');
    expect(run.status).toBe(0);
  });

  test('a hundred and twenty ordinary aliases are accepted', () => {
    const uses = Array.from({ length: 120 }, (_, i) => `  - partie: *caisse\n    fonction: *fonction\n    courriel: partenariat-${i}@exemple.fr\n`).join('');
    const text = EXAMPLE.replace('  - role: cpam\n', '  - role: &caisse cpam\n')
      .replace('    fonction: le responsable du pôle précarité\n', '    fonction: &fonction le responsable du pôle précarité\n')
      .replace('referents:\n', `referents:\n`)
      .replace(/(referents:\n(?:  .*\n)+)/, `$1${uses}`);
    expect(text.match(/\*caisse/g)).toHaveLength(120);
    const { file } = fileWith('alias.yaml', text);
    const run = runCli(['validate', file]);
    expect(run.stdout).not.toContain('alias-excessifs');
    expect(run.status).toBe(0);
  });

  test('a list as a key: a French problem at its line, nothing printed by the YAML library', () => {
    const { file } = fileWith('cle.yaml', EXAMPLE.replace('modele: departemental\n', 'modele: departemental\n? [a, b]\n: 1\n'));
    const run = runCli(['validate', file]);
    expect(run.status).toBe(1);
    const line = EXAMPLE.split('\n').indexOf('modele: departemental') + 2;
    expect(run.stdout).toContain(`${file}:${line}:3  erreur  cle-invalide`);
    expect(run.stderr).toBe('');
  });

  test('an unknown tag is refused, never printed as text in a document', () => {
    const { folder, file } = fileWith('etiquette.yaml', EXAMPLE.replace('  lieu: Évry-Courcouronnes', '  lieu: !!js/function "function(){return 1}"'));
    const run = runCli(['render', file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('etiquette-inconnue');
    expect(readdirSync(folder)).toEqual(['etiquette.yaml']);
  });

  /** Escape (CSI colour, OSC title and OSC 8 link), bell, a bidirectional override. */
  const HOSTILE_TEXT = '\u001b[31mrouge\u001b]0;titre\u0007\u001b]8;;https://x.test\u0007lien\u202e';
  const hasRawControl = (text: string) => /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/.test(text);

  test('control characters of a value or a source line are shown, never sent to the terminal', () => {
    const value = JSON.stringify(HOSTILE_TEXT); // a double-quoted YAML string holding the characters
    // The value, quoted by the message; the raw characters, in a comment of the line shown.
    const { folder, file } = fileWith('echap.yaml', EXAMPLE.replace('modele: departemental', `modele: ${value} # ${HOSTILE_TEXT}`));
    for (const format of ['text', 'github']) {
      const run = runCli(['validate', file, '--format', format]);
      expect(run.status).toBe(1);
      expect(run.stdout).toContain('valeur-inconnue');
      expect(run.stdout).toContain('\\u{1b}[31mrouge\\u{1b}]0;titre\\u{7}');
      expect(hasRawControl(run.stdout + run.stderr)).toBe(false);
    }
    const json = runCli(['validate', file, '--format', 'json']);
    expect(json.stdout).toContain('\\u001b[31mrouge\\u001b]0;titre\\u0007');
    expect(json.stdout).toContain('\\u202e');
    expect(hasRawControl(json.stdout)).toBe(false);
    expect((JSON.parse(json.stdout) as { message: string }[])[0]!.message).toContain(HOSTILE_TEXT);
    const render = runCli(['render', file]);
    expect(render.status).toBe(1);
    expect(render.stdout).toContain('\\u{202e}');
    expect(hasRawControl(render.stdout + render.stderr)).toBe(false);
    expect(readdirSync(folder)).toEqual(['echap.yaml']);
  });

  test('control characters of a file name are shown, never sent to the terminal', () => {
    const folder = temporaryFolder();
    const file = join(folder, 'a\u001b]0;titre\u0007.yaml');
    writeFileSync(file, EXAMPLE.replace('modele: departemental', 'modele: departementale'));
    for (const args of [['validate', file], ['validate', file, '--format', 'github'], ['render', file], ['validate', join(folder, 'absent\u001b[2J.yaml')]]) {
      const run = runCli(args);
      expect(run.stdout + run.stderr).toContain('\\u{1b}');
      expect(hasRawControl(run.stdout + run.stderr)).toBe(false);
    }
  });
});

describe('cost bounded by the size of the input, output by a number of problems (real bin)', () => {
  test(`at most ${MAX_PROBLEMS_PER_FILE} problems per file, then one line counting the others, in every format`, () => {
    const extra = MAX_PROBLEMS_PER_FILE + 25;
    const keys = Array.from({ length: extra }, (_, i) => `inconnue_${i}: x\n`).join('');
    const { file } = fileWith('nombreux.yaml', EXAMPLE.replace('modele: departemental\n', `modele: departemental\n${keys}`));
    const others = `… et ${extra - MAX_PROBLEMS_PER_FILE} autres problèmes, non affichés`;

    const text = runCli(['validate', file]);
    expect(text.status).toBe(1);
    expect(text.stdout.match(/ {2}erreur {2}champ-inconnu /g)).toHaveLength(MAX_PROBLEMS_PER_FILE);
    expect(text.stdout).toContain(`${file}  erreur  autres-problemes  ${others}`);

    const json = runCli(['validate', file, '--format', 'json']);
    const problems = JSON.parse(json.stdout) as { code: string; message: string }[];
    expect(problems).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(problems.at(-1)).toMatchObject({ code: 'autres-problemes', line: 0 });
    expect(problems.at(-1)!.message).toContain(others);

    const github = runCli(['validate', file, '--format', 'github']);
    expect(github.stdout.trim().split('\n')).toHaveLength(MAX_PROBLEMS_PER_FILE + 1);
    expect(github.stdout).toContain(`::error file=${file},title=autres-problemes::${others}`);

    const render = runCli(['render', file]);
    expect(render.status).toBe(1);
    expect(render.stdout).toContain(others);
  });

  test('a file with more YAML elements than a convention could hold is refused before parsing', () => {
    // Each line `- x` is four elements (dash, space, value, line end): the limit is passed half-way.
    const lines = MAX_SYNTAX_ELEMENTS / 2;
    const { file } = fileWith('liste.yaml', '- x\n'.repeat(lines));
    const run = runCli(['validate', file]);
    expect(run.status).toBe(1);
    const [, line] = /:(\d+):1 {2}erreur {2}structure-trop-grande /.exec(run.stdout) ?? [];
    expect(Number(line)).toBeGreaterThan(lines / 3);
    expect(Number(line)).toBeLessThan(lines / 1.5);
  });
});
