/**
 * The command line: parses arguments, calls the commands, prints, sets the exit code. Each command
 * is imported when chosen, so `--help` and `validate` never load docx or handlebars.
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { ExitCode } from '../core/errors.js';
import { type CommandGuide, commandPath, FRENCH_HELP, guide } from './help.js';
import { describeError } from './run-files.js';
import { visible } from './visible.js';
import { version } from './version.js';
import { FORMATS, type Format } from './formats.js';

/**
 * commander's error messages, in French, by error code. commander's own text (English) is read only
 * for the names it quotes and its suggestion (« Did you mean … ? »).
 */
const COMMANDER_MESSAGES: Record<string, (message: string) => string> = {
  'commander.unknownCommand': (m) => `commande inconnue ${quoted(m)}${suggestion(m)}`,
  'commander.unknownOption': (m) => `option inconnue ${quoted(m)}${suggestion(m)}`,
  'commander.missingArgument': (m) => `argument manquant ${quoted(m)}`,
  'commander.optionMissingArgument': (m) => `valeur manquante pour l'option ${quoted(m)}`,
  'commander.excessArguments': () => 'trop d’arguments',
  'commander.missingMandatoryOptionValue': (m) => `option obligatoire manquante ${quoted(m)}`,
  'commander.invalidArgument': (m) => {
    const names = [...m.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
    // An option: « option '--format <format>' argument 'x' is invalid »; an argument: « command-argument value 'x' is invalid for argument 'shell' ».
    const [name, value] = m.includes('command-argument value') ? [names[1] && `l'argument « ${names[1]} »`, names[0]] : [names[0]?.split(' ')[0], names[1]];
    const choices = /Allowed choices are (.*)\.$/m.exec(m)?.[1];
    return `valeur « ${value ?? '?'} » invalide pour ${name ?? "l'option"}${choices ? ` ; valeurs admises : ${choices}` : ''}`;
  },
};

function quoted(message: string): string {
  const match = /'([^']+)'/.exec(message);
  return match ? `« ${match[1]} »` : '';
}

/** commander's « (Did you mean --force?) », « (Did you mean one of a, b?) ». */
function suggestion(message: string): string {
  const match = /\(Did you mean (?:one of )?(.+)\?\)/.exec(message);
  if (!match) return '';
  return ` (vouliez-vous dire ${match[1]!.split(', ').map((name) => `« ${name} »`).join(' ou ')} ?)`;
}

/** Shells `convention completion` writes a script for. */
const COMPLETION_SHELLS = ['bash', 'zsh'] as const;

/** The general exit codes, also listed in the README. */
const EXIT_CODES = [
  [ExitCode.Success, 'succès : conventions valides, documents ou fichiers écrits'],
  [ExitCode.InvalidConvention, 'au moins une convention est invalide (problèmes affichés avec leur position)'],
  [ExitCode.UsageOrIo, "erreur d'usage ou d'entrée-sortie (option inconnue, fichier introuvable, fichier existant sans --force…), erreur de gabarit ou erreur interne"],
  [130, 'interrompu (Ctrl-C) : aucun fichier écrit'],
] as const;

/** Each command's examples and exit codes, shown at the end of its help (`convention <commande> --help`). */
const GUIDES: Record<string, CommandGuide> = {
  render: {
    examples: [
      ['écrire montbrison.docx à côté du YAML', 'convention render montbrison.yaml'],
      ["rendre toutes les conventions d'un dossier dans out/, en remplaçant les documents existants", 'convention render conventions/ -o out/ --force'],
      ['écrire aussi le PDF (LibreOffice requis)', 'convention render montbrison.yaml --pdf'],
    ],
    exitCodes: [
      [ExitCode.Success, 'tous les documents sont écrits'],
      [ExitCode.InvalidConvention, "au moins une convention est invalide : rien n'est écrit pour elle, les autres sont rendues"],
      [ExitCode.UsageOrIo, "erreur d'usage ou d'entrée-sortie (fichier introuvable, document existant sans --force, LibreOffice absent avec --pdf…), erreur de gabarit ou erreur interne"],
    ],
  },
  validate: {
    examples: [
      ["vérifier toutes les conventions d'un dossier", 'convention validate conventions/'],
      ['un motif, développé par convention (entre guillemets)', "convention validate 'conventions/**/*.yaml'"],
      ['annotations GitHub Actions, en intégration continue', 'convention validate conventions/ --format github'],
      ['rapport SARIF 2.1.0 (analyse de code GitHub), dans un fichier', 'convention validate conventions/ --format sarif > convention.sarif'],
      ['rapport JUnit XML (GitLab, Jenkins, Azure Pipelines)', 'convention validate conventions/ --format junit > convention.xml'],
      ['rapport GitLab Code Quality', 'convention validate conventions/ --format gitlab > gl-code-quality-report.json'],
      ['seulement les problèmes, sans ligne par fichier valide ni bilan', 'convention validate conventions/ --quiet'],
    ],
    exitCodes: [
      [ExitCode.Success, "aucune erreur (les avertissements n'empêchent pas le succès)"],
      [ExitCode.InvalidConvention, 'au moins une convention a une erreur'],
      [ExitCode.UsageOrIo, "erreur d'usage, ou fichier introuvable ou illisible, motif sans fichier… (signalé dans le rapport, les autres fichiers étant vérifiés)"],
    ],
  },
  types: {
    examples: [['lister les types, avec leur description', 'convention types']],
    exitCodes: [[ExitCode.Success, 'liste affichée']],
  },
  schema: {
    examples: [
      ["enregistrer le schéma d'un type, pour un éditeur hors ligne", 'convention schema locale-ccas > locale-ccas.schema.json'],
      ['les définitions communes (parties, adresses, référents, signature…)', 'convention schema common'],
    ],
    exitCodes: [
      [ExitCode.Success, 'schéma affiché'],
      [ExitCode.UsageOrIo, 'type inconnu'],
    ],
  },
  new: {
    examples: [
      ['écrire une convention en répondant aux questions', 'convention new -o conventions/marolles.yaml'],
      ['un type donné, rubriques avancées comprises', 'convention new --type locale-ccas --avance'],
    ],
    exitCodes: [
      [ExitCode.Success, 'convention écrite (et rendue si demandé)'],
      [ExitCode.InvalidConvention, "convention obtenue invalide : aucun fichier écrit"],
      [ExitCode.UsageOrIo, "pas de terminal (voir « convention init »), ou erreur d'entrée-sortie"],
      [130, 'interrompu (Ctrl-C) : aucun fichier écrit'],
    ],
  },
  init: {
    examples: [['écrire le squelette à compléter', 'convention init locale-ccas -o conventions/montbrison.yaml']],
    exitCodes: [
      [ExitCode.Success, 'squelette écrit'],
      [ExitCode.UsageOrIo, "type inconnu, fichier existant sans --force, ou erreur d'entrée-sortie"],
    ],
  },
  serve: {
    examples: [
      ["ouvrir les conventions d'un dossier dans le navigateur (adresse affichée, à ouvrir)", 'convention serve conventions/'],
      ['sur un autre port, ou sur un port libre choisi par le système', 'convention serve conventions/ --port 0'],
    ],
    exitCodes: [
      [ExitCode.Success, 'serveur arrêté par SIGTERM'],
      [ExitCode.UsageOrIo, "dossier introuvable, port déjà pris ou option invalide"],
      [130, 'serveur arrêté par Ctrl-C'],
    ],
  },
  completion: {
    examples: [
      ['bash : à ajouter à ~/.bashrc', 'eval "$(convention completion bash)"'],
      ['zsh : à ajouter à ~/.zshrc, après compinit', 'eval "$(convention completion zsh)"'],
    ],
    exitCodes: [
      [ExitCode.Success, 'script écrit sur la sortie standard'],
      [ExitCode.UsageOrIo, 'shell non pris en charge'],
    ],
  },
};

export function buildProgram(setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('convention')
    .usage('[options] <commande>')
    .description("Conventions de partenariat de l'Assurance Maladie : YAML validé, rendu en DOCX prêt à signer.")
    .version(version(), '-v, --version', 'afficher la version')
    .helpOption('-h, --help', "afficher l'aide")
    .helpCommand('help [commande]', "afficher l'aide d'une commande")
    .configureHelp(FRENCH_HELP)
    .exitOverride()
    // Errors are printed by main(), in French; help and version go to stdout.
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined });
  guide(program, {
    examples: [
      ["écrire le squelette d'une convention, à compléter", 'convention init locale-ccas -o montbrison.yaml'],
      ["vérifier toutes les conventions d'un dossier", 'convention validate conventions/'],
      ['écrire le DOCX de chacune dans out/', 'convention render conventions/ -o out/'],
    ],
    exitCodes: EXIT_CODES,
    footer: "Aide d'une commande : convention <commande> --help. Complétion des commandes et des options : convention completion --help.",
  });

  program
    .command('render')
    .description('Valider puis rendre chaque convention YAML en DOCX (à côté du YAML par défaut).')
    .argument('<fichiers...>', 'fichiers YAML ou dossiers qui en contiennent')
    .option('-o, --output <chemin>', 'fichier DOCX de sortie, ou dossier (terminé par / ou si plusieurs conventions)')
    .option('-f, --force', 'remplacer un document existant', false)
    .option('--pdf', 'écrire aussi le PDF de chaque document (LibreOffice requis)', false)
    .option('--pdf-timeout <secondes>', 'délai accordé à LibreOffice pour convertir un document (par défaut : 120)')
    .option('-j, --jobs <nombre>', 'conventions rendues en parallèle, chacune sur un fil (par défaut et au plus : une par cœur)')
    .option(
      '--templates <dossier>',
      'dossier de gabarits qui remplacent, à nom égal, les gabarits fournis (option répétable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .helpOption('-h, --help', "afficher l'aide")
    .action(async (files: string[], options: { output?: string; force: boolean; pdf: boolean; pdfTimeout?: string; templates: string[]; jobs?: string }) => {
      const { renderCommand } = await import('./render-command.js');
      setExitCode(await renderCommand(files, options));
    });

  program
    .command('validate')
    .description('Vérifier des conventions YAML (schéma et règles), diagnostics en fichier:ligne:colonne.')
    .argument('<fichiers...>', 'fichiers YAML, dossiers qui en contiennent, ou motifs (« exemples/**/*.yaml »)')
    .addOption(
      new Option(
        '--format <format>',
        "format du rapport, toujours sur la sortie standard : text pour un lecteur, les autres pour l'intégration continue",
      )
        .choices(FORMATS)
        .default('text'),
    )
    .option('-q, --quiet', 'ne montrer que les problèmes : ni ligne par convention valide, ni bilan', false)
    .helpOption('-h, --help', "afficher l'aide")
    .action(async (files: string[], options: { format: Format; quiet: boolean }) => {
      const { validateCommand } = await import('./validate-command.js');
      setExitCode(await validateCommand(files, options));
    });

  program
    .command('types')
    .description('Lister les types de convention disponibles.')
    .helpOption('-h, --help', "afficher l'aide")
    .action(async () => {
      const { defaultRegistry } = await import('../core/registry.js');
      const { types } = defaultRegistry();
      const width = Math.max(...types.map((t) => t.id.length));
      for (const type of types) console.log(`${type.id.padEnd(width)}  ${type.description}`);
    });

  program
    .command('schema')
    .description("Afficher le schéma JSON d'un type de convention, tel que le lisent les éditeurs (document unique, messages en français).")
    .argument('<schéma>', "type de convention (voir « convention types »), ou « common » pour les définitions communes à tous les types")
    .helpOption('-h, --help', "afficher l'aide")
    .action(async (type: string) => {
      const { schemaCommand } = await import('./schema-command.js');
      setExitCode(await schemaCommand(type));
    });

  program
    .command('new')
    .description('Écrire une convention en répondant aux questions d’un assistant (dans un terminal), puis la rendre.')
    .option('-t, --type <type>', 'type de convention (voir « convention types ») ; demandé sinon')
    .option('-o, --output <fichier>', 'fichier YAML à écrire ; demandé sinon')
    .option('--avance', 'proposer aussi les rubriques avancées (délégataire, SIRET, présentation…)', false)
    .option('--reprendre <fichier>', 'reprendre un brouillon (<cible>.brouillon.yaml) ou rouvrir une convention existante')
    .helpOption('-h, --help', "afficher l'aide")
    .action(async (options: { type?: string; output?: string; avance: boolean; reprendre?: string }) => {
      const { newCommand } = await import('./new-command.js');
      setExitCode(await newCommand(options));
    });

  program
    .command('init')
    .description('Écrire le squelette commenté d’une convention, avec « À COMPLÉTER » à remplacer (sans question).')
    .argument('<type>', 'type de convention (voir « convention types »)')
    .option('-o, --output <fichier>', 'fichier YAML à écrire (par défaut <type>.yaml)')
    .option('-f, --force', 'remplacer un fichier existant', false)
    .helpOption('-h, --help', "afficher l'aide")
    .action(async (type: string, options: { output?: string; force: boolean }) => {
      const { initCommand } = await import('./init-command.js');
      setExitCode(await initCommand(type, options));
    });

  program
    .command('serve')
    .description('Servir les conventions d’un dossier dans le navigateur : formulaire, vérification et aperçu du document (sur 127.0.0.1).')
    .argument('[dossier]', 'dossier des conventions (par défaut : le dossier courant)')
    .option('-p, --port <port>', `port d'écoute (par défaut : 8410 ; 0 : un port libre)`)
    .option('--host <adresse>', "adresse d'écoute (par défaut : 127.0.0.1, cette machine seule)")
    .helpOption('-h, --help', "afficher l'aide")
    .action(async (folder: string | undefined, options: { port?: string; host?: string }) => {
      const { serveCommand } = await import('./serve-command.js');
      setExitCode(await serveCommand(folder, options));
    });

  program
    .command('completion')
    .description('Écrire le script de complétion des commandes et des options pour bash ou zsh.')
    .addArgument(new Argument('<shell>', 'shell de destination').choices(COMPLETION_SHELLS))
    .helpOption('-h, --help', "afficher l'aide")
    .action(async (shell: (typeof COMPLETION_SHELLS)[number]) => {
      const [{ completionScript }, { defaultRegistry }] = await Promise.all([import('./completion.js'), import('../core/registry.js')]);
      process.stdout.write(completionScript(program, shell, { types: defaultRegistry().types.map((type) => type.id) }));
    });

  for (const command of program.commands) {
    const commandGuide = GUIDES[command.name()];
    if (!commandGuide) throw new Error(`commande sans exemples ni codes de sortie dans son aide : ${command.name()}`);
    guide(command, commandGuide);
  }
  return program;
}

export async function main(argv: readonly string[]): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.Success;
  const program = buildProgram((code) => (exitCode = code));
  // Which command failed to parse, for the pointer to its own help (« convention render --help »).
  const failedIn = new WeakMap<CommanderError, Command>();
  for (const command of [program, ...program.commands]) {
    command.exitOverride((error) => {
      failedIn.set(error, command);
      throw error;
    });
  }
  if (argv.length === 0) {
    program.outputHelp();
    return ExitCode.Success;
  }
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return ExitCode.Success;
      // Commander quotes the arguments it refuses: their control characters are shown, not sent.
      console.error(visible(`convention : ${usageError(error, failedIn.get(error) ?? program, argv)}`));
      return ExitCode.UsageOrIo;
    }
    console.error(`convention : ${describeError(error)}`);
    return ExitCode.UsageOrIo;
  }
  return exitCode;
}

/** A usage error in French, with the help to read: the failing command's own. */
function usageError(error: CommanderError, command: Command, argv: readonly string[]): string {
  // `convention help <inconnue>`: commander shows the general help as an error, without a message.
  if (error.code === 'commander.help') return `commande inconnue « ${argv[1] ?? ''} » ; voir « convention --help ».`;
  const translate = COMMANDER_MESSAGES[error.code];
  return `${translate ? translate(error.message) : error.message} ; voir « ${commandPath(command)} --help ».`;
}
