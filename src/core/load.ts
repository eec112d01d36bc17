/**
 * Stage 1, load: read a YAML file and parse it, keeping source positions so every later problem
 * can point at `file:line:col`. With `write`, the only stage that touches the disk.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isMap, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { UserError } from './errors.js';
import { ioReason, megabytes, readRegularFile, type BoundedRead } from './regular-file.js';
import type { Problem, Result } from './problem.js';

export interface LoadedConvention {
  file: string;
  /** The YAML text as read (BOM removed). */
  text: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Plain data (what the schema validates). */
  data: Record<string, unknown>;
}

/** Aliases expanded past this count are refused: a "billion laughs" file must not exhaust memory. */
const MAX_ALIAS_COUNT = 100;
/** Conventions are a few kilobytes; anything this large is a mistake, refused before parsing. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads a convention file as UTF-8 text; I/O failures become a French `UserError` (exit 2). Only a
 * regular file is read (a FIFO or a device would hang or flood the program), and at most
 * MAX_FILE_BYTES of it: the size `stat` announces refuses a large file before reading, the bytes
 * read refuse one that is larger than announced.
 */
export async function readConventionFile(file: string): Promise<string> {
  let read: BoundedRead;
  try {
    read = await readRegularFile(file, MAX_FILE_BYTES);
  } catch (error) {
    throw new UserError(`${file} : ${ioReason(error)}.`, 'lecture-impossible');
  }
  if (read.kind === 'not-regular') {
    const message = read.what === 'un dossier' ? "c'est un dossier, pas un fichier" : `c'est ${read.what}, pas un fichier ordinaire : il n'est pas lu`;
    throw new UserError(`${file} : ${message}.`, 'lecture-impossible');
  }
  if (read.kind === 'too-large') {
    throw new UserError(
      `${file} : fichier trop volumineux (${read.atLeast ? 'plus de ' : ''}${megabytes(read.size)} Mo ; une convention en fait quelques kilo-octets, maximum ${MAX_FILE_BYTES / 1048576} Mo).`,
      'fichier-trop-volumineux',
    );
  }
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  try {
    return decoder.decode(read.bytes);
  } catch {
    throw new UserError(
      `${file} : le fichier n'est pas en UTF-8 ; enregistrez-le en UTF-8 puis recommencez.`,
      'encodage-invalide',
    );
  }
}

/** Parses YAML text into a convention document. Pure: no disk access. */
export function parseConvention(text: string, file: string): Result<LoadedConvention> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
  });
  const problems: Problem[] = [];
  // After a syntax error the parser's further errors are mostly its consequences: the first one is
  // the one to fix, the others would only bury it.
  for (const error of document.errors.slice(0, 1)) problems.push(yamlProblem(error, file, 'error', lineCounter));
  for (const warning of document.warnings) problems.push(yamlProblem(warning, file, 'warning', lineCounter));
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };

  if (!isMap(document.contents)) {
    const offset = document.contents?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return {
      ok: false,
      problems: [
        {
          code: 'racine-invalide',
          severity: 'error',
          message:
            document.contents === null
              ? 'Le fichier est vide : une convention commence par « type: » suivi des rubriques de la convention.'
              : 'Le fichier doit décrire une convention sous forme de rubriques « clé: valeur » (type, parties, signature…).',
          path: '',
          file,
          line,
          column: col,
        },
      ],
    };
  }
  let data: Record<string, unknown>;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch {
    return {
      ok: false,
      problems: [
        {
          code: 'alias-excessifs',
          severity: 'error',
          message: `Trop d'alias YAML (*) : le fichier, qui se démultiplierait en mémoire, est refusé.`,
          path: '',
          file,
          line: 1,
          column: 1,
        },
      ],
    };
  }
  return { ok: true, value: { file, text, document, lineCounter, data } };
}

const YAML_ERROR_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: 'Clé en double : cette rubrique est déjà définie plus haut dans le même bloc.',
  BAD_INDENT: 'Indentation incorrecte : alignez cette ligne sur les autres éléments du même bloc.',
  TAB_AS_INDENT: "Tabulation utilisée pour l'indentation : YAML n'accepte que des espaces.",
  MISSING_CHAR: 'Caractère manquant (guillemet, crochet ou accolade non fermé).',
  MULTILINE_IMPLICIT_KEY: 'Une clé ne peut pas s’étendre sur plusieurs lignes : un « : » manque sans doute à la ligne précédente.',
  BLOCK_AS_IMPLICIT_KEY: 'Structure YAML invalide : un « : » ou un tiret manque sans doute.',
  UNEXPECTED_TOKEN: 'Caractère inattendu à cet endroit.',
  BAD_SCALAR_START: 'Valeur mal commencée : mettez-la entre guillemets.',
};

function yamlProblem(error: YAMLError, file: string, severity: Problem['severity'], lineCounter: LineCounter): Problem {
  const start = lineCounter.linePos(error.pos[0]);
  const known = YAML_ERROR_MESSAGES[error.code];
  const detail = error.message.split('\n')[0] ?? '';
  return {
    code: 'yaml-' + error.code.toLowerCase().replace(/_/g, '-'),
    severity,
    message: known ?? `Syntaxe YAML invalide (${detail}).`,
    path: '',
    file,
    line: start.line,
    column: start.col,
  };
}

export interface Logo {
  role: string;
  bytes: Buffer;
  type: 'png' | 'jpg';
  width: number;
  height: number;
}

/** Logos are small images; a larger file is surely not the logo meant. */
export const MAX_LOGO_BYTES = 1024 * 1024;

/**
 * Reads the logos the parties name (paths relative to the YAML file), checking that each exists, is
 * a PNG or JPEG image and is not too heavy. Problems point at the `logo` value.
 */
export async function loadLogos(loaded: LoadedConvention): Promise<{ logos: Logo[]; problems: Problem[] }> {
  const parties = (loaded.data.parties as { role: string; logo?: string }[] | undefined) ?? [];
  // Most conventions have no logo: validating them loads neither image-size nor the positions.
  if (!parties.some((party) => party.logo)) return { logos: [], problems: [] };
  const { imageSize } = await import('image-size');
  const { place } = await import('./positions.js');
  const logos: Logo[] = [];
  const problems: Problem[] = [];
  for (const [index, party] of parties.entries()) {
    if (!party.logo) continue;
    const path = `/parties/${index}/logo`;
    const fail = (code: string, message: string) => problems.push(place(loaded, { code, severity: 'error', path, message }));
    const file = resolve(dirname(loaded.file), party.logo);
    const size = await stat(file).then((s) => (s.isFile() ? s.size : -1)).catch(() => -1);
    if (size < 0) {
      fail('logo-introuvable', `Logo introuvable : ${party.logo} (le chemin part du dossier du fichier YAML).`);
      continue;
    }
    if (size > MAX_LOGO_BYTES) {
      fail('logo-trop-lourd', `Le logo ${party.logo} pèse ${(size / 1048576).toFixed(1)} Mo : au plus 1 Mo (réduisez l'image).`);
      continue;
    }
    const bytes = await readFile(file);
    let dimensions: { width?: number; height?: number; type?: string };
    try {
      dimensions = imageSize(bytes);
    } catch {
      dimensions = {};
    }
    const type = dimensions.type === 'png' ? 'png' : dimensions.type === 'jpg' ? 'jpg' : undefined;
    if (!type || !dimensions.width || !dimensions.height) {
      fail('logo-format', `Le fichier ${party.logo} n'est pas une image PNG ou JPEG lisible.`);
      continue;
    }
    logos.push({ role: party.role, bytes, type, width: dimensions.width, height: dimensions.height });
  }
  return { logos, problems };
}
