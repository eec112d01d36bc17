/**
 * Where the bundled schemas and templates live, and how to read them. They are part of the
 * program (like its code), so reading them is not the load stage's business.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from './errors.js';

/** The package root: two levels above this module, in `src/core` as in `dist/core`. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCHEMAS_DIR = join(PACKAGE_ROOT, 'schemas');
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');

export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, name), 'utf8')) as Record<string, unknown>;
}

export interface TemplateSource {
  /** Partial name: the path below the templates folder without `.md.hbs`, with `/` separators. */
  name: string;
  file: string;
  text: string;
}

/** Every `*.md.hbs` below a templates folder (the bundled one or a user's overlay). */
export function readTemplates(root: string = TEMPLATES_DIR): TemplateSource[] {
  const found: TemplateSource[] = [];
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UserError(`${root} : dossier de gabarits introuvable.`, 'gabarits-invalides');
  const walk = (dir: string): void => {
    // A fixed order, not a linguistic one: names are unique, the order only has to be stable, and
    // localeCompare's first call costs ~10 ms of ICU start-up on every render.
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      // A template folder must be self-contained: a link could make a partial read any file.
      if (entry.isSymbolicLink()) throw new UserError(`${path} : lien symbolique refusé dans un dossier de gabarits.`, 'gabarits-invalides');
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md.hbs')) {
        const name = relative(root, path).split(sep).join('/').replace(/\.md\.hbs$/, '');
        found.push({ name, file: path, text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(root);
  return found;
}
