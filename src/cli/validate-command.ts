/** `convention validate <fichiers|dossiers…>`: the CI check. */
import { ExitCode } from '../core/errors.js';
import { checkFile } from '../core/pipeline.js';
import { hasErrors } from '../core/problem.js';
import { expandInputs } from './inputs.js';
import { formatProblem, formatSuccess } from './report.js';
import { runFiles } from './run-files.js';

export async function validateCommand(paths: string[]): Promise<ExitCode> {
  const files = await expandInputs(paths);
  return runFiles(
    files,
    async (file) => {
      const { problems } = await checkFile(file);
      for (const problem of problems) console.log(formatProblem(problem));
      if (hasErrors(problems)) return ExitCode.InvalidConvention;
      console.log(formatSuccess(`${file} : convention valide`));
      return ExitCode.Success;
    },
    (line) => console.error(line),
  );
}
