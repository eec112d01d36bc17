/**
 * What `convention serve`'s API does, request by request, calling the stages `validate`, `render`
 * and `init` use: the same loading, the same checks, the same skeleton, the same document bytes.
 * Only the served folder is read or written (confine.ts); nothing is printed here.
 */
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { stringify } from 'yaml';
import { UserError } from '../core/errors.js';
import { parseConvention, readConventionFile } from '../core/load.js';
import { checkFile, checkLoaded, composeModel } from '../core/pipeline.js';
import type { Problem } from '../core/problem.js';
import { defaultRegistry } from '../core/registry.js';
import { confine, type ConfinedPath } from './confine.js';
import { HttpError } from './http-error.js';

/** The served folder: its real path, and the name shown to the user. */
export interface Served {
  root: string;
  shown: string;
}

const YAML_FILE = /\.ya?ml$/i;
/** The wizard's drafts (`convention new`): listed as conventions to complete. */
const DRAFT_FILE = /\.brouillon\.ya?ml$/i;
const MARKER_CODE = 'texte-a-completer';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// ---------------------------------------------------------------- types

export async function types(): Promise<unknown> {
  const [{ typeEditorSchema }, { readWizardData, presetFitsRole }] = await Promise.all([import('../core/editor-schemas.js'), import('../wizard/wizard-data.js')]);
  const registry = defaultRegistry();
  const { presets } = readWizardData();
  const result = [];
  for (const type of registry.types) {
    const definition = await registry.definition(type.id);
    const { catalogue } = definition;
    const hasModel = Boolean((definition.form.properties as Record<string, unknown> | undefined)?.modele);
    const roles = Object.values(catalogue.parties).flatMap((place) => Object.keys(place?.roles ?? {}));
    result.push({
      id: type.id,
      titre: type.description,
      description: catalogue.description ?? type.description,
      modeles: hasModel ? Object.entries(catalogue.modeles).map(([id, modele]) => ({ id, titre: modele?.libelle ?? modele?.titre ?? id })) : [],
      schema: typeEditorSchema(type),
      presets: presets
        .filter((preset) => roles.some((role) => presetFitsRole(preset, role)))
        .map((preset) => ({
          id: preset.id,
          titre: preset.libelle,
          roles: roles.filter((role) => presetFitsRole(preset, role)),
          variables: preset.variables ?? {},
          partie: preset.valeurs,
        })),
    });
  }
  return { types: result };
}

// ---------------------------------------------------------------- list

type Statut = 'valide' | 'invalide' | 'a-completer';

interface Listed {
  fichier: string;
  type: string | null;
  titre: string;
  statut: Statut;
  erreurs: number;
  avertissements: number;
}

export async function conventions(served: Served): Promise<unknown> {
  const files = await yamlFiles(served.root, served.root);
  const listed: Listed[] = [];
  for (const file of files) listed.push(await listOne(served, file));
  listed.sort((a, b) => (a.fichier < b.fichier ? -1 : a.fichier > b.fichier ? 1 : 0));
  return { dossier: served.shown, conventions: listed };
}

/** `path` as the browser names it: relative to the served folder, with `/`. */
function fichierOf(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/**
 * The YAML files below `folder`, as `validate` finds them in a folder (hidden entries and
 * node_modules skipped, links followed to regular files only), and only those whose real path is
 * inside the served folder.
 */
async function yamlFiles(root: string, folder: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await yamlFiles(root, path)));
    else if (YAML_FILE.test(entry.name) && entry.isFile()) files.push(path);
    else if (YAML_FILE.test(entry.name) && entry.isSymbolicLink()) {
      const real = await realpath(path).catch(() => undefined);
      const info = real ? await stat(real).catch(() => undefined) : undefined;
      const rel = real ? relative(root, real) : '..';
      if (info?.isFile() && !rel.startsWith('..') && !rel.startsWith(sep)) files.push(path);
    }
  }
  return files;
}

async function listOne(served: Served, path: string): Promise<Listed> {
  const fichier = fichierOf(served.root, path);
  try {
    const { problems, loaded } = await checkFile(path);
    const data = loaded?.data;
    const errors = problems.filter((p) => p.severity === 'error');
    const statut: Statut =
      DRAFT_FILE.test(fichier) || (errors.length > 0 && errors.every((p) => p.code === MARKER_CODE)) ? 'a-completer' : errors.length > 0 ? 'invalide' : 'valide';
    return {
      fichier,
      type: typeof data?.type === 'string' ? data.type : null,
      titre: titleOf(data, fichier),
      statut,
      erreurs: errors.length,
      avertissements: problems.length - errors.length,
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { fichier, type: null, titre: titleOf(undefined, fichier), statut: DRAFT_FILE.test(fichier) ? 'a-completer' : 'invalide', erreurs: 1, avertissements: 0 };
  }
}

/** The parties' short names (« CCAS de Marolles – CPAM de l'Essonne »), else the file's name. */
function titleOf(data: Record<string, unknown> | undefined, fichier: string): string {
  const parties = Array.isArray(data?.parties) ? (data.parties as unknown[]) : [];
  const names = parties
    .map((party) => (party && typeof party === 'object' ? ((party as Record<string, unknown>).nom_court ?? (party as Record<string, unknown>).nom) : undefined))
    .filter((name): name is string => typeof name === 'string' && name.trim() !== '');
  return names.length > 0 ? names.join(' – ') : basename(fichier).replace(YAML_FILE, '');
}

// ---------------------------------------------------------------- open

/** Reads a confined file: its text and bytes, an unreadable file being a 422 with `validate`'s code and words. */
async function readConfined(target: ConfinedPath): Promise<{ text: string; bytes: Uint8Array }> {
  if (!target.exists) throw new HttpError(404, 'fichier-introuvable', `« ${target.fichier} » n’existe pas dans le dossier servi.`);
  try {
    return await readConventionFile(target.real);
  } catch (error) {
    if (error instanceof UserError) throw new HttpError(422, error.code, error.message.split(target.real).join(target.fichier));
    throw error;
  }
}

export async function openConvention(served: Served, fichier: unknown): Promise<unknown> {
  const target = await confine(served.root, fichier);
  // Read and parsed once: the version and the problems are those of the same bytes.
  const { text, bytes } = await readConfined(target);
  const parsed = parseConvention(text, target.real);
  let problems: Problem[];
  if (parsed.ok) {
    parsed.value.sourceBytes = bytes;
    problems = (await checkLoaded(parsed.value)).problems;
  } else problems = parsed.problems;
  const donnees = parsed.ok ? parsed.value.data : null;
  return {
    fichier: target.fichier,
    type: donnees && typeof donnees.type === 'string' ? donnees.type : null,
    donnees,
    version: sha256(bytes),
    problemes: problems.map((problem) => ({ ...problem, file: target.fichier })),
  };
}

// ---------------------------------------------------------------- verify

/** Codes of the schema's refusals: with one of them, the data does not compose (no preview). */
const SCHEMA_CODES = new Set([
  'champ-obligatoire',
  'champ-inconnu',
  'type-invalide',
  'valeur-inconnue',
  'format-invalide',
  'texte-vide',
  'nombre-elements',
  'doublon',
  'valeur-hors-limites',
  'valeur-invalide',
  'type-manquant',
  'type-inconnu',
  'racine-invalide',
  'autres-problemes',
]);

/**
 * The problems `validate` finds in `donnees`, as if they were a file: the data is written as YAML
 * and read back by the same loader (NFC normalisation, keys, limits), then validated; the logos and
 * the annexes' files are read beside `fichier` if given (else at the served folder's root). Positions are 0: the data comes
 * from a form.
 */
export async function verify(served: Served, body: Record<string, unknown>): Promise<{ problemes: Problem[]; apercu: string | null }> {
  const fichier = body.fichier === undefined || body.fichier === null ? undefined : await confine(served.root, body.fichier);
  const { problems, data } = await checkData(body.donnees, fichier?.real ?? join(served.root, 'convention.yaml'));
  const problemes = problems.map((problem) => ({ ...problem, file: fichier?.fichier ?? '', line: 0, column: 0 }));
  const composes = data !== undefined && !problems.some((p) => p.severity === 'error' && (SCHEMA_CODES.has(p.code) || p.code.startsWith('yaml-')));
  return { problemes, apercu: composes ? await preview(data) : null };
}

async function checkData(donnees: unknown, file: string): Promise<{ problems: Problem[]; data?: Record<string, unknown> }> {
  const parsed = parseConvention(stringify(donnees === undefined ? null : donnees, { lineWidth: 0 }), file);
  if (!parsed.ok) return { problems: parsed.problems };
  const { problems } = await checkLoaded(parsed.value);
  return { problems, data: parsed.value.data };
}

/**
 * The HTML preview of the document (src/core/html-preview.ts): the model composed and rendered by
 * the same stages as `render`, the same Markdown read into the same blocks. Null when the data does
 * not compose (a rule the schema leaves to compose, a value it cannot place).
 */
async function preview(data: Record<string, unknown>): Promise<string | null> {
  const [{ renderMarkdown, templatesFor }, { previewHtml }] = await Promise.all([
    import('../core/render.js'),
    import('../core/html-preview.js'),
  ]);
  let model;
  try {
    model = await composeModel(data);
  } catch {
    return null;
  }
  // Past composition, a failure is a template's defect: reported as an error, not hidden as « no preview ».
  return previewHtml(renderMarkdown(model, await templatesFor()));
}

// ---------------------------------------------------------------- create, save, document: see write-api.ts
