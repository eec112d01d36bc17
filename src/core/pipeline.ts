/**
 * The stages chained for one file: load → validate → compose → render → build → write. Returns
 * what happened as data; the CLI prints it. Heavy modules (docx, handlebars) are imported only by
 * `renderFile`, so validating never loads them.
 */
import { loadLogos, parseConvention, readConventionFile, type LoadedConvention, type Logo } from './load.js';
import { hasErrors, type Problem } from './problem.js';
import { validateConvention, type ValidateOptions } from './validate.js';
import { loadTypeModule } from '../types/registry.js';

export interface CheckResult {
  file: string;
  problems: Problem[];
  /** The file's text, when it could be read (for code frames). */
  text?: string;
  loaded?: LoadedConvention;
  /** The parties' logos, read from disk for a valid convention. */
  logos?: Logo[];
}

/** Reads, parses and validates one file. I/O failures throw a `UserError`. */
export async function checkFile(file: string, options: ValidateOptions = {}): Promise<CheckResult> {
  const text = await readConventionFile(file);
  const parsed = parseConvention(text, file);
  if (!parsed.ok) return { file, problems: parsed.problems, text };
  const problems = await validateConvention(parsed.value, options);
  if (hasErrors(problems)) return { file, problems, text, loaded: parsed.value };
  // Only a valid convention has its logos read: their paths come from validated data.
  const { logos, problems: logoProblems } = await loadLogos(parsed.value);
  return { file, problems: [...problems, ...logoProblems], text, loaded: parsed.value, logos };
}

export interface RenderResult extends CheckResult {
  /** Paths written (the convention, then its separate annexes), when the convention was valid. */
  outputs?: string[];
}

/** A convention's DOCX, and the DOCX of each annex its model keeps as a separate document. */
export interface BuiltDocument {
  document: Buffer;
  annexes: { numero: number; bytes: Buffer }[];
}

/** `montbrison.docx` → `montbrison-annexe-6.docx`. */
export function annexPath(output: string, numero: number): string {
  return output.replace(/(\.docx)?$/i, `-annexe-${numero}.docx`);
}

export interface RenderOptions {
  force: boolean;
  templates?: readonly string[];
}

/** Validates one file and, if it has no error, writes its DOCX at `output`. */
export async function renderFile(file: string, output: string, options: RenderOptions): Promise<RenderResult> {
  const checked = await checkFile(file);
  if (!checked.loaded || hasErrors(checked.problems)) return checked;
  const built = await buildDocument(checked.loaded, options.templates, checked.logos);
  const { writeOutputs } = await import('./write.js');
  const files = [
    { path: output, bytes: built.document },
    ...built.annexes.map((annex) => ({ path: annexPath(output, annex.numero), bytes: annex.bytes })),
  ];
  await writeOutputs(files, { force: options.force });
  return { ...checked, outputs: files.map((f) => f.path) };
}

/** Compose, render and build: the DOCX bytes of a valid convention, without touching the disk. */
export async function buildDocument(
  loaded: LoadedConvention,
  templates: readonly string[] = [],
  logos: readonly Logo[] = [],
): Promise<BuiltDocument> {
  // node:crypto too (some 4 ms to load): `validate` does without it.
  const [{ renderMarkdown, templatesFor }, { buildDocx }, { createHash }] = await Promise.all([
    import('./render.js'),
    import('./docx.js'),
    import('node:crypto'),
  ]);
  const [module, templateSet] = await Promise.all([loadTypeModule(loaded.data.type as string), templatesFor(templates)]);
  const model = module.compose(loaded.data);
  const rendered = renderMarkdown(model, templateSet);
  const sourceSha256 = createHash('sha256').update(loaded.text).digest('hex');
  return {
    document: await buildDocx(rendered.document, { ...model.meta, sourceSha256, logos }),
    annexes: await Promise.all(
      rendered.annexes.map(async (annex) => ({
        numero: annex.numero,
        bytes: await buildDocx(annex.markdown, { ...model.meta, title: `Annexe ${annex.numero} : ${annex.titre}`, sourceSha256 }),
      })),
    ),
  };
}
