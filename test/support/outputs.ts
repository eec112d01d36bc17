import { join } from 'node:path';
import { annexPath, buildDocument, checkFile } from '../../src/core/pipeline.js';

/**
 * The names of the files `render` writes for one valid convention, its output named `base.docx`: the
 * DOCX, then one per annex its model keeps as a separate document. Derived from the engine's own
 * build, so that tests counting output files follow the examples and models rather than a typed number.
 */
export async function outputNames(yaml: string, base: string): Promise<string[]> {
  const checked = await checkFile(yaml);
  if (!checked.loaded) throw new Error(`${yaml} : ${JSON.stringify(checked.problems)}`);
  const { annexes } = await buildDocument(checked.loaded, [], checked.logos);
  const docx = `${base}.docx`;
  return [docx, ...annexes.map((annex) => annexPath(docx, annex.numero))];
}

/** `outputNames` for several YAML files of one folder, each output named after its YAML. */
export async function outputNamesOf(folder: string, yamls: readonly string[], rename: (yaml: string) => string = (y) => y): Promise<string[]> {
  const names = await Promise.all(yamls.map((yaml) => outputNames(join(folder, rename(yaml)), yaml.replace(/\.ya?ml$/, ''))));
  return names.flat();
}
