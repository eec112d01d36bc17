/**
 * `convention completion bash|zsh`: shell completion scripts written from commander's own
 * definitions (commands, options, arguments, choices), so that a command or option added to
 * main.ts is completed without another list to keep. What a value is (a YAML file, a folder, a
 * convention type…) is told by its placeholder in the definition (`<dossier>`, `<type>`), or by its
 * choices (`--format`). The scripts are static: completing costs the shell no Node start-up.
 */
import type { Argument, Command, Option } from 'commander';
import { COMMON_ID } from '../core/editor-schema.js';

/** What completes a value: fixed words, YAML files (and folders), any file, folders, or nothing. */
type ValueKind = { words: readonly string[] } | 'yaml' | 'file' | 'folder' | 'none';

/** The kind of value each placeholder of main.ts stands for (a test checks none is missing). */
export const PLACEHOLDER_KINDS: Record<string, (context: CompletionContext) => ValueKind> = {
  fichiers: () => 'yaml',
  fichier: () => 'file',
  chemin: () => 'file',
  dossier: () => 'folder',
  nombre: () => 'none',
  port: () => 'none',
  adresse: () => 'none',
  secondes: () => 'none',
  format: () => 'none',
  shell: () => 'none',
  type: (context) => ({ words: context.types }),
  schéma: (context) => ({ words: [...context.types, COMMON_ID] }),
  commande: (context) => ({ words: context.commands }),
};

export interface CompletionContext {
  /** Convention type ids, for `<type>` values. */
  types: readonly string[];
  /** Command names, for `help [commande]`. */
  commands: readonly string[];
}

interface OptionSpec {
  flags: string[];
  description: string;
  value?: ValueKind;
  /** The name of its value, in the definition: `chemin` for `--output <chemin>`. */
  placeholder?: string;
  /** An option given several times accumulates its values (`--templates a --templates b`). */
  repeatable: boolean;
}

interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
  /** One value kind per positional argument; the last one repeats if `variadic`. */
  positionals: { name: string; kind: ValueKind; optional: boolean }[];
  variadic: boolean;
}

/** The placeholder of an option's value: `-o, --output <chemin>` → `chemin`. */
function placeholderOf(option: Option): string | undefined {
  return /[<[]([^>\]]+?)(?:\.\.\.)?[>\]]/.exec(option.flags)?.[1];
}

function kindOf(placeholder: string | undefined, choices: readonly string[] | undefined, context: CompletionContext): ValueKind {
  if (choices) return { words: choices };
  if (placeholder === undefined) return 'none';
  const kind = PLACEHOLDER_KINDS[placeholder];
  if (!kind) throw new Error(`complétion : valeur « ${placeholder} » sans nature connue (PLACEHOLDER_KINDS)`);
  return kind(context);
}

function optionSpec(option: Option, context: CompletionContext): OptionSpec {
  const takesValue = option.required || option.optional;
  return {
    flags: [option.short, option.long].filter((flag): flag is string => flag !== undefined),
    description: option.description,
    value: takesValue ? kindOf(placeholderOf(option), option.argChoices, context) : undefined,
    placeholder: takesValue ? placeholderOf(option) : undefined,
    repeatable: takesValue && Array.isArray(option.defaultValue),
  };
}

function commandSpec(command: Command, context: CompletionContext): CommandSpec {
  const helper = command.createHelp();
  const args: readonly Argument[] = command.registeredArguments;
  return {
    name: command.name(),
    description: command.summary() || command.description(),
    options: helper.visibleOptions(command).map((option) => optionSpec(option, context)),
    positionals: args.map((argument) => ({ name: argument.name(), kind: kindOf(argument.name(), argument.argChoices, context), optional: !argument.required })),
    variadic: args.at(-1)?.variadic ?? false,
  };
}

/** The program and its commands (commander's implicit `help` command included), as the scripts need them. */
function describeProgram(program: Command, types: readonly string[]): { program: CommandSpec; commands: CommandSpec[] } {
  const visible = program.createHelp().visibleCommands(program);
  const context: CompletionContext = { types, commands: visible.map((command) => command.name()) };
  const commands = visible.map((command) => commandSpec(command, context));
  const wordsOf = (kind: ValueKind | undefined): readonly string[] => (kind && typeof kind === 'object' ? kind.words : []);
  const words = commands.flatMap((c) => [c.name, ...c.options.flatMap((o) => [...o.flags, ...wordsOf(o.value)]), ...c.positionals.flatMap((p) => wordsOf(p.kind))]);
  for (const word of words) {
    // Words go into the scripts unquoted: only names that need no quoting in either shell.
    if (!/^[\w.-]+$/.test(word)) throw new Error(`complétion : mot « ${word} » à citer`);
  }
  return { program: commandSpec(program, context), commands };
}

export function completionScript(program: Command, shell: 'bash' | 'zsh', options: { types: readonly string[] }): string {
  const described = describeProgram(program, options.types);
  return shell === 'bash' ? bashScript(program.name(), described) : zshScript(program.name(), described);
}

// bash ----------------------------------------------------------------------------------------

function bashValue(kind: ValueKind): string {
  if (typeof kind === 'object') return `_convention_words '${kind.words.join(' ')}'`;
  return { yaml: '_convention_yaml', file: '_convention_files', folder: '_convention_folders', none: ':' }[kind];
}

function bashCommand(spec: CommandSpec): string {
  const valued = spec.options.filter((o) => o.value !== undefined);
  const lines = [`_convention_${spec.name.replace(/-/g, '_')}() {`];
  if (valued.length > 0) {
    lines.push('  case $prev in');
    for (const option of valued) lines.push(`    ${option.flags.join('|')}) ${bashValue(option.value!)}; return ;;`);
    lines.push('  esac');
  }
  lines.push(`  if [[ $cur == -* ]]; then _convention_words '${spec.options.flatMap((o) => o.flags).join(' ')}'; return; fi`);
  if (spec.positionals.length === 0) return [...lines, '}'].join('\n');
  // Which positional argument is being completed: words after the command, less options and their values.
  lines.push('  local n=0 j', '  for ((j = $1; j < COMP_CWORD; j++)); do', '    case ${COMP_WORDS[j]} in');
  if (valued.length > 0) lines.push(`      ${valued.flatMap((o) => o.flags).join('|')}) j=$((j + 1)); [[ \${COMP_WORDS[j]} == = ]] && j=$((j + 1)) ;;`);
  lines.push('      -*) ;;', '      *) n=$((n + 1)) ;;', '    esac', '  done', '  case $n in');
  spec.positionals.forEach((positional, index) => {
    const last = index === spec.positionals.length - 1;
    lines.push(`    ${last && spec.variadic ? '*' : index}) ${bashValue(positional.kind)} ;;`);
  });
  lines.push('  esac', '}');
  return lines.join('\n');
}

function bashScript(name: string, described: { program: CommandSpec; commands: CommandSpec[] }): string {
  const dispatch = described.commands.map((c) => `    ${c.name}) _convention_${c.name.replace(/-/g, '_')} $((i + 1)) ;;`);
  return `# Complétion bash de « ${name} », écrite par « ${name} completion bash ».
# Pour l'activer, dans ~/.bashrc :  eval "$(${name} completion bash)"
# ou enregistrée une fois pour toutes :
#   ${name} completion bash > ~/.local/share/bash-completion/completions/${name}

_convention_words() {
  COMPREPLY=($(compgen -W "$1" -- "$cur"))
}
_convention_files() {
  compopt -o filenames 2>/dev/null
  local IFS=$'\\n'
  COMPREPLY=($(compgen -f -- "$cur"))
}
_convention_folders() {
  compopt -o filenames 2>/dev/null
  local IFS=$'\\n'
  COMPREPLY=($(compgen -d -- "$cur"))
}
_convention_yaml() {
  compopt -o filenames 2>/dev/null
  local IFS=$'\\n'
  COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur") $(compgen -f -X '!*.yml' -- "$cur"))
}

${described.commands.map(bashCommand).join('\n\n')}

_convention() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  COMPREPLY=()
  # bash splits --option=value at the « = » (COMP_WORDBREAKS).
  if [[ $cur == = ]]; then cur=; elif [[ $prev == = ]]; then prev=\${COMP_WORDS[COMP_CWORD-2]}; fi
  local i command=
  for ((i = 1; i < COMP_CWORD; i++)); do
    case \${COMP_WORDS[i]} in
      -*) ;;
      *) command=\${COMP_WORDS[i]}; break ;;
    esac
  done
  case $command in
    '')
      if [[ $cur == -* ]]; then _convention_words '${described.program.options.flatMap((o) => o.flags).join(' ')}'
      else _convention_words '${described.commands.map((c) => c.name).join(' ')}'; fi ;;
${dispatch.join('\n')}
  esac
}

complete -F _convention ${name}
`;
}

// zsh -----------------------------------------------------------------------------------------

/** Text inside a single-quoted zsh word. */
function zshQuoted(text: string): string {
  return text.replace(/'/g, "'\\''");
}

/** Text inside the [description] of an _arguments spec, itself in a single-quoted word. */
function zshDescription(text: string): string {
  return zshQuoted(text.replace(/([[\]\\])/g, '\\$1'));
}

function zshAction(kind: ValueKind): string {
  if (typeof kind === 'object') return `(${kind.words.join(' ')})`;
  return { yaml: '_files -g "*.(yaml|yml)"', file: '_files', folder: '_files -/', none: ' ' }[kind];
}

function zshOption(option: OptionSpec): string {
  const description = `[${zshDescription(option.description)}]`;
  const value = option.value ? `:${option.placeholder ?? 'valeur'}:${zshAction(option.value)}` : '';
  // A long option's value may follow an « = » or come as the next word.
  const spellings = option.flags.map((flag) => (option.value && flag.startsWith('--') ? `${flag}=` : flag));
  if (option.repeatable) return spellings.map((flag) => `'*${flag}${description}${value}'`).join(' ');
  // An option given once: once one of its spellings is on the line, neither is proposed again.
  const exclusion = option.flags.length > 1 ? `'(${option.flags.join(' ')})'` : '';
  if (spellings.length === 1) return `'${spellings[0]}${description}${value}'`;
  return `${exclusion}{${spellings.join(',')}}'${description}${value}'`;
}

function zshArguments(spec: CommandSpec, indent: string): string {
  const lines = spec.options.map(zshOption);
  spec.positionals.forEach((positional, index) => {
    const last = index === spec.positionals.length - 1;
    const position = last && spec.variadic ? '*' : String(index + 1);
    lines.push(`'${position}${positional.optional && position !== '*' ? '::' : ':'}${positional.name}:${zshAction(positional.kind)}'`);
  });
  return `_arguments -s \\\n${lines.map((line) => `${indent}  ${line}`).join(' \\\n')}`;
}

function zshScript(name: string, described: { program: CommandSpec; commands: CommandSpec[] }): string {
  const commandList = described.commands.map((c) => `    '${c.name}:${zshQuoted(c.description)}'`);
  const cases = described.commands.map((c) => `      ${c.name})\n        ${zshArguments(c, '        ')} && ret=0 ;;`);
  const programOptions = described.program.options.map((o) => `'(- *)'${o.flags.length > 1 ? `{${o.flags.join(',')}}` : o.flags[0]}'[${zshDescription(o.description)}]'`);
  return `#compdef ${name}
# Complétion zsh de « ${name} », écrite par « ${name} completion zsh ».
# Pour l'activer, dans ~/.zshrc, après compinit :  eval "$(${name} completion zsh)"
# ou enregistrée une fois pour toutes sous le nom _${name} dans un dossier de $fpath.

_convention_commands() {
  local -a commands
  commands=(
${commandList.join('\n')}
  )
  _describe -t commands commande commands
}

_convention() {
  local curcontext=$curcontext state state_descr line ret=1
  typeset -A opt_args
  _arguments -C \\
${programOptions.map((o) => `    ${o} \\`).join('\n')}
    '1: :_convention_commands' \\
    '*:: :->argument' && ret=0
  if [[ $state == argument ]]; then
    curcontext=\${curcontext%:*:*}:${name}-$words[1]:
    case $words[1] in
${cases.join('\n')}
    esac
  fi
  return ret
}

if [[ $funcstack[1] == _convention ]]; then
  _convention "$@"
else
  compdef _convention ${name}
fi
`;
}
