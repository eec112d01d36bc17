/**
 * The stages chained for one file: load → validate → compose → render → build → write. Returns
 * what happened as data; the CLI prints it. Heavy modules (docx, handlebars) are imported only by
 * `renderFile`, so validating never loads them.
 */
import { parseConvention, readConventionFile, type LoadedConvention } from './load.js';
import { loadAnnexFiles, type SuppliedAnnex } from './annex-files.js';
import { loadLogos, type Logo } from './logos.js';
import { hasErrors, type Problem } from './problem.js';
import type { DocumentModel } from './model.js';
import { defaultRegistry } from './registry.js';
import { validateConvention, type ValidateOptions } from './validate.js';

export interface CheckResult {
  file: string;
  problems: Problem[];
  /** The file's text, when it could be read (for code frames). */
  text?: string;
  loaded?: LoadedConvention;
  /** The parties' logos, read from disk for a valid convention. */
  logos?: Logo[];
  /** The annexes it supplies as files (PDF or DOCX), read and checked for a valid convention. */
  annexFiles?: SuppliedAnnex[];
}

/** Reads, parses and validates one file. I/O failures throw a `UserError`. */
export async function checkFile(file: string, options: ValidateOptions = {}): Promise<CheckResult> {
  const { text, bytes } = await readConventionFile(file);
  const parsed = parseConvention(text, file);
  if (!parsed.ok) return { file, problems: parsed.problems, text };
  parsed.value.sourceBytes = bytes;
  return { file, text, ...(await checkLoaded(parsed.value, options)) };
}

/**
 * Validates a parsed convention, then reads the files it names (logos, annexes) beside
 * `loaded.file`: every check `validate` makes past parsing. `convention serve` checks a form's data
 * with it, so that its problems stay exactly `validate`'s.
 */
export async function checkLoaded(loaded: LoadedConvention, options: ValidateOptions = {}): Promise<Omit<CheckResult, 'file' | 'text'>> {
  const problems = await validateConvention(loaded, options);
  if (hasErrors(problems)) return { problems, loaded };
  // Only a valid convention has its logos and annex files read: their paths come from validated data.
  const [{ logos, problems: logoProblems }, { annexes: annexFiles, problems: annexProblems }] = await Promise.all([loadLogos(loaded), loadAnnexFiles(loaded)]);
  return { problems: [...problems, ...logoProblems, ...annexProblems], loaded, logos, annexFiles };
}

export interface RenderResult extends CheckResult {
  /** Paths written (the convention, its separate annexes, then their PDFs), when the convention was valid. */
  outputs?: string[];
}

/** A convention's DOCX, and the DOCX of each annex its model keeps as a separate document. */
export interface BuiltDocument {
  document: Buffer;
  annexes: { numero: number; bytes: Buffer }[];
  /** The annexes the YAML supplies as files, in the document's numbering (appended to its PDF). */
  supplied: { numero: number; titre: string; fichier: string }[];
}

/** `montbrison.docx` → `montbrison-annexe-6.docx`. */
export function annexPath(output: string, numero: number): string {
  return output.replace(/(\.docx)?$/i, `-annexe-${numero}.docx`);
}

/** `montbrison.docx` → `montbrison.pdf`. */
export function pdfPath(docx: string): string {
  return docx.replace(/(\.docx)?$/i, '.pdf');
}

export interface RenderOptions {
  force: boolean;
  templates?: readonly string[];
  /** Also the PDF of each document, each conversion given `timeoutSeconds` (see pdf.ts). */
  pdf?: { timeoutSeconds: number };
  /** A retry: the paths that existed before the command started (see write.ts). */
  existedBefore?: readonly string[];
  /** Stops the work (Ctrl-C) before anything is written: the promise rejects with the reason. */
  signal?: AbortSignal;
}

/**
 * Validates one file and, if it has no error, writes its DOCX at `output`, the DOCX of each of its
 * separate annexes beside it and, with `pdf`, the PDF of each: one set, written all or none.
 */
export async function renderFile(file: string, output: string, options: RenderOptions): Promise<RenderResult> {
  const checked = await checkFile(file);
  if (!checked.loaded || hasErrors(checked.problems)) return checked;
  const { checkTarget, writeOutputs } = await import('./write.js');
  // With PDFs, what can be refused is refused before the conversions, which take seconds (the PDF
  // that exists as much as the DOCX); writeOutputs checks every file before it writes any anyway.
  if (options.pdf) for (const path of [output, pdfPath(output)]) await checkTarget(path, options);
  options.signal?.throwIfAborted();
  const built = await buildDocument(checked.loaded, options.templates, checked.logos);
  const documents = [
    { path: output, bytes: built.document as Uint8Array },
    ...built.annexes.map((annex) => ({ path: annexPath(output, annex.numero), bytes: annex.bytes as Uint8Array })),
  ];
  const files = [...documents];
  if (options.pdf) {
    // The annexes' names are known now.
    for (const { path } of documents.slice(1)) for (const target of [path, pdfPath(path)]) await checkTarget(target, options);
    const { docxToPdf } = await import('./pdf.js');
    const conversion = { timeoutSeconds: options.pdf.timeoutSeconds, signal: options.signal };
    files.push({ path: pdfPath(output), bytes: await conventionPdf(built, checked.annexFiles ?? [], output, conversion) });
    for (const { path, bytes } of documents.slice(1)) files.push({ path: pdfPath(path), bytes: await docxToPdf(bytes, path, conversion) });
  }
  options.signal?.throwIfAborted();
  await writeOutputs(files, options);
  return { ...checked, outputs: files.map((f) => f.path) };
}

export interface PdfConversion {
  timeoutSeconds: number;
  signal?: AbortSignal;
}

/**
 * The convention's PDF, as `render --pdf` writes it and `serve` downloads it: its DOCX converted by
 * LibreOffice, with the annexes it supplies as files appended at their places.
 */
export async function conventionPdf(built: BuiltDocument, files: readonly SuppliedAnnex[], label: string, conversion: PdfConversion): Promise<Uint8Array> {
  const { docxToPdf } = await import('./pdf.js');
  const pdf = await docxToPdf(built.document, label, conversion);
  return built.supplied.length > 0 ? withSuppliedAnnexes(pdf, built.supplied, files, label, conversion) : pdf;
}

/**
 * The convention's PDF with the annexes it supplies as files appended at their places (a DOCX
 * converted by LibreOffice first). pdf-lib loads here only, for a convention that has such annexes.
 */
async function withSuppliedAnnexes(
  pdf: Uint8Array,
  supplied: BuiltDocument['supplied'],
  files: readonly SuppliedAnnex[],
  output: string,
  conversion: PdfConversion,
): Promise<Uint8Array> {
  const [{ docxToPdf }, { appendAnnexes, AnnexPdfError }, { UserError }, { typography }] = await Promise.all([
    import('./pdf.js'),
    import('./pdf-annexes.js'),
    import('./errors.js'),
    import('./docx.js'),
  ]);
  const annexes = [];
  for (const annex of supplied) {
    const file = files.find((f) => f.fichier === annex.fichier);
    // checkFile read every file a valid convention names; none missing here.
    if (!file) throw new Error(`annexe ${annex.numero} : fichier ${annex.fichier} non lu`);
    const label = `${output} (annexe ${annex.numero}, ${annex.fichier})`;
    const pdf = file.kind === 'pdf' ? file.bytes : await docxToPdf(file.bytes, label, conversion);
    annexes.push({ ...annex, pdf, signet: typography(`Annexe ${annex.numero} : ${annex.titre}`) });
  }
  try {
    return await appendAnnexes(pdf, annexes);
  } catch (error) {
    if (!(error instanceof AnnexPdfError)) throw error;
    throw new UserError(
      `${output} : l'annexe ${error.annex.numero} (${error.annex.fichier}) n'a pas pu être ajoutée au PDF : ${error.reason} ; enregistrez-la de nouveau en PDF, sans mot de passe. Aucun fichier de cette convention n'est écrit.`,
      'pdf-echec',
    );
  }
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
  const [model, templateSet] = await Promise.all([composeModel(loaded.data), templatesFor(templates)]);
  const rendered = renderMarkdown(model, templateSet);
  // The file's bytes, so that `sha256sum convention.yaml` finds the document's source, a BOM or
  // CR line ends included.
  const sourceSha256 = createHash('sha256').update(loaded.sourceBytes ?? loaded.text).digest('hex');
  return {
    document: await buildDocx(rendered.document, { ...model.meta, sourceSha256, logos }),
    annexes: await Promise.all(
      rendered.annexes.map(async (annex) => ({
        numero: annex.numero,
        bytes: await buildDocx(annex.markdown, { ...model.meta, title: `Annexe ${annex.numero} : ${annex.titre}`, sourceSha256 }),
      })),
    ),
    supplied: model.annexes.flatMap((annex) => (annex.fourniture === 'fichier' && annex.fichier !== null ? [{ numero: annex.numero, titre: annex.titre, fichier: annex.fichier }] : [])),
  };
}

/** The document model of a valid convention, composed from its type's catalogue (this package's types). */
export async function composeModel(data: Record<string, unknown>): Promise<DocumentModel> {
  const [{ composeConvention }, definition] = await Promise.all([import('./compose.js'), defaultRegistry().definition(data.type as string)]);
  return composeConvention(data, definition);
}
