/**
 * The API requests that write a convention or build its document: loaded on their first use only
 * (the skeleton's ajv, the document's templates and writer). Creating writes `convention init`'s
 * skeleton; saving applies the form's data to the file's YAML document (yaml-update.ts) and writes
 * it atomically (write.ts), refusing to overwrite a file changed on disk since it was opened; the
 * document is what `convention render` writes for the file on disk, byte for byte.
 */
import { basename } from 'node:path';
import { Document } from 'yaml';
import { UserError } from '../core/errors.js';
import { parseConvention, readConventionFile } from '../core/load.js';
import { annexPath, buildDocument, checkFile, conventionPdf, pdfPath } from '../core/pipeline.js';
import { hasErrors, type Problem } from '../core/problem.js';
import { defaultRegistry } from '../core/registry.js';
import { writeOutput } from '../core/write.js';
import type { Served } from './api.js';
import { sha256 } from './api.js';
import { confine, type ConfinedPath } from './confine.js';
import { HttpError } from './http-error.js';
import { deepEqual, updateYamlText } from './yaml-update.js';

/** A write refused because the file appeared meanwhile is a conflict, other write errors are the disk's. */
function writeFailure(error: unknown, target: ConfinedPath): never {
  if (error instanceof UserError) {
    const message = error.message.split(target.real).join(target.fichier);
    if (error.code === 'sortie-existante') throw new HttpError(409, 'fichier-existant', `« ${target.fichier} » existe déjà : il n’est pas remplacé.`);
    throw new HttpError(error.code === 'ecriture-impossible' ? 507 : 422, error.code, message);
  }
  throw error;
}

function requireString(body: Record<string, unknown>, key: string, what: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw new HttpError(400, 'requete-invalide', `Le champ « ${key} » est requis : ${what}.`);
  return value;
}

// ---------------------------------------------------------------- create

export async function create(served: Served, body: Record<string, unknown>): Promise<{ fichier: string; version: string }> {
  const target = await confine(served.root, body.fichier);
  const typeId = requireString(body, 'type', 'le type de la convention (voir GET /api/types)');
  const registry = defaultRegistry();
  const type = registry.find(typeId);
  if (!type) {
    throw new HttpError(400, 'type-inconnu', `Type de convention « ${typeId} » inconnu ; types disponibles : ${registry.types.map((t) => t.id).join(', ')}.`);
  }
  if (target.exists) throw new HttpError(409, 'fichier-existant', `« ${target.fichier} » existe déjà : choisissez un autre nom, ou ouvrez-le.`);
  const definition = await registry.definition(type.id);
  const modele = body.modele === undefined || body.modele === null ? undefined : body.modele;
  const models = (definition.form.properties as Record<string, unknown> | undefined)?.modele ? Object.keys(definition.catalogue.modeles) : [];
  if (modele !== undefined && (typeof modele !== 'string' || !models.includes(modele))) {
    throw new HttpError(400, 'modele-inconnu', `Modèle « ${String(modele)} » inconnu pour le type ${type.id} ; modèles admis : ${models.join(', ') || 'aucun choix'}.`);
  }
  const chosen = await chosenPresets(body.presets, definition.catalogue);
  const [{ skeletonText }, { presetFitsRole, readWizardData }] = await Promise.all([import('../cli/init-command.js'), import('../wizard/wizard-data.js')]);
  const { presets } = readWizardData();
  const { text } = await skeletonText(type.id, target.real, {
    shownAs: target.fichier,
    writer: 'convention serve',
    squelette: (start, guide) => {
      const valeurs = { ...(start?.valeurs ?? {}), ...(modele ? { modele } : {}) };
      if (chosen.size === 0) return { ...start, valeurs };
      // The catalogue's stock parties (else one per place the convention needs), each replaced by
      // the preset chosen for its role; a preset chosen for a role the start has no party for is added.
      const fits = (presetId: string, role: string) => presets.some((p) => p.id === presetId && presetFitsRole(p, role));
      const startIds = start?.parties ?? guide.neededRoles.map((role) => presets.find((p) => presetFitsRole(p, role))?.id).filter((id): id is string => id !== undefined);
      const used = new Set<string>();
      const parties = startIds.map((id) => {
        const role = [...chosen.keys()].find((r) => !used.has(r) && fits(id, r));
        if (!role) return id;
        used.add(role);
        return chosen.get(role)!;
      });
      for (const [role, id] of chosen) if (!used.has(role)) parties.push(id);
      return { ...start, valeurs, parties };
    },
  });
  const bytes = Buffer.from(text, 'utf8');
  await writeOutput(bytes, target.real, { force: false }).catch((error: unknown) => writeFailure(error, target));
  return { fichier: target.fichier, version: sha256(bytes) };
}

/** `{ <role>: <presetId> }`, each preset known and meant for its role, each role the type's. */
async function chosenPresets(given: unknown, catalogue: { parties: Record<string, { roles: Record<string, unknown> } | undefined> }): Promise<Map<string, string>> {
  const chosen = new Map<string, string>();
  if (given === undefined || given === null) return chosen;
  if (typeof given !== 'object' || Array.isArray(given)) throw new HttpError(400, 'requete-invalide', 'Le champ « presets » est un objet { rôle: organisme type }.');
  const { presetFitsRole, readWizardData } = await import('../wizard/wizard-data.js');
  const { presets } = readWizardData();
  const roles = Object.values(catalogue.parties).flatMap((place) => Object.keys(place?.roles ?? {}));
  for (const [role, id] of Object.entries(given as Record<string, unknown>)) {
    if (!roles.includes(role)) throw new HttpError(400, 'organisme-inconnu', `Rôle « ${role} » inconnu pour ce type ; rôles admis : ${roles.join(', ')}.`);
    const preset = presets.find((p) => p.id === id);
    if (!preset || !presetFitsRole(preset, role)) throw new HttpError(400, 'organisme-inconnu', `Organisme type « ${String(id)} » inconnu pour le rôle ${role}.`);
    chosen.set(role, preset.id);
  }
  return chosen;
}

// ---------------------------------------------------------------- save

/** Saves in progress, by real path: two saves of one file (two tabs) run one after the other, each checking the version the other wrote. */
const saving = new Map<string, Promise<unknown>>();

export async function save(served: Served, body: Record<string, unknown>): Promise<{ version: string; problemes: Problem[] }> {
  const target = await confine(served.root, body.fichier);
  const previous = saving.get(target.real) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(() => saveOne(target, body));
  saving.set(target.real, current);
  try {
    return await current;
  } finally {
    if (saving.get(target.real) === current) saving.delete(target.real);
  }
}

async function saveOne(target: ConfinedPath, body: Record<string, unknown>): Promise<{ version: string; problemes: Problem[] }> {
  if (!('donnees' in body)) throw new HttpError(400, 'requete-invalide', 'Le champ « donnees » est requis : la convention à enregistrer.');
  const { donnees } = body;
  if (donnees === null || typeof donnees !== 'object' || Array.isArray(donnees)) {
    throw new HttpError(400, 'requete-invalide', 'Le champ « donnees » doit être un objet : les rubriques de la convention.');
  }
  const overwrite = body.ecraser === true;
  const version = body.version ?? null;
  let text: string;
  if (target.exists) {
    const current = await readCurrent(target);
    const currentVersion = sha256(current.bytes);
    if (version === null && !overwrite) {
      throw new HttpError(409, 'fichier-existant', `« ${target.fichier} » existe déjà : ouvrez-le avant de l’enregistrer, ou confirmez son remplacement.`, { version: currentVersion });
    }
    if (version !== null && version !== currentVersion && !overwrite) {
      throw new HttpError(
        409,
        'modifie-sur-disque',
        `« ${target.fichier} » a été modifié sur le disque depuis son ouverture : rechargez-le pour voir ces modifications, ou enregistrez quand même pour les remplacer.`,
        { version: currentVersion },
      );
    }
    text = updatedText(current.text, donnees, current.bytes);
    if (text === current.text) return { version: currentVersion, problemes: await problemsOf(target) };
  } else {
    if (version !== null) {
      throw new HttpError(409, 'modifie-sur-disque', `« ${target.fichier} » a été supprimé du disque depuis son ouverture : enregistrez quand même pour le recréer.`, { version: null });
    }
    text = await newFileText(target, donnees as Record<string, unknown>);
  }
  // A BOM kept from the file is encoded back as its three bytes.
  const written = Buffer.from(text, 'utf8');
  await writeOutput(written, target.real, { force: target.exists }).catch((error: unknown) => writeFailure(error, target));
  return { version: sha256(written), problemes: await problemsOf({ ...target, exists: true }) };
}

async function readCurrent(target: ConfinedPath): Promise<{ text: string; bytes: Uint8Array }> {
  try {
    return await readConventionFile(target.real);
  } catch (error) {
    if (error instanceof UserError) throw new HttpError(422, error.code, error.message.split(target.real).join(target.fichier));
    throw error;
  }
}

/**
 * The file's text with the new data: applied to its YAML document when it reads as one (comments,
 * order and layout kept), else (a file that does not parse, replaced on the user's word) written anew.
 * A BOM is kept.
 */
function updatedText(text: string, donnees: unknown, bytes: Uint8Array): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\ufeff' : '';
  const parsed = parseConvention(text, 'convention.yaml');
  if (!parsed.ok) return bom + freshYaml(donnees);
  if (deepEqual(parsed.value.data, donnees)) return text;
  return bom + updateYamlText(text, donnees).text;
}

/** Plain data written by yaml's own writer: there is no document to keep. */
function freshYaml(donnees: unknown): string {
  return new Document(donnees).toString({ lineWidth: 100, flowCollectionPadding: false });
}

/**
 * A new file: written as `convention new` writes one (the editor's schema line, each rubrique's
 * title and description in comments) when its type is known, else as plain YAML.
 */
async function newFileText(target: ConfinedPath, donnees: Record<string, unknown>): Promise<string> {
  const type = defaultRegistry().find(donnees.type);
  if (!type) return freshYaml(donnees);
  const [{ conventionDocument }, { formOf, schemaReference }] = await Promise.all([import('../wizard/document.js'), import('../wizard/type-form.js')]);
  return conventionDocument(formOf(type.id), donnees, { schemaPath: schemaReference(target.real, type) }).toString({ lineWidth: 100, flowCollectionPadding: false });
}

async function problemsOf(target: ConfinedPath): Promise<Problem[]> {
  const { problems } = await checkFile(target.real);
  return problems.map((problem) => ({ ...problem, file: target.fichier }));
}

// ---------------------------------------------------------------- document

export interface DownloadedDocument {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * What `convention render F` (with `--pdf` for the PDF) writes for the file on disk: the same
 * checks, the same document (its SourceSHA256 the hash of the file's bytes). `annexe`: the number
 * of an annex the model keeps as a separate document (`…-annexe-6.docx`).
 */
export async function documentOf(served: Served, fichier: unknown, format: string, annexe: string | undefined): Promise<DownloadedDocument> {
  if (format !== 'docx' && format !== 'pdf') throw new HttpError(400, 'format-inconnu', `Format « ${format} » inconnu : docx ou pdf.`);
  const target = await confine(served.root, fichier);
  if (!target.exists) throw new HttpError(404, 'fichier-introuvable', `« ${target.fichier} » n’existe pas dans le dossier servi.`);
  let soffice: string | undefined;
  if (format === 'pdf') {
    const { findSoffice } = await import('../core/pdf.js');
    soffice = findSoffice();
    if (!soffice) {
      throw new HttpError(503, 'libreoffice-absent', 'Le PDF demande LibreOffice (commande soffice), introuvable sur cette machine : installez-le (Debian/Ubuntu : apt-get install libreoffice-writer-nogui), ou téléchargez le DOCX.');
    }
  }
  let checked;
  try {
    checked = await checkFile(target.real);
  } catch (error) {
    if (error instanceof UserError) throw new HttpError(422, error.code, error.message.split(target.real).join(target.fichier));
    throw error;
  }
  if (!checked.loaded || hasErrors(checked.problems)) {
    const errors = checked.problems.filter((p) => p.severity === 'error').length;
    throw new HttpError(422, 'convention-invalide', `« ${target.fichier} » a ${errors} erreur${errors > 1 ? 's' : ''} : corrigez-la${errors > 1 ? 's' : ''} et enregistrez avant de télécharger le document.`);
  }
  const built = await buildDocument(checked.loaded, [], checked.logos);
  const docxName = basename(target.fichier).replace(/\.ya?ml$/i, '.docx');
  let name = docxName;
  let bytes: Uint8Array = built.document;
  if (annexe !== undefined) {
    const found = built.annexes.find((a) => String(a.numero) === annexe);
    if (!found) {
      const known = built.annexes.map((a) => a.numero).join(', ');
      throw new HttpError(404, 'annexe-inconnue', `Cette convention n’a pas d’annexe ${annexe} en document séparé${known ? ` (annexes séparées : ${known})` : ''}.`);
    }
    name = annexPath(docxName, found.numero);
    bytes = found.bytes;
  }
  if (format === 'docx') return { name, contentType: DOCX_TYPE, bytes };
  const { docxToPdf, DEFAULT_PDF_TIMEOUT_SECONDS } = await import('../core/pdf.js');
  const conversion = { timeoutSeconds: DEFAULT_PDF_TIMEOUT_SECONDS };
  try {
    // The convention's PDF as render --pdf writes it: with the annexes it supplies as files.
    const pdf = annexe === undefined ? await conventionPdf(built, checked.annexFiles ?? [], name, conversion) : await docxToPdf(bytes, name, conversion);
    return { name: pdfPath(name), contentType: 'application/pdf', bytes: pdf };
  } catch (error) {
    if (error instanceof UserError) throw new HttpError(502, error.code, error.message);
    throw error;
  }
}
