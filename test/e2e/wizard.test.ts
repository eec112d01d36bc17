import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { newCommand } from '../../src/cli/new-command.js';
import { defaultRegistry } from '../../src/core/registry.js';
import { draftText } from '../../src/wizard/draft.js';
import { answersFrom, scriptedPrompts } from '../../src/wizard/scripted-prompts.js';
import { formOf } from '../../src/wizard/type-form.js';
import { BIN, EXAMPLES, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { fillSkeleton } from '../support/skeleton-fill.js';

const MARKER = 'À COMPLÉTER';
const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));

describe('convention new (real bin)', () => {
  test('without a terminal on stdin it does not wait: exit 2, pointing to convention init', () => {
    const folder = temporaryFolder();
    const run = runCli(['new', '-o', join(folder, 'x.yaml')], folder);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('convention init');
    expect(run.stdout).toBe('');
    expect(readdirSync(folder)).toEqual([]);
  });

  test.each(examples)('the wizard answered like %s writes a YAML that validate accepts and render turns into a DOCX', async (example) => {
    const folder = temporaryFolder();
    const output = join(folder, example);
    const convention = parse(readFileSync(join(EXAMPLES, example), 'utf8')) as Record<string, unknown>;
    const log = jest_silence();
    try {
      expect(await newCommand({ output, avance: true }, { prompts: scriptedPrompts(answersFrom(convention)) })).toBe(0);
    } finally {
      log.restore();
    }
    expect(readFileSync(output, 'utf8')).toMatch(/^# yaml-language-server: \$schema=/);
    const validate = runCli(['validate', output]);
    expect(validate.stderr).toBe('');
    expect(validate.status).toBe(0);
    const docx = join(folder, 'out.docx');
    const render = runCli(['render', output, '-o', docx]);
    expect(render.status).toBe(0);
    expect(statSync(docx).size).toBeGreaterThan(5000);
  });

  const script = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  (script ? test : test.skip)('Ctrl-C in a real terminal leaves no file and exits 130 with one line', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'w.yaml');
    // `script` gives the bin a pseudo-terminal; ^C typed there interrupts the prompt.
    const child = spawn('script', ['-qec', `"${process.execPath}" "${BIN}" new --type locale-ccas -o "${output}"`, '/dev/null'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let text = '';
    let interrupted = false;
    child.stdin.on('error', () => undefined);
    const sent = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (!interrupted && text.includes('Modèle de rédaction')) {
          interrupted = true;
          child.stdin.write('\x03');
          resolve();
        }
      });
    });
    const timer = setTimeout(() => child.kill(), 20000);
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    clearTimeout(timer);
    expect(interrupted).toBe(true);
    await sent;
    expect(status).toBe(130);
    expect(text.match(/Interrompu : aucun fichier écrit\./g)).toHaveLength(1);
    expect(readdirSync(folder)).toEqual([]);
  });
});

// A list prompt hides the terminal's cursor; SIGTERM (kill, a closing session manager) and SIGHUP
// (the terminal closed) used to end the process before inquirer could show it again.
(spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0 ? test.each : test.skip.each)(['SIGTERM', 'SIGHUP'] as const)(
  '%s in a real terminal shows the cursor again, leaves no file and exits 130',
  async (signal) => {
    const folder = temporaryFolder();
    const output = join(folder, 'w.yaml');
    // The shell prints its pid, then becomes the bin (exec): the signal goes to the bin itself.
    const command = `echo "PID=$$"; exec "${process.execPath}" "${BIN}" new --type locale-ccas -o "${output}"`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, NO_COLOR: '1' } });
    let text = '';
    let sent = false;
    child.stdin.on('error', () => undefined);
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const pid = /PID=(\d+)/.exec(text)?.[1];
      // « Modèle de rédaction » is a list: its cursor is hidden while it waits.
      if (!sent && pid && text.includes('Modèle de rédaction') && text.includes(HIDE_CURSOR)) {
        sent = true;
        process.kill(Number(pid), signal);
      }
    });
    const timer = setTimeout(() => child.kill(), 20000);
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    clearTimeout(timer);
    expect(sent).toBe(true);
    expect(text.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(text.lastIndexOf(HIDE_CURSOR));
    expect(text.match(/Interrompu : aucun fichier écrit\./g)).toHaveLength(1);
    expect(status).toBe(130);
    expect(readdirSync(folder)).toEqual([]);
  },
);

/**
 * Runs `convention new` in a pseudo-terminal; `steps` are [text awaited on the screen, keys typed or
 * signal sent], in order. Resolves with the exit status and what the terminal showed.
 */
async function drive(
  output: string,
  steps: [string, string | NodeJS.Signals][],
  args = `--type locale-ccas -o "${output}"`,
): Promise<{ status: number | null; text: string; done: number }> {
  const command = `echo "PID=$$"; exec "${process.execPath}" "${BIN}" new ${args}`;
  // No editor: a text of paragraphs is typed line by line in the terminal.
  const { VISUAL: _visual, EDITOR: _editor, ...env } = process.env;
  const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...env, NO_COLOR: '1' } });
  let text = '';
  let done = 0;
  let seen = 0;
  child.stdin.on('error', () => undefined);
  child.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    const pid = /PID=(\d+)/.exec(text)?.[1];
    const step = steps[done];
    if (!pid || !step) return;
    const at = text.indexOf(step[0], seen);
    if (at < 0) return;
    seen = at + step[0].length;
    done++;
    if (step[1].startsWith('SIG')) process.kill(Number(pid), step[1] as NodeJS.Signals);
    else child.stdin.write(step[1]);
  });
  const timer = setTimeout(() => child.kill(), 20000);
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);
  return { status, text, done };
}

// Ctrl-C, SIGTERM and SIGHUP used to throw away every answer given.
(spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0 ? describe : describe.skip)('answers kept on interruption (real terminal)', () => {
  test('Ctrl-C after an answer offers to keep the draft; kept, it names the command that resumes it', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'w.yaml');
    const draft = join(folder, 'w.brouillon.yaml');
    const run = await drive(output, [
      ['Modèle de rédaction', '\r'],
      ['Rôle', '\x03'],
      ['Garder le brouillon', '\r'],
    ]);
    expect(run.done).toBe(3);
    expect(run.status).toBe(130);
    expect(run.text).toContain(`reprenez avec « convention new --reprendre ${draft} »`);
    expect(readdirSync(folder)).toEqual(['w.brouillon.yaml']);
    expect(parse(readFileSync(draft, 'utf8'))).toMatchObject({ type: 'locale-ccas', modele: 'unccas-2022' });
  });

  // Typed line by line (no editor), a text of paragraphs was read outside inquirer: Ctrl-C there
  // ended the wizard at once, keeping the draft without asking.
  test('Ctrl-C while a text of paragraphs is typed line by line asks, like elsewhere, whether to keep the draft', async () => {
    const folder = temporaryFolder();
    const draft = join(folder, 'm.brouillon.yaml');
    const data = parse(readFileSync(join(EXAMPLES, 'locale-ccas-montbrison.yaml'), 'utf8')) as Record<string, unknown>;
    const form = formOf('locale-ccas');
    writeFileSync(draft, draftText(form, data, { schemaPath: 'x', draft, stop: 'value:/engagements/initiatives_locales/actions' }));
    const run = await drive(join(folder, 'm.yaml'), [
      ['Tapez ou collez le texte', 'Une première ligne\r'],
      ['Une première ligne', '\x03'],
      ['Garder le brouillon', 'n\r'],
    ], `--reprendre "${draft}"`);
    expect(run.done).toBe(3);
    expect(run.status).toBe(130);
    expect(run.text).toContain('Interrompu : aucun fichier écrit.');
    expect(readdirSync(folder)).toEqual([]);
  });

  test.each(['SIGTERM', 'SIGHUP'] as const)('%s after an answer keeps the draft without asking, exit 130', async (signal) => {
    const folder = temporaryFolder();
    const output = join(folder, 'w.yaml');
    const run = await drive(output, [
      ['Modèle de rédaction', '\r'],
      ['Rôle', signal],
    ]);
    expect(run.done).toBe(2);
    expect(run.status).toBe(130);
    expect(run.text).not.toContain('Garder le brouillon');
    expect(readdirSync(folder)).toEqual(['w.brouillon.yaml']);
    expect(run.text.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(run.text.lastIndexOf(HIDE_CURSOR));
  });
});

describe('convention init (real bin)', () => {
  test.each(defaultRegistry().types.map((t) => t.id))('%s: a skeleton that fails only on its markers, valid once they are filled in', (typeId) => {
    const folder = temporaryFolder();
    const file = join(folder, `${typeId}.yaml`);
    const init = runCli(['init', typeId, '-o', file]);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(`# yaml-language-server: $schema=`)).toBe(true);

    const before = runCli(['validate', file, '--format', 'json']);
    expect(before.status).toBe(1);
    const problems = JSON.parse(before.stdout) as { code: string }[];
    expect(problems.length).toBeGreaterThan(0);
    expect([...new Set(problems.map((p) => p.code))]).toEqual(['texte-a-completer']);

    const filled = fillSkeleton(text);
    writeFileSync(file, filled);
    const after = runCli(['validate', file]);
    expect(after.stdout + after.stderr).toBe(after.stdout);
    expect(after.status).toBe(0);
  });

  // A skeleton used to carry values that validate (`code_postal: "42027" # À COMPLÉTER`, a date, a
  // civility…): replacing its « À COMPLÉTER » texts was enough to sign a convention with them.
  test.each(defaultRegistry().types.map((t) => t.id))('%s: nothing in a skeleton passes validate until the user has supplied it', (typeId) => {
    const folder = temporaryFolder();
    const file = join(folder, `${typeId}.yaml`);
    expect(runCli(['init', typeId, '-o', file]).status).toBe(0);
    const text = readFileSync(file, 'utf8');
    // No value is given as a mere example to check: every value to supply is « À COMPLÉTER ».
    expect(text).not.toMatch(/# À COMPLÉTER/);

    const problems = JSON.parse(runCli(['validate', file, '--format', 'json']).stdout) as { code: string; path: string; message: string }[];
    const postalCode = problems.find((p) => p.path === '/parties/0/adresse/code_postal');
    expect(postalCode).toMatchObject({ code: 'texte-a-completer' });
    expect(postalCode!.message).toMatch(/« Code postal » est à compléter : remplacez « À COMPLÉTER » par .*cinq chiffres/);
    expect(problems.find((p) => p.path === '/signature/date')!.message).toMatch(/« Date » est à compléter : .*AAAA-MM-JJ/);

    // Every « À COMPLÉTER » replaced by some text, nothing else supplied: still refused.
    writeFileSync(file, text.replaceAll(MARKER, 'Texte'));
    const after = runCli(['validate', file, '--format', 'json']);
    expect(after.status).toBe(1);
    const paths = (JSON.parse(after.stdout) as { path: string }[]).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/parties/0/adresse/code_postal', '/parties/0/representant/civilite', '/signature/date']));
  });

  test('never over an existing file without --force', () => {
    const folder = temporaryFolder();
    const file = join(folder, 'c.yaml');
    writeFileSync(file, 'mien');
    const refused = runCli(['init', 'locale-ccas', '-o', file]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('mien');
    expect(runCli(['init', 'locale-ccas', '-o', file, '--force']).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(MARKER);
  });

  test('an unknown type is refused with a suggestion (exit 2), and nothing is written', () => {
    const folder = temporaryFolder();
    const run = runCli(['init', 'locale-ccass', '-o', join(folder, 'x.yaml')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('locale-ccas');
    expect(existsSync(join(folder, 'x.yaml'))).toBe(false);
  });
});

/** Keeps the in-process command's lines out of the test output. */
function jest_silence(): { restore(): void } {
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
