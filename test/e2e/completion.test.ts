/**
 * `convention completion bash|zsh`: the scripts, loaded into the real shells, complete what the
 * command definitions (src/cli/main.ts, read here through commander's Help) say — commands, each
 * command's options, choices, convention types, files and folders.
 *
 * bash: the script is sourced, `complete -p` gives the function it registered, which is called with
 * COMP_WORDS/COMP_CWORD as bash would. zsh: a line typed with Tab into an interactive zsh, through a
 * pseudo-terminal (test/support/zsh-completions.zsh); skipped without zsh unless REQUIRE_ZSH=1.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/main.js';
import { ROOT, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const program = buildProgram(() => undefined);
const helper = program.createHelp();
const commands = helper.visibleCommands(program);
const commandNames = commands.map((command) => command.name());
const command = (name: string): Command => commands.find((c) => c.name() === name)!;
const flagsOf = (cmd: Command): string[] => helper.visibleOptions(cmd).flatMap((o) => [o.short, o.long].filter((f): f is string => f !== undefined));
const types = runCli(['types']).stdout.split('\n').filter(Boolean).map((line) => line.split(/\s/)[0]!);
const formats = command('validate').options.find((o) => o.long === '--format')!.argChoices!;

// A folder to complete file names in: YAML files, another file, a folder.
const work = temporaryFolder('convention-completion-');
const folder = join(work, 'ici');
mkdirSync(folder);
for (const file of ['a.yaml', 'b.yml', 'c.txt']) writeFileSync(join(folder, file), '');
mkdirSync(join(folder, 'dossier'));
const yamlOrFolder = ['a.yaml', 'b.yml', 'dossier'];
afterAll(() => rmSync(work, { recursive: true, force: true }));

function script(shell: 'bash' | 'zsh'): string {
  const run = runCli(['completion', shell]);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const file = join(work, `${shell}-completion`);
  writeFileSync(file, run.stdout);
  return file;
}

const sorted = (words: string[]): string[] => [...new Set(words)].sort();

describe('convention completion bash', () => {
  const file = script('bash');
  const driver = `source "$1" || exit 3
spec=$(complete -p convention) || exit 4
[[ $spec == *' -F '* ]] || exit 5
fn=\${spec#*-F }; fn=\${fn%% *}
shift
COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); COMP_LINE="$*"; COMP_POINT=\${#COMP_LINE}
COMPREPLY=()
"$fn" "$1" "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"`;

  /** What bash offers for these words (the last one being completed, as bash splits the line). */
  function complete(...words: string[]): string[] {
    const run = spawnSync('bash', ['--norc', '--noprofile', '-c', driver, 'bash', file, ...words], { cwd: folder, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    return sorted(run.stdout.split('\n').filter(Boolean).map((word) => word.replace(/\/$/, '')));
  }

  test('`convention ren` completes to render; an empty word to every command', () => {
    expect(complete('convention', 'ren')).toEqual(['render']);
    expect(complete('convention', '')).toEqual(sorted(commandNames));
    expect(complete('convention', '-')).toEqual(sorted(flagsOf(program)));
  });

  test.each(commandNames)('%s: its options, as defined', (name) => {
    expect(complete('convention', name, '-')).toEqual(sorted(flagsOf(command(name))));
  });

  test('render: --f → --force; YAML files and folders as arguments; any file after -o; folders after --templates', () => {
    expect(complete('convention', 'render', '--f')).toEqual(sorted(flagsOf(command('render')).filter((f) => f.startsWith('--f'))));
    expect(complete('convention', 'render', '')).toEqual(yamlOrFolder);
    expect(complete('convention', 'render', 'a.yaml', '-o', '')).toEqual(['a.yaml', 'b.yml', 'c.txt', 'dossier']);
    expect(complete('convention', 'render', '--templates', '')).toEqual(['dossier']);
    // After an option's value, arguments again.
    expect(complete('convention', 'render', '-o', 'out', '')).toEqual(yamlOrFolder);
  });

  test('validate --format: its choices, also after « = »', () => {
    expect(complete('convention', 'validate', '--format', '')).toEqual(sorted(formats));
    expect(complete('convention', 'validate', '--format', '=', '')).toEqual(sorted(formats));
    expect(complete('convention', 'validate', '--format', '=', 'j')).toEqual(formats.filter((f) => f.startsWith('j')));
  });

  test('convention types for <type> and --type, commands for help, shells for completion; nothing past the last argument', () => {
    expect(types.length).toBeGreaterThan(0);
    expect(complete('convention', 'init', '')).toEqual(sorted(types));
    expect(complete('convention', 'schema', '')).toEqual(sorted([...types, 'common']));
    expect(complete('convention', 'new', '--type', '')).toEqual(sorted(types));
    expect(complete('convention', 'init', types[0]!, '')).toEqual([]);
    expect(complete('convention', 'help', '')).toEqual(sorted(commandNames));
    expect(complete('convention', 'completion', '')).toEqual(sorted(command('completion').registeredArguments[0]!.argChoices!));
  });
});

const zsh = spawnSync('zsh', ['--version']).status === 0;
if (!zsh) {
  const message = 'zsh absent : test de la complétion zsh ignoré. Installez zsh, ou REQUIRE_ZSH=1 pour en faire un échec.';
  if (process.env.REQUIRE_ZSH === '1') throw new Error(message);
  console.warn(message);
}

(zsh ? describe : describe.skip)('convention completion zsh', () => {
  const file = zsh ? script('zsh') : '';

  /** What zsh offers when each line is typed, then Tab (one shell for all: compinit is slow to start). */
  function complete(...lines: string[]): string[][] {
    const out = join(work, 'zsh-offers');
    const run = spawnSync('zsh', ['-f', join(ROOT, 'test', 'support', 'zsh-completions.zsh'), file, out, ...lines], { cwd: folder, encoding: 'utf8', timeout: 300000 });
    expect(run.status).toBe(0);
    return lines.map((_, index) => sorted(readFileSync(`${out}.${index + 1}`, 'utf8').split('\n').filter(Boolean)));
  }

  test('commands, options, choices, types and files, as defined', () => {
    const offers = complete('convention ren', 'convention render -', 'convention validate --format ', 'convention init ', 'convention render ', 'convention render --templates ', 'convention help ');
    expect(offers).toEqual([['render'], sorted(flagsOf(command('render'))), sorted(formats), sorted(types), yamlOrFolder, ['dossier'], sorted(commandNames)]);
  });
});
