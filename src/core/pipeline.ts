/**
 * The stages chained for one file: load → validate → compose → render → build → write. Returns
 * what happened as data; the CLI prints it. Heavy modules (docx, handlebars) are imported only by
 * `renderFile`, so validating never loads them.
 */
import { createHash } from 'node:crypto';
import { parseConvention, readConventionFile, type LoadedConvention } from './load.js';
import { hasErrors, type Problem } from './problem.js';
import { validateConvention } from './validate.js';
import { loadTypeModule } from '../types/registry.js';

export interface CheckResult {
  file: string;
  problems: Problem[];
  loaded?: LoadedConvention;
}

/** Reads, parses and validates one file. I/O failures throw a `UserError`. */
export async function checkFile(file: string): Promise<CheckResult> {
  const text = await readConventionFile(file);
  const parsed = parseConvention(text, file);
  if (!parsed.ok) return { file, problems: parsed.problems };
  const problems = await validateConvention(parsed.value);
  return { file, problems, loaded: parsed.value };
}

export interface RenderResult extends CheckResult {
  /** Path written, when the convention was valid and the document written. */
  output?: string;
}

export interface RenderOptions {
  force: boolean;
  templates?: readonly string[];
}

/** Validates one file and, if it has no error, writes its DOCX at `output`. */
export async function renderFile(file: string, output: string, options: RenderOptions): Promise<RenderResult> {
  const checked = await checkFile(file);
  if (!checked.loaded || hasErrors(checked.problems)) return checked;
  const bytes = await buildDocument(checked.loaded, options.templates);
  const { writeOutput } = await import('./write.js');
  await writeOutput(bytes, output, { force: options.force });
  return { ...checked, output };
}

/** Compose, render and build: the DOCX bytes of a valid convention, without touching the disk. */
export async function buildDocument(loaded: LoadedConvention, templates: readonly string[] = []): Promise<Buffer> {
  const [{ renderMarkdown, loadTemplateSet }, { buildDocx }] = await Promise.all([import('./render.js'), import('./docx.js')]);
  const module = await loadTypeModule(loaded.data.type as string);
  const model = module.compose(loaded.data);
  const markdown = templates.length > 0 ? renderMarkdown(model, loadTemplateSet(templates)) : renderMarkdown(model);
  return buildDocx(markdown, {
    ...model.meta,
    sourceSha256: createHash('sha256').update(loaded.text).digest('hex'),
  });
}
