/**
 * Where the bundled schemas and templates live, and how to read them. They are part of the
 * program (like its code), so reading them is not the load stage's business.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The package root: two levels above this module, in `src/core` as in `dist/core`. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCHEMAS_DIR = join(PACKAGE_ROOT, 'schemas');
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');

export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, name), 'utf8')) as Record<string, unknown>;
}

export function readCatalogue<T>(type: string): T {
  return parse(readFileSync(join(TEMPLATES_DIR, type, 'catalogue.yaml'), 'utf8')) as T;
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
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
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
