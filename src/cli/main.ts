/**
 * The command line: parses arguments, calls the commands, prints, sets the exit code. Each command
 * is imported when chosen, so `--help` and `validate` never load docx or handlebars.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { PACKAGE_ROOT } from '../core/assets.js';
import { ExitCode } from '../core/errors.js';
import { describeError } from './run-files.js';

const COMMANDER_MESSAGES: Record<string, (message: string) => string> = {
  'commander.unknownCommand': (m) => `commande inconnue ${quoted(m)} ; voir « convention --help ».`,
  'commander.unknownOption': (m) => `option inconnue ${quoted(m)} ; voir « convention --help ».`,
  'commander.missingArgument': (m) => `argument manquant ${quoted(m)}.`,
  'commander.optionMissingArgument': (m) => `valeur manquante pour l'option ${quoted(m)}.`,
  'commander.excessArguments': () => 'trop d’arguments.',
  'commander.missingMandatoryOptionValue': (m) => `option obligatoire manquante ${quoted(m)}.`,
  'commander.invalidArgument': (m) => {
    const [option, value] = [...m.matchAll(/'([^']+)'/g)].map((match) => match[1]);
    const choices = m.split('Allowed choices are ')[1];
    return `valeur « ${value ?? '?'} » invalide pour ${option ?? "l'option"}${choices ? ` ; valeurs admises : ${choices}` : ''}`;
  },
};

function quoted(message: string): string {
  const match = /'([^']+)'/.exec(message);
  return match ? `« ${match[1]} »` : '';
}

function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export function buildProgram(setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('convention')
    .description("Conventions de partenariat de l'Assurance Maladie : YAML validé, rendu en DOCX prêt à signer.")
    .version(version(), '-V, --version', 'afficher la version')
    .helpOption('-h, --help', "afficher l'aide")
    .helpCommand('help [commande]', "afficher l'aide d'une commande")
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined });

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
    .addOption(new Option('--format <format>', 'format des diagnostics : text, json ou github (annotations GitHub Actions)').choices(['text', 'json', 'github']).default('text'))
    .helpOption('-h, --help', "afficher l'aide")
    .action(async (files: string[], options: { format: 'text' | 'json' | 'github' }) => {
      const { validateCommand } = await import('./validate-command.js');
      setExitCode(await validateCommand(files, options.format));
    });

  program
    .command('types')
    .description('Lister les types de convention disponibles.')
    .helpOption('-h, --help', "afficher l'aide")
    .action(async () => {
      const { CONVENTION_TYPES } = await import('../types/registry.js');
      const width = Math.max(...CONVENTION_TYPES.map((t) => t.id.length));
      for (const type of CONVENTION_TYPES) console.log(`${type.id.padEnd(width)}  ${type.description}`);
    });

  program
    .command('schema')
    .description("Afficher le schéma JSON d'un type de convention (pour un éditeur ou un autre outil).")
    .argument('<type>', 'type de convention (voir « convention types »)')
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
    .helpOption('-h, --help', "afficher l'aide")
    .action(async (options: { type?: string; output?: string; avance: boolean }) => {
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

  return program;
}

export async function main(argv: readonly string[]): Promise<ExitCode> {
  let exitCode: ExitCode = ExitCode.Success;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return ExitCode.Success;
      const translate = COMMANDER_MESSAGES[error.code];
      console.error(`convention : ${translate ? translate(error.message) : error.message}`);
      return ExitCode.UsageOrIo;
    }
    console.error(`convention : ${describeError(error)}`);
    return ExitCode.UsageOrIo;
  }
  return exitCode;
}
