/** `convention render <fichiers|dossiers…> [-o FICHIER|DOSSIER] [--force]`: YAML to DOCX. */
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ExitCode, UserError } from '../core/errors.js';
import { renderFile } from '../core/pipeline.js';
import { hasErrors } from '../core/problem.js';
import { ensureFolder } from '../core/write.js';
import { expandInputs } from './inputs.js';
import { formatFailure, formatProblem, formatSuccess } from './report.js';
import { runFiles } from './run-files.js';

export interface RenderCommandOptions {
  output?: string;
  force?: boolean;
  pdf?: boolean;
  templates?: string[];
}

const docxName = (file: string) => basename(file).replace(/\.ya?ml$/i, '') + '.docx';

/** Where each document goes: beside its YAML, into a folder, or at the one path given. */
async function planOutputs(files: string[], output: string | undefined): Promise<(file: string) => string> {
  if (output === undefined) return (file) => file.replace(/\.ya?ml$/i, '') + '.docx';
  const info = await stat(output).catch(() => undefined);
  const isFolder = info?.isDirectory() || /[/\\]$/.test(output) || files.length > 1;
  if (!isFolder) return () => output;
  if (info && !info.isDirectory()) {
    throw new UserError(`${output} est un fichier : avec plusieurs conventions, -o désigne un dossier.`, 'sortie-invalide');
  }
  await ensureFolder(output);
  const names = new Set<string>();
  for (const file of files) {
    const name = docxName(file);
    if (names.has(name)) throw new UserError(`Deux conventions donneraient le même fichier ${join(output, name)}.`, 'sortie-en-double');
    names.add(name);
  }
  return (file) => join(output, docxName(file));
}

export async function renderCommand(paths: string[], options: RenderCommandOptions): Promise<ExitCode> {
  const files = await expandInputs(paths);
  const pdf = options.pdf ? await import('../core/pdf.js') : undefined;
  // Said before any work: a batch must not stop half-way for a missing LibreOffice.
  if (pdf && !pdf.findSoffice()) await pdf.convertToPdf('', '', { force: false });
  const outputFor = await planOutputs(files, options.output);
  return runFiles(
    files,
    async (file) => {
      const result = await renderFile(file, outputFor(file), { force: options.force ?? false, templates: options.templates });
      for (const problem of result.problems) console.error(formatProblem(problem, result.text));
      if (hasErrors(result.problems)) {
        console.error(formatFailure(`${file} : convention invalide, aucun document écrit`));
        return ExitCode.InvalidConvention;
      }
      const written = [...(result.outputs ?? [])];
      if (pdf) {
        for (const docx of result.outputs ?? []) {
          const target = docx.replace(/\.docx$/i, '') + '.pdf';
          await pdf.convertToPdf(docx, target, { force: options.force ?? false });
          written.push(target);
        }
      }
      console.log(formatSuccess(`${file} → ${written.join(', ')}`));
      return ExitCode.Success;
    },
    (line) => console.error(formatFailure(line)),
  );
}
