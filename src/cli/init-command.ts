/**
 * `convention init <type> [-o FICHIER] [--force]`: writes a commented skeleton of the type, with
 * « À COMPLÉTER » where the user's values go. Non-interactive: the way to start a convention in CI,
 * in a script, or without a terminal.
 */
import { ExitCode, UserError } from '../core/errors.js';
import { writeOutput } from '../core/write.js';
import { answerChecker } from '../wizard/answer-check.js';
import { conventionDocument } from '../wizard/document.js';
import { MARKER, skeletonOf } from '../wizard/skeleton.js';
import { checkText, formOf, guideOf, requireType, schemaReference, yamlName, type TypeGuide } from '../wizard/type-form.js';
import { readWizardData, type Skeleton } from '../wizard/wizard-data.js';
import type { Problem } from '../core/problem.js';
import { formatFailure, formatSuccess } from './report.js';

export interface InitCommandOptions {
  output?: string;
  force?: boolean;
}

export interface SkeletonChoices {
  /** The skeleton's start instead of the catalogue's (`convention serve`: a model, stock parties chosen). */
  squelette?: (catalogue: Skeleton | undefined, guide: TypeGuide) => Skeleton | undefined;
  /** How the header names the file (`output` by default). */
  shownAs?: string;
  /** The command named in the header as the skeleton's writer (`convention init <type>` by default). */
  writer?: string;
}

/** The skeleton's text, the number of markers it holds, and its problems other than markers (a gap in the type's data). */
export async function skeletonText(typeId: string, output: string, choices: SkeletonChoices = {}): Promise<{ text: string; markers: number; gaps: Problem[] }> {
  const type = requireType(typeId);
  const form = formOf(type.id);
  const guide = await guideOf(type.id);
  const squelette = choices.squelette ? choices.squelette(guide.squelette, guide) : guide.squelette;
  const { data } = skeletonOf(form, { data: readWizardData(), check: await answerChecker(), guide: { ...guide, squelette } });
  const shown = choices.shownAs ?? output;
  const document = conventionDocument(form, data, {
    schemaPath: schemaReference(output, type),
    header: [
      `${type.description} — squelette écrit par « ${choices.writer ?? `convention init ${type.id}`} ».`,
      `Remplacez chaque « ${MARKER} » par la valeur réelle, puis : convention validate ${shown} (qui dit, pour chaque valeur restante, la forme ou les valeurs admises)`,
    ],
    listOmitted: true,
  });
  const text = document.toString({ lineWidth: 100, flowCollectionPadding: false });
  // The skeleton should fail on its markers only; anything else is a gap in the wizard's data for
  // this type (templates/wizard/presets.yaml): the file is still written, with a warning.
  const problems = await checkText(text, output);
  const gaps = problems.filter((p) => p.severity === 'error' && p.code !== 'texte-a-completer');
  return { text, markers: countMarkers(data), gaps };
}

/** The values left « À COMPLÉTER » (counted in the data: validate may stop at the schema's refusals). */
function countMarkers(value: unknown): number {
  if (typeof value === 'string') return value.includes(MARKER) ? 1 : 0;
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + countMarkers(item), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce<number>((sum, item) => sum + countMarkers(item), 0);
  return 0;
}

export async function initCommand(typeId: string, options: InitCommandOptions): Promise<ExitCode> {
  const output = options.output ?? `${typeId}.yaml`;
  if (!yamlName(output)) throw new UserError(`${output} : le fichier d'une convention se termine par .yaml ou .yml.`, 'sortie-invalide');
  const { text, markers, gaps } = await skeletonText(typeId, output);
  for (const problem of gaps) {
    console.error(formatFailure(`${output} : à corriger aussi (le squelette de ce type est incomplet) : ${problem.path} ${problem.message}`));
  }
  await writeOutput(Buffer.from(text, 'utf8'), output, { force: options.force ?? false });
  console.log(formatSuccess(`${output} : squelette écrit (${markers} valeur${markers > 1 ? 's' : ''} « ${MARKER} » à remplacer), puis « convention validate ${output} ».`));
  return ExitCode.Success;
}
