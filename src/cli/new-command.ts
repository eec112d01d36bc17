/**
 * `convention new [--type T] [-o FICHIER] [--avance]`: the wizard. Asks the type, walks its schema
 * (src/wizard), checks the result with the same stages as `convention validate`, writes a commented
 * YAML (never over a file without asking), then offers to render it. The answers are kept as the
 * walk goes in a draft beside the target (`<cible>.brouillon.yaml`, removed on success): a final
 * check that fails re-asks only the answers it concerns, or leaves the draft with the problems;
 * Ctrl-C offers to keep it, SIGTERM and SIGHUP keep it; `--reprendre` resumes a draft or re-opens a
 * convention. Without a terminal it stops at once and points to `convention init`; interrupted, it
 * shows the cursor again and exits 130.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { stringify } from 'yaml';
import { ExitCode, UserError } from '../core/errors.js';
import { renderFile } from '../core/pipeline.js';
import { hasErrors, type Problem } from '../core/problem.js';
import { parseConvention, readConventionFile } from '../core/load.js';
import { localToday } from '../core/validate.js';
import { temporaryPath, writeOutput } from '../core/write.js';
import { defaultRegistry } from '../core/registry.js';
import { answerChecker } from '../wizard/answer-check.js';
import { conventionDocument } from '../wizard/document.js';
import { terminalPrompts, WizardAborted, type Prompts } from '../wizard/prompts.js';
import { checkText, formOf, guideOf, requireType, schemaReference, yamlName } from '../wizard/type-form.js';
import { askConvention, type Prefill } from '../wizard/wizard.js';
import { draftPathOf, draftText, readDraftInfo, targetOfDraft } from '../wizard/draft.js';
import { fillableProperties, labelOf, toPointer, type ObjectField } from '../wizard/schema-walk.js';
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
  /** A draft to resume, or a convention to re-open (`--reprendre FICHIER`). */
  reprendre?: string;
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
  const session: Session = {};
  // Ctrl-C inside a prompt is a WizardAborted; between prompts (while checking) it is a signal, as
  // are SIGTERM and SIGHUP at any time: then the draft, already on disk, is kept without asking.
  // inquirer shows the cursor again when its prompt settles, which an exit on a signal does not
  // wait for: the cursor is shown here (a terminal's writes are synchronous; after SIGHUP there may
  // be no terminal left to write to).
  const onSignal = () => {
    if (process.stdout.isTTY) {
      try {
        process.stdout.write(`${SHOW_CURSOR}\n`);
      } catch {
        // The terminal is gone: nothing to restore.
      }
    }
    console.error(interruptedMessage(session, true));
    process.exit(INTERRUPTED);
  };
  if (!context.prompts) for (const signal of INTERRUPTIONS) process.once(signal, onSignal);
  try {
    return await runWizard(options, prompts, context, session);
  } catch (error) {
    if (error instanceof WizardAborted) {
      let keep = true;
      if (session.draft && session.draftWritten) {
        try {
          keep = await prompts.confirm({ kind: 'session', path: 'keep-draft', message: `Garder le brouillon ${session.draft} pour reprendre plus tard ?`, default: true });
        } catch (again) {
          // A second Ctrl-C: nothing is lost.
          if (!(again instanceof WizardAborted)) throw again;
        }
        if (!keep) removeDraft(session);
      }
      console.error(interruptedMessage(session, keep));
      return INTERRUPTED;
    }
    throw error;
  } finally {
    for (const signal of INTERRUPTIONS) process.removeListener(signal, onSignal);
  }
}

/**
 * A logo named in an answer, checked when given by `validate`'s own logo checks (inside the YAML's
 * folder, a PNG or JPEG within bounds), relative to the file the convention will be written to.
 */
async function checkLogo(pointer: string, value: string, output: string): Promise<string | undefined> {
  if (!/^\/parties\/\d+\/logo$/.test(pointer)) return undefined;
  const parsed = parseConvention(stringify({ parties: [{ role: 'partie', logo: value }] }), output);
  if (!parsed.ok) return undefined;
  const { loadLogos } = await import('../core/logos.js');
  return (await loadLogos(parsed.value)).problems[0]?.message;
}

/** What an interruption leaves: the file written, the draft kept, or nothing. */
interface Session {
  written?: string;
  draft?: string;
  draftWritten?: boolean;
}

function interruptedMessage(session: Session, draftKept: boolean): string {
  if (session.written) return `Interrompu : ${session.written} est écrit, document non rendu.`;
  if (session.draft && session.draftWritten && draftKept) {
    return `Interrompu : réponses gardées dans ${session.draft} ; reprenez avec « convention new --reprendre ${session.draft} ».`;
  }
  return INTERRUPTED_MESSAGE;
}

/**
 * Writes the draft whole or not at all (a temporary file renamed over it), synchronously: it is
 * written before each question, and a signal may end the process at any moment.
 */
function saveDraft(session: Session, text: string): void {
  const draft = session.draft!;
  // A temporary name of the write stage's kind: removed by its clean-up if this process is killed.
  const temporary = temporaryPath(draft, 'tmp');
  try {
    writeFileSync(temporary, text, 'utf8');
    renameSync(temporary, draft);
    session.draftWritten = true;
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never written.
    }
    throw new UserError(`${draft} : brouillon impossible à écrire (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, 'ecriture-impossible');
  }
}

function removeDraft(session: Session): void {
  if (!session.draft || !session.draftWritten) return;
  try {
    unlinkSync(session.draft);
  } catch {
    // Already gone.
  }
  session.draftWritten = false;
}

/** A draft or convention read back: its type, its answers, where its walk stopped. */
interface Earlier {
  file: string;
  data: Record<string, unknown>;
  isDraft: boolean;
  stop?: string;
}

async function readEarlier(file: string): Promise<Earlier> {
  const { text } = await readConventionFile(file);
  const parsed = parseConvention(text, file);
  if (!parsed.ok) {
    for (const problem of parsed.problems) console.error(formatProblem(problem, text));
    throw new UserError(`${file} : fichier illisible, il ne peut pas être repris.`, 'reprise-impossible');
  }
  const info = readDraftInfo(text);
  return { file, data: parsed.value.data, isDraft: info !== undefined, ...(info?.stop ? { stop: info.stop } : {}) };
}

async function runWizard(options: NewCommandOptions, prompts: Prompts, context: NewCommandContext, session: Session): Promise<ExitCode> {
  let earlier: Earlier | undefined = options.reprendre !== undefined ? await readEarlier(options.reprendre) : undefined;
  if (earlier && options.type !== undefined && earlier.data.type !== options.type) {
    throw new UserError(`${earlier.file} est une convention de type « ${String(earlier.data.type)} », pas « ${options.type} ».`, 'reprise-impossible');
  }
  const type = requireType(
    earlier
      ? typeof earlier.data.type === 'string'
        ? earlier.data.type
        : ''
      : (options.type ??
          (await prompts.select<string>({
            kind: 'session',
            path: 'type',
            message: 'Type de convention',
            choices: defaultRegistry().types.map((t) => ({ value: t.id, name: `${t.id} — ${t.description}` })),
          }))),
  );
  const given = options.output ?? (earlier ? (earlier.isDraft ? targetOfDraft(earlier.file) : earlier.file) : undefined);
  const output = await chooseOutput(given, type.id, prompts);
  session.draft = draftPathOf(output.path);
  if (!earlier && (await exists(session.draft))) {
    const resume = await prompts.confirm({ kind: 'session', path: 'resume', message: `Un brouillon existe pour ${output.path} (${session.draft}) : le reprendre ?`, default: true });
    if (!resume) {
      session.draft = undefined;
      throw new UserError(`${draftPathOf(output.path)} existe : reprenez-le (convention new --reprendre ${draftPathOf(output.path)}) ou supprimez-le avant de recommencer.`, 'brouillon-existant');
    }
    earlier = await readEarlier(session.draft);
    if (earlier.data.type !== type.id) throw new UserError(`${session.draft} est un brouillon de type « ${String(earlier.data.type)} ».`, 'reprise-impossible');
  }
  // The draft being resumed is this run's draft: kept, or removed on success, like one it wrote.
  if (earlier && earlier.file === session.draft) session.draftWritten = true;

  prompts.note(`\n${type.description}`);
  if (!options.avance) {
    prompts.note('Les rubriques avancées sont omises (relancez avec --avance pour les proposer) ; vous pourrez les ajouter dans le fichier.');
  }
  const form = formOf(type.id);
  const schemaPath = schemaReference(output.path, type);
  const guide = await guideOf(type.id);
  const check = await answerChecker();
  const keep = (data: Record<string, unknown>, stop?: string, problems?: readonly Problem[]) =>
    saveDraft(session, draftText(form, { type: type.id, ...data }, { schemaPath, draft: session.draft!, ...(stop ? { stop } : {}), ...(problems ? { problems } : {}) }));

  let prefill = earlier ? await prefillOf(earlier, form, prompts, output.path, context) : undefined;
  for (;;) {
    const data = await askConvention(form, prompts, {
      data: readWizardData(),
      check,
      advanced: options.avance ?? false,
      guide,
      ...(prefill ? { prefill } : {}),
      today: context.today ?? localToday(),
      checkFile: (pointer, value) => checkLogo(pointer, value, output.path),
      // Before the first answer there is nothing to keep.
      onQuestion: (stop, answers) => {
        if (session.draftWritten || Object.keys(answers).some((key) => key !== 'type')) keep(answers, stop);
      },
    });
    const text = conventionDocument(form, data, { schemaPath, header: [`${type.description} — écrite avec « convention new ».`] }).toString({
      lineWidth: 100,
      flowCollectionPadding: false,
    });
    const problems = await checkText(text, output.path, context.today);
    if (!hasErrors(problems)) {
      await writeOutput(Buffer.from(text, 'utf8'), output.path, { force: output.overwrite });
      session.written = output.path;
      removeDraft(session);
      console.log(formatSuccess(`${output.path} : convention écrite.`));
      break;
    }
    // Nothing is lost: the answers and the problems go to the draft, the problems are shown by
    // rubrique (the convention is not written: no line of it to point at).
    const errors = problems.filter((p) => p.severity === 'error');
    keep(data, undefined, errors);
    for (const problem of errors) console.error(formatProblem({ ...problem, file: output.path, line: 0, column: 0 }));
    const concerned = [...new Set(errors.map((p) => p.path).filter((path) => path !== ''))];
    const fix =
      concerned.length > 0 &&
      (await prompts.confirm({
        kind: 'session',
        path: 'fix',
        message: `Corriger maintenant ${concerned.length > 1 ? `les ${concerned.length} réponses en cause` : 'la réponse en cause'} ?`,
        default: true,
      }));
    if (!fix) {
      console.error(
        formatFailure(
          `${output.path} : convention invalide, non écrite ; vos réponses et les problèmes sont dans ${session.draft} : reprenez avec « convention new --reprendre ${session.draft} ».`,
        ),
      );
      return ExitCode.InvalidConvention;
    }
    prefill = { data, reask: concerned };
  }
  return offerRender(output.path, prompts);
}

/**
 * What a resumed walk replays: a draft's answers up to where it stopped (one whose walk had ended
 * re-asks the answers its problems concern); a convention re-opened, its answers, the sections the
 * user picks asked again.
 */
async function prefillOf(earlier: Earlier, form: ObjectField, prompts: Prompts, output: string, context: NewCommandContext): Promise<Prefill> {
  const { type: _type, ...data } = earlier.data;
  if (earlier.isDraft) {
    prompts.note(`Reprise de ${earlier.file} : les réponses déjà données sont gardées, seules les autres sont demandées.`);
    if (earlier.stop) return { data, stop: earlier.stop };
    const text = conventionDocument(form, earlier.data, { schemaPath: 'x' }).toString();
    const problems = (await checkText(text, output, context.today)).filter((p) => p.severity === 'error');
    return { data, reask: [...new Set(problems.map((p) => p.path))] };
  }
  const sections = fillableProperties(form).filter((p) => p.kind !== 'const');
  const picked = await prompts.checkbox<string>({
    kind: 'session',
    path: 'sections',
    message: `Rubriques de ${earlier.file} à reprendre`,
    help: 'Les autres sont gardées telles quelles.',
    choices: sections.map((p) => ({ value: toPointer([p.key]), name: labelOf(p) })),
    validate: (values) => (values.length > 0 ? true : 'Cochez au moins une rubrique (espace pour cocher).'),
  });
  return { data, reask: picked };
}

async function offerRender(path: string, prompts: Prompts): Promise<ExitCode> {
  const render = await prompts.confirm({ kind: 'session', path: 'render', message: 'Rendre le document DOCX maintenant ?', default: true });
  if (!render) {
    prompts.note(`Pour le rendre plus tard : convention render ${path}`);
    return ExitCode.Success;
  }
  const docx = path.replace(/\.ya?ml$/i, '.docx');
  let force = false;
  if (await exists(docx)) {
    force = await prompts.confirm({ kind: 'session', path: 'render-overwrite', message: `${docx} existe déjà : le remplacer ?`, default: false });
    if (!force) {
      prompts.note(`Document non rendu ; pour l'écrire ailleurs : convention render ${path} -o <fichier.docx>`);
      return ExitCode.Success;
    }
  }
  const result = await renderFile(path, docx, { force });
  for (const problem of result.problems) console.error(formatProblem(problem, result.text));
  if (!result.outputs) {
    console.error(formatFailure(`${path} : document non rendu.`));
    return ExitCode.InvalidConvention;
  }
  console.log(formatSuccess(`${path} → ${result.outputs.join(', ')}`));
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
