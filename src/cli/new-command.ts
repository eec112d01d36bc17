/**
 * `convention new [--type T] [-o FICHIER] [--avance]`: the wizard. Asks the type, walks its schema
 * (src/wizard), checks the result with the same stages as `convention validate`, writes a commented
 * YAML (never over a file without asking), then offers to render it. Without a terminal it stops at
 * once and points to `convention init`; Ctrl-C, SIGTERM or SIGHUP leave no file behind, the cursor
 * shown, and exit 130.
 */
import { stat } from 'node:fs/promises';
import { ExitCode, UserError } from '../core/errors.js';
import { renderFile } from '../core/pipeline.js';
import { hasErrors } from '../core/problem.js';
import { writeOutput } from '../core/write.js';
import { defaultRegistry } from '../core/registry.js';
import { answerChecker } from '../wizard/answer-check.js';
import { conventionDocument } from '../wizard/document.js';
import { terminalPrompts, WizardAborted, type Prompts } from '../wizard/prompts.js';
import { checkText, formOf, guideOf, requireType, schemaReference, yamlName } from '../wizard/type-form.js';
import { askConvention } from '../wizard/wizard.js';
import { readWizardData } from '../wizard/wizard-data.js';
import { formatFailure, formatProblem, formatSuccess } from './report.js';

/** The shell's code for a command stopped by Ctrl-C (128 + SIGINT), for every interruption. */
export const INTERRUPTED = 130 as ExitCode;
export const INTERRUPTED_MESSAGE = 'Interrompu : aucun fichier écrit.';

/** Ctrl-C between prompts, kill, and the terminal closing. */
const INTERRUPTIONS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** DECTCEM « show cursor »: a list prompt hides the cursor while it waits. */
const SHOW_CURSOR = '\x1b[?25h';

export interface NewCommandOptions {
  type?: string;
  output?: string;
  /** Offer the advanced optional rubriques too. */
  avance?: boolean;
}

export interface NewCommandContext {
  /** The prompts (tests pass scripted ones); the terminal's by default. */
  prompts?: Prompts;
  /** Whether a user can answer (stdin is a terminal); only checked for the terminal's prompts. */
  interactive?: boolean;
  /** The day of the check, `YYYY-MM-DD` (tests pin it). */
  today?: string;
}

const exists = async (path: string) => (await stat(path).catch(() => undefined)) !== undefined;

export async function newCommand(options: NewCommandOptions, context: NewCommandContext = {}): Promise<ExitCode> {
  const interactive = context.interactive ?? Boolean(process.stdin.isTTY);
  if (!context.prompts && !interactive) {
    console.error(
      formatFailure(
        "convention new pose ses questions dans un terminal, et l'entrée standard n'en est pas un (CI, tube) : " +
          'utilisez « convention init <type> -o <fichier> » pour écrire un squelette à compléter.',
      ),
    );
    return ExitCode.UsageOrIo;
  }
  if (options.type !== undefined) requireType(options.type);
  if (options.output !== undefined && !yamlName(options.output)) {
    throw new UserError(`${options.output} : le fichier d'une convention se termine par .yaml ou .yml.`, 'sortie-invalide');
  }
  const prompts = context.prompts ?? terminalPrompts();
  let written: string | undefined;
  // Ctrl-C inside a prompt is a WizardAborted; between prompts (while checking) it is a signal, as
  // are SIGTERM and SIGHUP at any time. inquirer shows the cursor again when its prompt settles,
  // which an exit on a signal does not wait for: the cursor is shown here (a terminal's writes are
  // synchronous; after SIGHUP there may be no terminal left to write to).
  const onSignal = () => {
    if (process.stdout.isTTY) {
      try {
        process.stdout.write(`${SHOW_CURSOR}\n`);
      } catch {
        // The terminal is gone: nothing to restore.
      }
    }
    console.error(written ? `Interrompu : ${written} est écrit, document non rendu.` : INTERRUPTED_MESSAGE);
    process.exit(INTERRUPTED);
  };
  if (!context.prompts) for (const signal of INTERRUPTIONS) process.once(signal, onSignal);
  try {
    return await runWizard(options, prompts, context, (file) => (written = file));
  } catch (error) {
    if (error instanceof WizardAborted) {
      console.error(written ? `Interrompu : ${written} est écrit, document non rendu.` : INTERRUPTED_MESSAGE);
      return INTERRUPTED;
    }
    throw error;
  } finally {
    for (const signal of INTERRUPTIONS) process.removeListener(signal, onSignal);
  }
}

async function runWizard(
  options: NewCommandOptions,
  prompts: Prompts,
  context: NewCommandContext,
  onWritten: (file: string) => void,
): Promise<ExitCode> {
  const type = requireType(
    options.type ??
      (await prompts.select<string>({
        kind: 'session',
        path: 'type',
        message: 'Type de convention',
        choices: defaultRegistry().types.map((t) => ({ value: t.id, name: `${t.id} — ${t.description}` })),
      })),
  );
  const output = await chooseOutput(options.output, type.id, prompts);
  const overwrite = output.overwrite;

  prompts.note(`\n${type.description}`);
  if (!options.avance) {
    prompts.note('Les rubriques avancées sont omises (relancez avec --avance pour les proposer) ; vous pourrez les ajouter dans le fichier.');
  }
  const form = formOf(type.id);
  const data = await askConvention(form, prompts, {
    data: readWizardData(),
    check: await answerChecker(),
    advanced: options.avance ?? false,
    guide: await guideOf(type.id),
  });

  const document = conventionDocument(form, data, {
    schemaPath: schemaReference(output.path, type),
    header: [`${type.description} — écrite avec « convention new ».`],
  });
  const text = document.toString({ lineWidth: 100, flowCollectionPadding: false });
  const problems = await checkText(text, output.path, context.today);
  for (const problem of problems) console.error(formatProblem(problem, text));
  if (hasErrors(problems)) {
    console.error(formatFailure(`${output.path} : convention invalide, aucun fichier écrit.`));
    return ExitCode.InvalidConvention;
  }
  await writeOutput(Buffer.from(text, 'utf8'), output.path, { force: overwrite });
  onWritten(output.path);
  console.log(formatSuccess(`${output.path} : convention écrite.`));

  const render = await prompts.confirm({ kind: 'session', path: 'render', message: 'Rendre le document DOCX maintenant ?', default: true });
  if (!render) {
    prompts.note(`Pour le rendre plus tard : convention render ${output.path}`);
    return ExitCode.Success;
  }
  const docx = output.path.replace(/\.ya?ml$/i, '.docx');
  let force = false;
  if (await exists(docx)) {
    force = await prompts.confirm({ kind: 'session', path: 'render-overwrite', message: `${docx} existe déjà : le remplacer ?`, default: false });
    if (!force) {
      prompts.note(`Document non rendu ; pour l'écrire ailleurs : convention render ${output.path} -o <fichier.docx>`);
      return ExitCode.Success;
    }
  }
  const result = await renderFile(output.path, docx, { force });
  for (const problem of result.problems) console.error(formatProblem(problem, result.text));
  if (!result.outputs) {
    console.error(formatFailure(`${output.path} : document non rendu.`));
    return ExitCode.InvalidConvention;
  }
  console.log(formatSuccess(`${output.path} → ${result.outputs.join(', ')}`));
  return ExitCode.Success;
}

/** The file to write: `-o`, or asked; an existing file only with the user's yes. */
async function chooseOutput(given: string | undefined, typeId: string, prompts: Prompts): Promise<{ path: string; overwrite: boolean }> {
  let path = given;
  for (;;) {
    path ??= (
      await prompts.input({
        kind: 'session',
        path: 'output',
        message: 'Fichier YAML à écrire',
        default: `${typeId}.yaml`,
        validate: (text) => (yamlName(text.trim()) ? true : 'Le nom doit se terminer par .yaml ou .yml.'),
      })
    ).trim();
    if (!(await exists(path))) return { path, overwrite: false };
    const info = await stat(path);
    if (!info.isDirectory()) {
      const overwrite = await prompts.confirm({ kind: 'session', path: 'overwrite', message: `${path} existe déjà : le remplacer ?`, default: false });
      if (overwrite) return { path, overwrite: true };
    } else prompts.note(`${path} est un dossier.`);
    path = undefined;
  }
}
