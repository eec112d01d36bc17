/**
 * The tool never prints a placeholder itself: no text of the templates or of the catalogues holds
 * what the `texte-a-completer` rule refuses in a YAML (« xxx », « à compléter », « à définir »,
 * « (actions à décrire) »…). Where a model has no stock text, the parties' words are required.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { placeholderIn } from '../../src/core/rules.js';
import { ROOT } from '../support/paths.js';

const TEMPLATES = join(ROOT, 'templates');

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : /\.(hbs|ya?ml)$/.test(name) ? [path] : [];
  });
}

const texts = files(TEMPLATES).map((file) => relative(ROOT, file));

test('there are templates and catalogues to read', () => {
  expect(texts.some((f) => f.endsWith('.md.hbs'))).toBe(true);
  expect(texts.some((f) => f.endsWith('catalogue.yaml'))).toBe(true);
});

test.each(texts)('%s prints no placeholder', (file) => {
  const text = readFileSync(join(ROOT, file), 'utf8');
  // YAML comments, Handlebars comments and expressions are not printed as written.
  const lines = (file.endsWith('.hbs') ? text : text.replace(/^\s*#.*$/gm, ''))
    .replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, '')
    .replace(/\{\{[\s\S]*?\}\}/g, ' ')
    .split('\n');
  const found = lines.flatMap((line, index) => {
    const what = placeholderIn(line);
    return what ? [`${file}:${index + 1} ${what} : ${line.trim()}`] : [];
  });
  expect(found).toEqual([]);
});
