/**
 * The wizard's draft (`<cible>.brouillon.yaml`): the answers given so far, as a commented convention,
 * with in its header where the walk stopped and, after a failed final check, the problems to
 * correct — on their rubrique too. `convention new --reprendre` reads it back. Pure: text in, text
 * out; the CLI writes and removes the file.
 */
import { isMap, isSeq, type Node } from 'yaml';
import type { Problem } from '../core/problem.js';
import { commentLines, conventionDocument } from './document.js';
import type { ObjectField } from './schema-walk.js';

/** The draft beside a target: `marolles.yaml` → `marolles.brouillon.yaml`. */
export function draftPathOf(target: string): string {
  return target.replace(/(\.ya?ml)$/i, '.brouillon$1');
}

/** The target of a draft: `marolles.brouillon.yaml` → `marolles.yaml`. */
export function targetOfDraft(draft: string): string {
  return draft.replace(/\.brouillon(\.ya?ml)$/i, '$1');
}

/** The header line that marks a draft; the one after it says where the walk stopped. */
const MARK = 'Brouillon de « convention new »';
const STOP = 'Reprise à la question : ';

export interface DraftInfo {
  /** The question the walk stopped at (`kind:pointer`), absent when the walk had ended. */
  stop?: string;
}

export function draftText(
  form: ObjectField,
  data: Record<string, unknown>,
  options: { schemaPath: string; draft: string; stop?: string; problems?: readonly Problem[] },
): string {
  const problems = options.problems ?? [];
  const header = [
    `${MARK} : les réponses données jusqu'ici. Reprenez-le avec « convention new --reprendre ${options.draft} » ; il est supprimé quand la convention est écrite.`,
    ...(options.stop ? [`${STOP}${options.stop}`] : []),
    ...(problems.length > 0
      ? ['Problèmes à corriger (les réponses en cause sont redemandées à la reprise) :', ...problems.map((p) => `✗ ${p.path || '/'} : ${p.message}`)]
      : []),
  ];
  const document = conventionDocument(form, data, { schemaPath: options.schemaPath, header });
  // Each problem also beside its rubrique, where the editor shows it.
  for (const problem of problems) {
    if (!problem.path) continue;
    const segments = problem.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    const node = document.getIn(segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s)), true) as Node | undefined;
    if (node && typeof node === 'object') {
      const comment = commentLines(`✗ ${problem.message}`);
      if (isMap(node) || isSeq(node)) node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${comment}` : comment;
      else node.comment = node.comment ? `${node.comment}\n${comment}` : comment;
    }
  }
  return document.toString({ lineWidth: 100, flowCollectionPadding: false });
}

/** Whether `text` is a draft the wizard wrote, and where its walk stopped (from its header's comment lines). */
export function readDraftInfo(text: string): DraftInfo | undefined {
  const header: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    header.push(line.slice(1).trim());
  }
  if (!header.some((line) => line.startsWith(MARK))) return undefined;
  const stop = header.find((line) => line.startsWith(STOP))?.slice(STOP.length).trim();
  return stop ? { stop } : {};
}
