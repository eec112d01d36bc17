/**
 * commander's help, in French: the section titles, the usage line and the notes commander adds to
 * option descriptions (`(default: …)`, `(choices: …)`) are commander's English, so the help is laid
 * out here through commander's public Help hooks (`configureHelp`), with the same helper methods
 * commander uses for its own layout (terms, wrapping, widths). Each command's help ends with copyable
 * examples and its exit codes, given with the command's definition (`guide`).
 *
 * Plain strings only: `--help` must load nothing heavy (test/unit/startup.test.ts).
 */
import type { Argument, Command, Help, HelpConfiguration, Option } from 'commander';

/** What a command's help shows after its options. */
export interface CommandGuide {
  /** Copyable examples: what the command does, then the command line. */
  examples: readonly (readonly [what: string, commandLine: string])[];
  /** Every exit code the command can end with, and what it means for this command. */
  exitCodes: readonly (readonly [code: number, meaning: string])[];
  /** A closing line, after the exit codes. */
  footer?: string;
}

const guides = new WeakMap<Command, CommandGuide>();

/** Attaches examples and exit codes to a command's help; returns the command, for chaining. */
export function guide(command: Command, commandGuide: CommandGuide): Command {
  guides.set(command, commandGuide);
  return command;
}

/** The command line that names a command: `convention render`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}

/** `(valeurs : a, b ; par défaut : a)`: the choices and the default a user can rely on. */
function notes(description: string, choices: readonly string[] | undefined, defaultValue: unknown, defaultDescription: string | undefined, takesValue: boolean): string {
  const extra: string[] = [];
  if (choices) extra.push(`valeurs : ${choices.join(', ')}`);
  // The default of a flag (false) or of a repeatable option (no value yet) tells the user nothing.
  const meaningful = takesValue && defaultValue !== undefined && !(Array.isArray(defaultValue) && defaultValue.length === 0);
  if (defaultDescription !== undefined || meaningful) extra.push(`par défaut : ${defaultDescription ?? String(defaultValue)}`);
  return extra.length > 0 ? `${description} (${extra.join(' ; ')})` : description;
}

export const FRENCH_HELP: HelpConfiguration = {
  optionDescription(option: Option): string {
    return notes(option.description, option.argChoices, option.defaultValue, option.defaultValueDescription, option.required || option.optional);
  },

  argumentDescription(argument: Argument): string {
    return notes(argument.description, argument.argChoices, argument.defaultValue, argument.defaultValueDescription, true);
  },

  /**
   * commander's wrapping, except that a line never breaks inside « … » nor before « : », « ; », « ? »
   * or « ! » (French spacing): those spaces are held while wrapping, then printed as plain spaces, so
   * that a command quoted in the help is copied as it should be typed.
   */
  boxWrap(text: string, width: number): string {
    const HELD = '\u0000';
    const held = text.replace(/« /g, `«${HELD}`).replace(/ ([»:;?!])/g, `${HELD}$1`);
    const lines = held.split('\n').flatMap((line) => {
      if (width < 40) return [line];
      const words = line.match(/ *[^ ]+/g);
      if (!words) return [''];
      const wrapped: string[] = [];
      let current = words.shift()!;
      for (const word of words) {
        if (current.length + word.length <= width) current += word;
        else {
          wrapped.push(current);
          current = word.trimStart();
        }
      }
      return [...wrapped, current];
    });
    return lines.join('\n').replaceAll(HELD, ' ');
  },

  // The list of commands names each one with its arguments; its options are in its own help.
  subcommandTerm(command: Command): string {
    const args = command.registeredArguments.map((argument) => {
      const name = `${argument.name()}${argument.variadic ? '...' : ''}`;
      return argument.required ? `<${name}>` : `[${name}]`;
    });
    return [command.name(), ...args].join(' ');
  },

  formatHelp(command: Command, helper: Help): string {
    const termWidth = helper.padWidth(command, helper);
    const helpWidth = helper.helpWidth ?? 80;
    const item = (term: string, description: string): string => helper.formatItem(term, termWidth, description, helper);
    const section = (title: string, lines: string[]): string[] => (lines.length > 0 ? [helper.styleTitle(title), ...lines, ''] : []);

    const output = [`${helper.styleTitle('Utilisation :')} ${helper.styleUsage(helper.commandUsage(command))}`, ''];
    const description = helper.commandDescription(command);
    if (description) output.push(helper.boxWrap(helper.styleCommandDescription(description), helpWidth), '');
    output.push(
      ...section(
        'Arguments :',
        helper.visibleArguments(command).map((argument) => item(helper.styleArgumentTerm(helper.argumentTerm(argument)), helper.styleArgumentDescription(helper.argumentDescription(argument)))),
      ),
      ...section(
        'Options :',
        helper.visibleOptions(command).map((option) => item(helper.styleOptionTerm(helper.optionTerm(option)), helper.styleOptionDescription(helper.optionDescription(option)))),
      ),
      ...section(
        'Commandes :',
        helper.visibleCommands(command).map((sub) => item(helper.styleSubcommandTerm(helper.subcommandTerm(sub)), helper.styleSubcommandDescription(helper.subcommandDescription(sub)))),
      ),
    );
    const commandGuide = guides.get(command);
    if (commandGuide) {
      output.push(
        ...section(
          'Exemples :',
          commandGuide.examples.flatMap(([what, commandLine]) => [
            // A shell comment above each command line: the pair can be pasted as it is.
            ...helper.boxWrap(what, helpWidth - 4).split('\n').map((line) => `  # ${line}`),
            `  ${commandLine}`,
          ]),
        ),
        ...section(
          'Codes de sortie :',
          // Their own column: codes are short, and the meanings then have the width to read well.
          commandGuide.exitCodes.map(([code, meaning]) => helper.formatItem(String(code), 3, meaning, helper)),
        ),
      );
      if (commandGuide.footer) output.push(helper.boxWrap(commandGuide.footer, helpWidth), '');
    }
    return output.join('\n');
  },
};
