/**
 * Renders the Marolles example, copied alone into a fresh folder, with a template overlay
 * (`--templates`) holding `templates`: { 'common/parties': 'texte…' }. For the tests of what a
 * template from elsewhere may do; `folder` is the convention's folder, to check nothing was written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXAMPLES, temporaryFolder } from './paths.js';
import { runCli, type CliRun } from './run-cli.js';

export function renderWithOverlay(templates: Record<string, string>): { run: CliRun; folder: string } {
  const overlay = temporaryFolder();
  for (const [name, text] of Object.entries(templates)) {
    const file = join(overlay, `${name}.md.hbs`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const folder = temporaryFolder();
  const file = join(folder, 'marolles.yaml');
  writeFileSync(file, readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml')));
  return { run: runCli(['render', file, '--templates', overlay]), folder };
}
