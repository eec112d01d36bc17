/**
 * The annexes a convention supplies as files (its `annexes` list, `fichier`): part of stage 1
 * (load), like the logos, and for the same reason — a YAML may come from someone else and its
 * annexes end up in a PDF sent out. A file is read only from the YAML's folder (or a subfolder),
 * only if it is a regular file of at most MAX_ANNEX_BYTES, and kept only if it is what its name
 * says: a PDF (it starts with « %PDF- ») or a Word document (a zip holding word/document.xml).
 * Nothing here parses the PDF: pdf-lib loads only when `render --pdf` appends it (pdf-annexes.ts).
 */
import { readConfinedFile } from './confined-file.js';
import { megabytes } from './regular-file.js';
import type { LoadedConvention } from './load.js';
import type { Problem } from './problem.js';

export interface SuppliedAnnex {
  /** The path as the YAML writes it (relative to the YAML's folder). */
  fichier: string;
  kind: 'pdf' | 'docx';
  bytes: Buffer;
}

/** A national note or a form runs to a few hundred kilobytes; past this, the file is surely not the annex meant. */
export const MAX_ANNEX_BYTES = 10 * 1024 * 1024;

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

type AnnexCheck = { ok: true; annex: SuppliedAnnex } | { ok: false; code: string; message: string };

/**
 * Reads and checks each file the `annexes` list names. Any failure is a problem of the convention
 * (exit 1) placed at the `fichier` value.
 */
export async function loadAnnexFiles(loaded: LoadedConvention): Promise<{ annexes: SuppliedAnnex[]; problems: Problem[] }> {
  const listed = Array.isArray(loaded.data.annexes) ? (loaded.data.annexes as { id?: string; titre?: string; fichier?: string }[]) : [];
  if (!listed.some((annex) => typeof annex?.fichier === 'string')) return { annexes: [], problems: [] };
  const { place } = await import('./positions.js');
  const annexes: SuppliedAnnex[] = [];
  const problems: Problem[] = [];
  for (const [index, annex] of listed.entries()) {
    if (typeof annex?.fichier !== 'string') continue;
    const checked = await readAnnex(loaded.file, annex.fichier, annex.titre ?? annex.id ?? annex.fichier);
    if (checked.ok) annexes.push(checked.annex);
    else problems.push(place(loaded, { code: checked.code, severity: 'error', path: `/annexes/${index}/fichier`, message: checked.message }));
  }
  return { annexes, problems };
}

async function readAnnex(yamlFile: string, fichier: string, name: string): Promise<AnnexCheck> {
  const read = await readConfinedFile(yamlFile, fichier, MAX_ANNEX_BYTES);
  if (!read.ok) {
    switch (read.why) {
      case 'introuvable':
        return { ok: false, code: 'annexe-introuvable', message: `Fichier de l'annexe « ${name} » introuvable : ${fichier} (le chemin part du dossier du fichier YAML).` };
      case 'hors-dossier':
        return {
          ok: false,
          code: 'annexe-hors-dossier',
          message:
            `Annexe « ${name} » refusée : ${fichier} mène hors du dossier du fichier YAML. Le fichier d'une annexe doit se trouver ` +
            `dans ce dossier ou l'un de ses sous-dossiers (un lien symbolique compte pour le fichier qu'il désigne) : une convention ` +
            `reçue ne peut pas faire entrer dans un document un fichier pris ailleurs sur le disque.`,
        };
      case 'illisible':
        return { ok: false, code: 'annexe-illisible', message: `Le fichier ${fichier} de l'annexe « ${name} » ne peut pas être lu : ${read.reason}.` };
      case 'trop-lourd':
        return {
          ok: false,
          code: 'annexe-trop-lourde',
          message:
            `Le fichier ${fichier} de l'annexe « ${name} » pèse plus de ${MAX_ANNEX_BYTES / 1048576} Mo${read.atLeast ? '' : ` (${megabytes(read.size, 2)} Mo)`} : ` +
            `enregistrez-le en PDF allégé (images réduites), ou déclarez l'annexe jointe séparément (joint_separement: true).`,
        };
    }
  }
  const bytes = read.bytes;
  const pdf = /\.pdf$/i.test(fichier);
  if (pdf) {
    if (!bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
      return {
        ok: false,
        code: 'annexe-format',
        message: `Le fichier ${fichier} de l'annexe « ${name} » n'est pas un PDF (il ne commence pas par « %PDF- ») : exportez le document en PDF depuis le logiciel qui l'a produit.`,
      };
    }
    return { ok: true, annex: { fichier, kind: 'pdf', bytes } };
  }
  if (!(await isDocx(bytes))) {
    return {
      ok: false,
      code: 'annexe-format',
      message: `Le fichier ${fichier} de l'annexe « ${name} » n'est pas un document Word (.docx) lisible : ce n'est pas une archive DOCX contenant word/document.xml. Enregistrez-le au format Word (.docx) ou en PDF.`,
    };
  }
  return { ok: true, annex: { fichier, kind: 'docx', bytes } };
}

/** A zip whose directory names word/document.xml: the entries are listed, none inflated. */
async function isDocx(bytes: Buffer): Promise<boolean> {
  const { unzipSync } = await import('fflate');
  let found = false;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        if (entry.name === 'word/document.xml') found = true;
        return false;
      },
    });
  } catch {
    return false;
  }
  return found;
}
