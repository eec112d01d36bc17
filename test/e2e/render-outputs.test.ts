/**
 * What `render` writes, with the real bin: outputs planned and checked before anything is written
 * (collisions, sources, folders, pipes and devices, `-`), a convention's files written all or none
 * (PDFs included, with a stand-in LibreOffice), batches stopped by SIGINT or SIGTERM leaving whole
 * sets and no temporary file, and `--jobs` bounded by the cores.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BIN, EXAMPLES, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const marolles = readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8');
/** The example with a separate annex (montbrison-annexe-6.docx). */
const montbrison = readFileSync(join(EXAMPLES, 'locale-ccas-montbrison.yaml'), 'utf8');

/** A folder holding the files given (name → text). */
function folderWith(files: Record<string, string>): string {
  const folder = temporaryFolder();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

const listing = (folder: string) => readdirSync(folder).sort();

describe('render: outputs checked before anything is written (exit 2)', () => {
  test('-o naming the input is refused, even with --force: the YAML stays', () => {
    const folder = folderWith({ 'a.yaml': marolles });
    const run = runCli(['render', 'a.yaml', '-o', 'a.yaml', '--force'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("convention : a.yaml : c'est le fichier source a.yaml ; le rendre l'écraserait. Choisissez une autre sortie (-o).\n");
    expect(readFileSync(join(folder, 'a.yaml'), 'utf8')).toBe(marolles);
    expect(listing(folder)).toEqual(['a.yaml']);
  });

  test('an output that is the input through a link (hard or symbolic) is refused too', () => {
    const folder = folderWith({ 'a.yaml': marolles, 'b.yaml': marolles });
    linkSync(join(folder, 'a.yaml'), join(folder, 'a.docx'));
    symlinkSync('b.yaml', join(folder, 'b.docx'));
    for (const name of ['a', 'b']) {
      const run = runCli(['render', `${name}.yaml`, '--force'], folder);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`${name}.docx : c'est le fichier source ${name}.yaml`);
      expect(readFileSync(join(folder, `${name}.yaml`), 'utf8')).toBe(marolles);
    }
    expect(readlinkSync(join(folder, 'b.docx'))).toBe('b.yaml');
  });

  test('-o must name a .docx (a DOCX named .pdf is refused)', () => {
    const folder = folderWith({ 'a.yaml': marolles });
    for (const name of ['x.pdf', 'x']) {
      const run = runCli(['render', 'a.yaml', '-o', name], folder);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`${name} : le document écrit est un DOCX ; donnez à -o un nom qui se termine par .docx`);
    }
    expect(listing(folder)).toEqual(['a.yaml']);
  });

  test('- is neither the standard input nor the standard output: refused with what to do instead', () => {
    const folder = folderWith({ 'a.yaml': marolles });
    const out = runCli(['render', 'a.yaml', '-o', '-'], folder);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("-o - : render n'écrit pas sur la sortie standard");
    const input = runCli(['render', '-'], folder);
    expect(input.status).toBe(2);
    expect(input.stderr).toContain("« - » : render ne lit pas l'entrée standard");
    expect(listing(folder)).toEqual(['a.yaml']);
  });

  test('-o one.docx with two conventions is refused (no folder named one.docx)', () => {
    const folder = folderWith({ 'a.yaml': marolles, 'b.yaml': montbrison });
    const run = runCli(['render', 'a.yaml', 'b.yaml', '-o', 'one.docx'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('one.docx : 2 conventions à rendre ; -o désigne alors un dossier');
    expect(listing(folder)).toEqual(['a.yaml', 'b.yaml']);
  });

  test('two conventions giving the same file are refused, even with --force: a.yaml and a.yml', () => {
    const folder = folderWith({ 'a.yaml': marolles, 'a.yml': montbrison });
    const run = runCli(['render', '.', '--force'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('convention : a.yaml et a.yml donneraient le même fichier a.docx : renommez l\'un des deux, ou rendez-les séparément.\n');
    expect(listing(folder)).toEqual(['a.yaml', 'a.yml']);
  });

  test("a convention named like another's separate annex is refused: m-annexe-6.yaml beside m.yaml", () => {
    const folder = folderWith({ 'm.yaml': montbrison, 'm-annexe-6.yaml': marolles });
    const out = join(folder, 'out') + '/';
    const run = runCli(['render', 'm.yaml', 'm-annexe-6.yaml', '-o', out, '--force'], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`m-annexe-6.yaml donnerait ${out}m-annexe-6.docx, nom réservé aux annexes séparées de ${out}m.docx (m.yaml)`);
    // Not even the output folder is created.
    expect(listing(folder)).toEqual(['m-annexe-6.yaml', 'm.yaml']);
  });

  test('a named pipe or a character device at the output is never replaced, even with --force', () => {
    const folder = folderWith({ 'a.yaml': marolles, 'b.yaml': marolles });
    expect(spawnSync('mkfifo', [join(folder, 'a.docx')]).status).toBe(0);
    symlinkSync('/dev/null', join(folder, 'b.docx'));
    for (const name of ['a', 'b']) {
      const run = runCli(['render', `${name}.yaml`, '--force'], folder);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`${name}.docx n'est pas un fichier ordinaire (tube nommé, périphérique…) : rien n'y est écrit, même avec --force.`);
    }
    expect(lstatSync(join(folder, 'a.docx')).isFIFO()).toBe(true);
    expect(readlinkSync(join(folder, 'b.docx'))).toBe('/dev/null');
  });
});

test('a temporary file left by a killed render is removed by the next one, never taken for an output', () => {
  const folder = folderWith({ 'a.yaml': marolles });
  // A process that has ended: its id is free (a temporary file of a running one stays).
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  const stale = `.a.docx.${dead}-0123abcd.convention-tmp`;
  const living = `.a.docx.${process.pid}-0123abcd.convention-tmp`;
  writeFileSync(join(folder, stale), 'à moitié');
  writeFileSync(join(folder, living), 'en cours');
  const run = runCli(['render', 'a.yaml'], folder);
  expect(run.status).toBe(0);
  expect(listing(folder)).toEqual([living, 'a.docx', 'a.yaml'].sort());
});

describe('--pdf with a stand-in LibreOffice (a script named soffice on the PATH)', () => {
  const bin = temporaryFolder();
  // Writes a one-line PDF where LibreOffice would, or (FAKE_SOFFICE=hang) waits, its id in a file.
  writeFileSync(
    join(bin, 'soffice'),
    `#!/bin/sh
[ -n "$FAKE_SOFFICE_PIDFILE" ] && echo $$ > "$FAKE_SOFFICE_PIDFILE"
outdir=""; input=""
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) outdir="$2"; shift ;;
    -*) ;;
    *) input="$1" ;;
  esac
  shift
done
if [ "$FAKE_SOFFICE" = hang ]; then sleep 600; exit 0; fi
printf '%%PDF-1.4\\n' > "$outdir/$(basename "$input" .docx).pdf"
`,
  );
  chmodSync(join(bin, 'soffice'), 0o755);
  const env = (extra: Record<string, string> = {}) => ({ PATH: `${bin}:${process.env.PATH}`, ...extra });
  const isRunning = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  test('a convention with a separate annex: two DOCX and their two PDFs', () => {
    const folder = folderWith({ 'm.yaml': montbrison });
    const run = runCli(['render', 'm.yaml', '--pdf'], folder, env());
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('✓ m.yaml → m.docx, m-annexe-6.docx, m.pdf, m-annexe-6.pdf\n');
    for (const pdf of ['m.pdf', 'm-annexe-6.pdf']) expect(readFileSync(join(folder, pdf), 'utf8')).toBe('%PDF-1.4\n');
  });

  test('an existing PDF without --force: none of the convention’s files is written', () => {
    const folder = folderWith({ 'm.yaml': montbrison, 'm-annexe-6.pdf': 'ancien' });
    const run = runCli(['render', 'm.yaml', '--pdf'], folder, env());
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('✗ m-annexe-6.pdf existe déjà ; ajoutez --force pour le remplacer.\n');
    expect(listing(folder)).toEqual(['m-annexe-6.pdf', 'm.yaml']);
    expect(readFileSync(join(folder, 'm-annexe-6.pdf'), 'utf8')).toBe('ancien');
  });

  test('a conversion that hangs is stopped at --pdf-timeout: nothing written, no LibreOffice nor folder left', () => {
    const folder = folderWith({ 'a.yaml': marolles });
    const tmp = temporaryFolder();
    const pidFile = join(tmp, 'soffice.pid');
    const run = runCli(['render', 'a.yaml', '--pdf', '--pdf-timeout', '1'], folder, env({ FAKE_SOFFICE: 'hang', FAKE_SOFFICE_PIDFILE: pidFile, TMPDIR: tmp }));
    expect(run.status).toBe(2);
    expect(run.stdout).toContain("a.docx : LibreOffice n'a pas converti le document en PDF dans le délai de 1 s ; arrêté, aucun fichier de cette convention n'est écrit");
    expect(listing(folder)).toEqual(['a.yaml']);
    expect(isRunning(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    expect(listing(tmp)).toEqual(['soffice.pid']);
  });

  test.each(['SIGINT', 'SIGTERM'] as const)('%s during a conversion: exit 130, no LibreOffice nor folder left, nothing written', async (signal) => {
    const folder = folderWith({ 'a.yaml': marolles });
    const tmp = temporaryFolder();
    const pidFile = join(tmp, 'soffice.pid');
    const child = spawn(process.execPath, [BIN, 'render', 'a.yaml', '--pdf'], {
      cwd: folder,
      env: { ...process.env, ...env({ FAKE_SOFFICE: 'hang', FAKE_SOFFICE_PIDFILE: pidFile, TMPDIR: tmp }), NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill(signal);
    expect(await closed).toBe(130);
    expect(stderr).toContain(`interrompu (${signal}) : 1 convention non traitée ; aucun fichier à moitié écrit.`);
    expect(listing(folder)).toEqual(['a.yaml']);
    expect(isRunning(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
    expect(listing(tmp)).toEqual(['soffice.pid']);
  });
});

describe('an interrupted batch leaves whole sets and no temporary file (exit 130)', () => {
  // 120 conventions (the examples twenty times): still rendering when the first line comes out.
  const input = temporaryFolder();
  for (let copy = 0; copy < 20; copy++) {
    for (const example of examples) writeFileSync(join(input, `${String(copy).padStart(2, '0')}-${example}`), readFileSync(join(EXAMPLES, example)));
  }

  test.each([
    ['SIGINT', '1'],
    ['SIGTERM', '2'],
    ['SIGINT', '2'],
    ['SIGTERM', '1'],
  ] as const)('%s with --jobs %s', async (signal, jobs) => {
    const out = join(temporaryFolder(), 'out');
    const child = spawn(process.execPath, [BIN, 'render', input, '-o', out + '/', '--jobs', jobs], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!signalled && stdout.includes('✓')) {
        signalled = true;
        child.kill(signal);
      }
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(130);
    expect(stderr).toMatch(new RegExp(`^✗ interrompu \\(${signal}\\) : \\d+ conventions? non traitées? ; aucun fichier à moitié écrit\\.\\n$`));
    expect(stdout).toMatch(/^Bilan : \d+ conventions? rendues?, 0 en échec, \d+ non traitées?, en \d+,\d s/m);
    // Every file written was reported, every file reported is there, sets are whole, nothing temporary.
    const reported = stdout
      .split('\n')
      .filter((line) => line.startsWith('✓'))
      .flatMap((line) => line.split(' → ')[1]!.split(', '));
    expect(reported.length).toBeGreaterThan(0);
    expect(readdirSync(out).sort()).toEqual(reported.map((path) => path.slice(out.length + 1)).sort());
    for (const docx of reported.filter((path) => /montbrison\.docx$/.test(path))) expect(reported).toContain(docx.replace(/\.docx$/, '-annexe-6.docx'));
  });
});

describe('render --jobs', () => {
  test('more threads than cores are brought down to the cores, which is said', () => {
    const cores = availableParallelism();
    const out = join(temporaryFolder(), 'out') + '/';
    const run = runCli(['render', EXAMPLES, '-o', out, '--jobs', String(cores + 3)]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`--jobs ${cores + 3} ramené à ${cores} : la machine a ${cores === 1 ? 'un cœur disponible' : `${cores} cœurs disponibles`}`);
    expect(run.stdout).toContain(`Bilan : ${examples.length} conventions rendues, 0 en échec`);
  });

  test('a list item holding a 1 MB string does not stop the batch: every convention rendered, the summary printed', () => {
    const folder = folderWith(Object.fromEntries(examples.map((example) => [example, readFileSync(join(EXAMPLES, example), 'utf8')])));
    const long = 'Centre social '.repeat(75000);
    writeFileSync(join(folder, 'zz-long.yaml'), marolles.replace('denominations: [CCAS]', `denominations: [CCAS, "${long}"]`));
    const out = join(temporaryFolder(), 'out') + '/';
    const run = runCli(['render', folder, '-o', out, '--jobs', '2']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Bilan : ${examples.length + 1} conventions rendues, 0 en échec`);
    expect(existsSync(join(out, 'zz-long.docx'))).toBe(true);
  });
});
