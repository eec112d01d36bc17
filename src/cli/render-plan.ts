/**
 * Where `render` writes each convention's files, decided and checked before anything is written.
 * A convention writes `<nom>.docx`, `<nom>-annexe-<n>.docx` for each separate annex (known only once
 * it is composed) and, with `--pdf`, the PDF of each. The plan refuses, for the whole command:
 * two conventions whose files would have the same path (compared by resolved real path), a
 * convention whose name is that of another's annex (`m-annexe-6.yaml` beside `m.yaml`), an output
 * that is one of the inputs (by path, symbolic or hard link), and a target that cannot be a file
 * (a folder, a named pipe, a device). An output that exists without `--force` is refused later, per
 * convention, by the write stage.
 */
import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../core/errors.js';
import { isTemporaryName } from '../core/write.js';

export interface PlannedTask {
  file: string;
  output: string;
  /** The input's size in bytes. */
  size: number;
  /** This convention's possible outputs found on disk before the command (absolute paths). */
  existedBefore: string[];
}

export interface OutputPlan {
  /** One per distinct input file (the same file named twice is rendered once). */
  tasks: PlannedTask[];
  /** The folder named by `-o …/`, created once the plan is accepted, if it does not exist. */
  folderToCreate?: string;
  /** Every folder the command writes into (for its temporary files). */
  folders: string[];
}

const YAML_EXTENSION = /\.ya?ml$/i;
const DOCX_EXTENSION = /\.docx$/i;
/** `m-annexe-6.docx`, `m-annexe-6.pdf`: the name of a separate annex of `m`, or of its PDF. */
const ANNEX_NAME = /^(.*)-annexe-\d+\.(?:docx|pdf)$/is;
const ANNEX_STEM = /^(.*)-annexe-\d+$/s;

const docxName = (file: string) => basename(file).replace(YAML_EXTENSION, '') + '.docx';
const stemOf = (docx: string) => docx.replace(DOCX_EXTENSION, '');

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    try {
      // A dangling symbolic link is still a name taken.
      return lstatSync(path);
    } catch {
      return undefined;
    }
  }
}

export function planOutputs(files: readonly string[], output: string | undefined, pdf: boolean): OutputPlan {
  // The same file named twice (`a.yaml ./a.yaml`, a link) is one convention.
  const inputs = new Map<string, string>();
  const sizes = new Map<string, number>();
  for (const file of files) {
    const real = realPathOf(file);
    if (!inputs.has(real)) inputs.set(real, file);
    sizes.set(file, statOrUndefined(real)?.size ?? 0);
  }
  const unique = [...inputs.values()];

  let outputOf: (file: string) => string;
  let folderToCreate: string | undefined;
  if (output === undefined) {
    outputOf = (file) => file.replace(YAML_EXTENSION, '') + '.docx';
  } else {
    const bare = output.replace(/[/\\]+$/, '') || output;
    const info = statOrUndefined(bare);
    const isFolder = info?.isDirectory() || /[/\\]$/.test(output);
    if (isFolder) {
      if (info && !info.isDirectory()) throw new UserError(`${output} : ce chemin est un fichier, pas un dossier de sortie.`, 'sortie-invalide');
      if (!info) folderToCreate = output;
      outputOf = (file) => join(output, docxName(file));
    } else {
      const source = inputs.get(realPathOf(output));
      if (source) throw sourceOverwritten(source, output);
      if (unique.length > 1) {
        throw new UserError(
          `${output} : ${unique.length} conventions à rendre ; -o désigne alors un dossier (existant, ou terminé par « / » pour le créer).`,
          'sortie-invalide',
        );
      }
      if (!DOCX_EXTENSION.test(output)) {
        throw new UserError(
          `${output} : le document écrit est un DOCX ; donnez à -o un nom qui se termine par .docx${pdf ? ' (le PDF prend le même nom, en .pdf)' : ''}, ou un dossier terminé par « / ».`,
          'sortie-invalide',
        );
      }
      if (!statOrUndefined(dirname(output))?.isDirectory()) {
        throw new UserError(`${output} : le dossier ${dirname(output)} n'existe pas.`, 'dossier-introuvable');
      }
      outputOf = () => output;
    }
  }

  const realFolders = new Map<string, string>();
  const realFolder = (folder: string) => {
    let real = realFolders.get(folder);
    if (real === undefined) {
      real = realPathOf(folder);
      realFolders.set(folder, real);
    }
    return real;
  };
  const tasks: PlannedTask[] = [];
  /** By resolved path of the DOCX without its extension: the task that writes it. */
  const byStem = new Map<string, PlannedTask>();
  /** By resolved folder: the file names there of the tasks writing in it. */
  const byFolder = new Map<string, Map<string, PlannedTask>>();
  for (const file of unique) {
    const task: PlannedTask = { file, output: outputOf(file), size: sizes.get(file) ?? 0, existedBefore: [] };
    const folder = realFolder(dirname(task.output));
    const stem = join(folder, stemOf(basename(task.output)));
    const other = byStem.get(stem);
    if (other) {
      throw new UserError(`${other.file} et ${file} donneraient le même fichier ${task.output} : renommez l'un des deux, ou rendez-les séparément.`, 'sortie-en-double');
    }
    byStem.set(stem, task);
    tasks.push(task);
    let names = byFolder.get(folder);
    if (!names) byFolder.set(folder, (names = new Map()));
    names.set(basename(stem), task);
  }
  // `m-annexe-6.docx` is the name of m's annex, should m have a sixth annex in a separate document.
  for (const [stem, task] of byStem) {
    const owner = byStem.get(ANNEX_STEM.exec(stem)?.[1] ?? '');
    if (owner) {
      throw new UserError(
        `${task.file} donnerait ${task.output}, nom réservé aux annexes séparées de ${owner.output} (${owner.file}) : renommez ${task.file}.`,
        'sortie-en-double',
      );
    }
  }

  // An input that one of the outputs would replace.
  const inputIds = new Map<string, string>();
  for (const [real, file] of inputs) {
    const info = statOrUndefined(real);
    if (info) inputIds.set(`${info.dev}:${info.ino}`, file);
    const target = ownerOf(real, byStem, pdf);
    if (target) throw sourceOverwritten(file, target);
  }

  // What is on disk already where the outputs go: no folder, pipe or device, no input (by link).
  for (const [folder, names] of byFolder) {
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      continue; // A folder to create: nothing in it yet.
    }
    for (const name of entries) {
      if (isTemporaryName(name) || (!pdf && /\.pdf$/i.test(name))) continue;
      const stem = name.match(ANNEX_NAME)?.[1] ?? name.replace(/\.(?:docx|pdf)$/i, '');
      if (stem === name) continue;
      const task = names.get(stem);
      if (!task) continue;
      const path = join(folder, name);
      const info = statOrUndefined(path);
      if (!info) continue;
      const shown = join(dirname(task.output), name);
      if (info.isDirectory()) throw new UserError(`${shown} : c'est un dossier ; un fichier de ${task.file} doit y être écrit.`, 'sortie-dossier');
      if (!info.isFile() && !info.isSymbolicLink()) {
        throw new UserError(`${shown} n'est pas un fichier ordinaire (tube nommé, périphérique…) : rien n'y est écrit, même avec --force.`, 'sortie-speciale');
      }
      const input = inputIds.get(`${info.dev}:${info.ino}`);
      if (input) throw sourceOverwritten(input, shown);
      task.existedBefore.push(resolve(dirname(task.output), name));
    }
  }
  return { tasks, folderToCreate, folders: [...byFolder.keys()] };
}

/** The output a file at `real` would be, if it is one: a DOCX, an annex, or their PDF. */
function ownerOf(real: string, byStem: Map<string, PlannedTask>, pdf: boolean): string | undefined {
  const name = basename(real);
  if (!pdf && /\.pdf$/i.test(name)) return undefined;
  const stem = ANNEX_NAME.exec(name)?.[1] ?? (/\.(?:docx|pdf)$/i.test(name) ? name.replace(/\.(?:docx|pdf)$/i, '') : undefined);
  const task = stem === undefined ? undefined : byStem.get(join(dirname(real), stem));
  return task ? join(dirname(task.output), name) : undefined;
}

function sourceOverwritten(file: string, target: string): UserError {
  return new UserError(`${target} : c'est le fichier source ${file} ; le rendre l'écraserait. Choisissez une autre sortie (-o).`, 'sortie-source');
}

/** The real path of a file or folder, through symbolic links; its absolute path if it does not exist. */
function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? resolve(path) : join(realPathOf(parent), basename(path));
  }
}
