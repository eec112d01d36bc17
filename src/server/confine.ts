/**
 * The files the server may touch: only conventions inside the served folder. A `fichier` sent by the
 * browser is a relative POSIX path ending in .yaml or .yml, without `..`, hidden segment, absolute
 * form or backslash; and what it designates, symbolic links resolved, must lie inside the folder
 * (itself resolved): a link that leads out of it is refused, as `validate` refuses such a logo.
 */
import { lstat, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { HttpError } from './http-error.js';

const YAML_NAME = /\.ya?ml$/i;

/** Where a `fichier` leads: its real path, and whether a file is there. */
export interface ConfinedPath {
  /** The path as the browser names it, normalised (`a/b.yaml`). */
  fichier: string;
  /** The real absolute path (links resolved; for a file to create, its folder's real path joined with its name). */
  real: string;
  exists: boolean;
}

/** Checks the form of a `fichier` value, without touching the disk; returns its segments. */
function fichierSegments(fichier: unknown): string[] {
  if (typeof fichier !== 'string' || fichier.length === 0) {
    throw new HttpError(400, 'fichier-invalide', 'Le champ « fichier » est requis : le chemin d’une convention dans le dossier servi.');
  }
  if (fichier.length > 1024 || fichier.includes('\0') || fichier.includes('\\')) {
    throw new HttpError(400, 'fichier-invalide', 'Chemin de fichier invalide : il ne peut contenir ni caractère nul ni barre oblique inverse.');
  }
  if (fichier.startsWith('/') || /^[a-zA-Z]:/.test(fichier)) {
    throw new HttpError(403, 'fichier-hors-dossier', `« ${fichier} » est un chemin absolu : seuls les fichiers du dossier servi, désignés par un chemin relatif, sont accessibles.`);
  }
  const segments = fichier.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) {
    throw new HttpError(403, 'fichier-hors-dossier', `« ${fichier} » sort du dossier servi (« .. ») : seuls ses fichiers sont accessibles.`);
  }
  if (segments.some((segment) => segment.startsWith('.'))) {
    throw new HttpError(403, 'fichier-hors-dossier', `« ${fichier} » désigne un fichier ou un dossier caché : il n’est pas servi.`);
  }
  if (segments.length === 0 || !YAML_NAME.test(segments[segments.length - 1]!)) {
    throw new HttpError(400, 'fichier-invalide', `« ${fichier} » : une convention est un fichier dont le nom se termine par .yaml ou .yml.`);
  }
  return segments;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !rel.startsWith('/');
}

/**
 * Resolves a `fichier` inside `root` (already a real path). An existing file is judged by its real
 * path; a file to create by its folder's, which must exist.
 */
export async function confine(root: string, fichier: unknown): Promise<ConfinedPath> {
  const segments = fichierSegments(fichier);
  const normalised = segments.join('/');
  const given = join(root, ...segments);
  const outside = () => new HttpError(403, 'fichier-hors-dossier', `« ${normalised} » mène hors du dossier servi (lien symbolique) : il n’est pas accessible.`);
  const info = await lstat(given).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (info) {
    let real: string;
    try {
      real = await realpath(given);
    } catch {
      // A dangling link: nothing to open, and nothing to create through it.
      throw new HttpError(403, 'fichier-hors-dossier', `« ${normalised} » est un lien symbolique vers un fichier absent : il n’est pas suivi.`);
    }
    if (!inside(root, real)) throw outside();
    return { fichier: normalised, real, exists: true };
  }
  const folder = join(root, ...segments.slice(0, -1));
  let realFolder: string;
  try {
    realFolder = await realpath(folder);
  } catch {
    throw new HttpError(404, 'dossier-introuvable', `Le dossier de « ${normalised} » n’existe pas dans le dossier servi.`);
  }
  if (realFolder !== root && !inside(root, realFolder)) throw outside();
  return { fichier: normalised, real: join(realFolder, segments[segments.length - 1]!), exists: false };
}
