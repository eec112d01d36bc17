/**
 * The help, as a user reads it: in French (commander's own English never shows), with copyable
 * examples and the exit codes of every command; bare `convention` shows it and succeeds; a usage
 * error points to the help of the command that was mistyped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const general = runCli(['--help']);
/** The commands the general help lists (its « Commandes : » section), `help` aside. */
const commands = /\nCommandes :\n([\s\S]*?)\n\n/
  .exec(general.stdout)![1]!
  .split('\n')
  .map((line) => /^ {2}([a-z-]+)/.exec(line)?.[1])
  .filter((name): name is string => name !== undefined && name !== 'help');
/** commander's English: titles, notes on options, its help and version options. */
const ENGLISH = /Usage:|Options:|Commands:|Arguments:|\(default:|\(choices:|display help|output the version|Did you mean|error:/;

/** A section of a help text: its lines up to the next blank line. */
function section(help: string, title: string): string[] {
  const match = new RegExp(`\\n${title} :\\n([\\s\\S]*?)(?:\\n\\n|\\n?$)`).exec(help);
  return match ? match[1]!.split('\n') : [];
}

/** The exit codes the README's table documents. */
const documentedCodes = new Set(
  [.../### Codes de sortie et erreurs\n+((?:\|.*\n)+)/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))![1]!.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1])),
);

describe('help', () => {
  test('bare `convention` prints the general help on stdout and exits 0', () => {
    const bare = runCli([]);
    expect(bare.stderr).toBe('');
    expect(bare.status).toBe(0);
    expect(bare.stdout).toBe(general.stdout);
    expect(general.stdout).toMatch(/^Utilisation : convention \[options\] <commande>\n/);
    expect(commands).toContain('render');
  });

  test('-v and --version print the version', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    for (const flag of ['-v', '--version']) {
      const run = runCli([flag]);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${version}\n`);
    }
    expect(general.stdout).toContain('-v, --version');
  });

  test.each([['(général)'], ...commands.map((c) => [c])])('%s: French, with examples and exit codes', (name) => {
    const args = name === '(général)' ? ['--help'] : [name, '--help'];
    const help = runCli(args);
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).not.toMatch(ENGLISH);
    expect(help.stdout).toMatch(/^Utilisation : convention/);
    expect(help.stdout).toContain('Options :');
    // `convention help <commande>` shows the same.
    if (name !== '(général)') expect(runCli(['help', name]).stdout).toBe(help.stdout);

    const examples = section(help.stdout, 'Exemples').filter((line) => !line.startsWith('  #'));
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      // Each example is a command line of this program, with options its command has.
      const words = example.trim().split(/\s+/);
      const commandLine = words[0] === 'eval' ? example.match(/\$\((.*)\)/)![1]!.split(/\s+/) : words;
      expect(commandLine[0]).toBe('convention');
      const subcommand = commandLine[1]!;
      expect(commands).toContain(subcommand);
      const options = runCli([subcommand, '--help']).stdout;
      for (const option of commandLine.filter((w) => w.startsWith('-'))) expect(options).toMatch(new RegExp(`(^|[ ,])${option}\\b`, 'm'));
    }

    const codes = section(help.stdout, 'Codes de sortie').flatMap((line) => /^ {2}(\d+) /.exec(line)?.[1] ?? []);
    expect(codes).toContain('0');
    for (const code of codes) expect(documentedCodes.has(Number(code))).toBe(true);
  });

  test('option notes in French: choices and meaningful defaults only', () => {
    const validate = runCli(['validate', '--help']).stdout;
    expect(validate.replace(/\s+/g, ' ')).toMatch(/\(valeurs : text, json, github[^)]*; par défaut : text\)/);
    // A flag's default (false) or a repeatable option's (none yet) says nothing to the user.
    expect(runCli(['render', '--help']).stdout).not.toContain('par défaut : false');
  });

  test('a usage error points to the help of the mistyped command, in French, exit 2', () => {
    const bogus = runCli(['render', '--bogus']);
    expect(bogus.status).toBe(2);
    expect(bogus.stdout).toBe('');
    expect(bogus.stderr).toBe('convention : option inconnue « --bogus » ; voir « convention render --help ».\n');
    const typo = runCli(['render', 'x.yaml', '--forse']);
    expect(typo.stderr).toContain('(vouliez-vous dire « --force » ?)');
    const missing = runCli(['init']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('voir « convention init --help »');
    const command = runCli(['rendr']);
    expect(command.stderr).toBe('convention : commande inconnue « rendr » (vouliez-vous dire « render » ?) ; voir « convention --help ».\n');
    const help = runCli(['help', 'rendr']);
    expect(help.status).toBe(2);
    expect(help.stderr).toContain('commande inconnue « rendr »');
    for (const run of [bogus, typo, missing, command, help]) expect(run.stderr).not.toMatch(ENGLISH);
  });
});
