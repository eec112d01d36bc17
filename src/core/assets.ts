/**
 * Where the bundled schemas and templates live, and how to read them. They are part of the
 * program (like its code), so reading them is not the load stage's business.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from './errors.js';
import { ioReason, megabytes, readRegularFileSync, type BoundedRead } from './regular-file.js';

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

/** Templates are a few kilobytes (the largest bundled one, 11 kB): anything this large is not one. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/**
 * Every `*.md.hbs` below a templates folder (the bundled one or a user's overlay). An overlay may
 * come from anywhere: only regular files are read, each of at most MAX_TEMPLATE_BYTES, and any
 * failure is a French `UserError` naming the file (exit 2).
 */
export function readTemplates(root: string = TEMPLATES_DIR): TemplateSource[] {
  const found: TemplateSource[] = [];
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UserError(`${root} : dossier de gabarits introuvable.`, 'gabarits-invalides');
  const walk = (dir: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw new UserError(`${dir} : lecture du dossier de gabarits impossible (${ioReason(error)}).`, 'gabarits-invalides');
    }
    // A fixed order, not a linguistic one: names are unique, the order only has to be stable, and
    // localeCompare's first call costs ~10 ms of ICU start-up on every render.
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      // A template folder must be self-contained: a link could make a partial read any file.
      if (entry.isSymbolicLink()) throw new UserError(`${path} : lien symbolique refusé dans un dossier de gabarits.`, 'gabarits-invalides');
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md.hbs')) {
        const name = relative(root, path).split(sep).join('/').replace(/\.md\.hbs$/, '');
        found.push({ name, file: path, text: readTemplateFile(path) });
      }
    }
  };
  walk(root);
  return found;
}

/** One template's text: a regular file, not too large, in UTF-8. */
function readTemplateFile(path: string): string {
  let read: BoundedRead;
  try {
    read = readRegularFileSync(path, MAX_TEMPLATE_BYTES);
  } catch (error) {
    throw new UserError(`${path} : gabarit illisible (${ioReason(error)}).`, 'lecture-impossible');
  }
  if (read.kind === 'not-regular') {
    throw new UserError(`${path} : c'est ${read.what}, pas un fichier : un gabarit est un fichier ordinaire.`, 'gabarits-invalides');
  }
  if (read.kind === 'too-large') {
    throw new UserError(
      `${path} : gabarit trop volumineux (${read.atLeast ? 'plus de ' : ''}${megabytes(read.size)} Mo ; au plus ${MAX_TEMPLATE_BYTES / 1048576} Mo).`,
      'gabarits-invalides',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    throw new UserError(`${path} : le gabarit n'est pas en UTF-8 ; enregistrez-le en UTF-8.`, 'gabarits-invalides');
  }
}
