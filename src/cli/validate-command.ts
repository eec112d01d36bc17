/** `convention validate <fichiers|dossiers|motifs…> [--format text|json|github]`: the CI check. */
import { ExitCode } from '../core/errors.js';
import { checkFile } from '../core/pipeline.js';
import { hasErrors } from '../core/problem.js';
import { expandInputs } from './inputs.js';
import { formatGithub, formatProblem, formatSuccess, toJson, type Format, type JsonProblem } from './report.js';
import { runFiles } from './run-files.js';
import { visibleJson } from './visible.js';

export async function validateCommand(paths: string[], format: Format): Promise<ExitCode> {
  const files = await expandInputs(paths);
  const collected: JsonProblem[] = [];
  const code = await runFiles(
    files,
    async (file) => {
      const { problems, text } = await checkFile(file);
      for (const problem of problems) {
        if (format === 'json') collected.push(toJson(problem));
        else if (format === 'github') console.log(formatGithub(problem));
        else console.log(formatProblem(problem, text));
      }
      if (hasErrors(problems)) return ExitCode.InvalidConvention;
      if (format === 'text') console.log(formatSuccess(`${file} : convention valide`));
      return ExitCode.Success;
    },
    (line) => console.error(line),
  );
  if (format === 'json') console.log(visibleJson(JSON.stringify(collected, null, 2)));
  return code;
}
