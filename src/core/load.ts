/**
 * Stage 1, load: read a YAML file and parse it, keeping source positions so every later problem
 * can point at `file:line:col`. With `write`, the only stage that touches the disk.
 */
import { CST, isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, parseDocument, type Document, type Node, type YAMLError, type YAMLMap } from 'yaml';
import { UserError } from './errors.js';
import { ioReason, megabytes, readRegularFile, type BoundedRead } from './regular-file.js';
import { boundProblems, frenchCount, type Problem, type Result } from './problem.js';

export interface LoadedConvention {
  file: string;
  /** The YAML text as read (BOM removed). */
  text: string;
  /** The file's bytes as read (BOM and line ends as they are), when it came from a file: what the document's SourceSHA256 is the hash of. */
  sourceBytes?: Uint8Array;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Plain data (what the schema validates). */
  data: Record<string, unknown>;
}

/** Conventions are a few kilobytes; anything this large is a mistake, refused before parsing. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads a convention file as UTF-8 text; I/O failures become a French `UserError` (exit 2). Only a
 * regular file is read (a FIFO or a device would hang or flood the program), and at most
 * MAX_FILE_BYTES of it: the size `stat` announces refuses a large file before reading, the bytes
 * read refuse one that is larger than announced.
 */
export async function readConventionFile(file: string): Promise<{ text: string; bytes: Uint8Array }> {
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
    return { text: decoder.decode(read.bytes), bytes: read.bytes };
  } catch {
    throw new UserError(
      `${file} : le fichier n'est pas en UTF-8 ; enregistrez-le en UTF-8 puis recommencez.`,
      'encodage-invalide',
    );
  }
}

/**
 * The syntax elements (keys, values, dashes, brackets…) a file may hold, counted by the YAML lexer
 * before parsing. A convention holds a few thousand (10 000 referents, some 180 000); the parser
 * costs some 2.5 µs of CPU and 200 bytes per element, so a 5 MB list (6.5 million) took 16 s of CPU
 * and more than a gigabyte to be refused. Counting costs a tenth of parsing, and only files longer
 * than this many characters are counted: each element takes at least one.
 */
export const MAX_SYNTAX_ELEMENTS = 500_000;

/**
 * What aliases may add to the document, in size units (one per node, one per character of text).
 * yaml's own guard (`maxAliasCount`) counts uses of an anchor rather than their cost: it refuses a
 * hundred aliases to a one-word value and lets a few aliases to large nodes through. The cost of
 * every alias expanded, nested ones included, is counted instead: some 100 kB of repeated material,
 * where a convention that repeats a block ten times needs a few thousand, and a "billion laughs"
 * file billions.
 */
export const MAX_ALIAS_EXPANSION = 100_000;
/**
 * Anchors, and aliases, in one file. yaml resolves each alias by scanning the anchors and aliases
 * before it, a cost that grows with their product: a convention that reuses values has a few dozen.
 */
export const MAX_ANCHORS = 1_000;
export const MAX_ALIASES = 1_000;

/** Parses YAML text into a convention document. Pure: no disk access. */
export function parseConvention(text: string, file: string): Result<LoadedConvention> {
  // YAML counts a lone CR as a line break, the yaml library does not: a file saved with CR-only
  // line ends would read as one comment line. Same length, so positions are unchanged.
  const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (source.length > MAX_SYNTAX_ELEMENTS) {
    const beyond = offsetPastElements(source, MAX_SYNTAX_ELEMENTS);
    if (beyond !== undefined) {
      for (let i = source.indexOf('\n'); i !== -1 && i < beyond; i = source.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
      return fail([
        {
          code: 'structure-trop-grande',
          severity: 'error',
          message: `Le fichier compte plus de ${frenchCount(MAX_SYNTAX_ELEMENTS)} éléments YAML (rubriques, valeurs, tirets…), la limite est atteinte ici : une convention en compte quelques milliers ; le fichier n'est pas analysé.`,
          path: '',
          ...at(beyond),
        },
      ]);
    }
  }
  const document = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    // Duplicate keys are found by `checkNodes`, in one pass: yaml compares each key with every
    // earlier key of its map, a cost that grows with the square of the map's size.
    uniqueKeys: false,
    strict: true,
    // The library prints nothing: what it would warn about on stderr is a problem of ours. Not
    // 'silent', which would also hide a second document in the file.
    logLevel: 'error',
    // YAML 1.1 tags (!!binary, !!timestamp, !!set…) are not resolved either: an unknown tag is refused.
    resolveKnownTags: false,
  });
  // After a syntax error the parser's further errors are mostly its consequences: the first one is
  // the one to fix, the others would only bury it.
  const firstError = document.errors[0];
  if (firstError) return fail([yamlProblem(firstError, file, lineCounter)]);
  // A tag the library could not apply would silently leave the value as text: refused. Its other
  // warnings are about form only (a flow collection's closing bracket at its parent's indentation,
  // an unknown directive): the data is read as written.
  const tags = document.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED' || w.code === 'BAD_COLLECTION_TYPE');
  if (tags.length > 0) return fail(tags.map((warning) => tagProblem(warning, source, at)));

  if (!isMap(document.contents)) {
    return fail([
      {
        code: 'racine-invalide',
        severity: 'error',
        message:
          document.contents === null
            ? 'Le fichier est vide : une convention commence par « type: » suivi des rubriques de la convention.'
            : 'Le fichier doit décrire une convention sous forme de rubriques « clé: valeur » (type, parties, signature…).',
        path: '',
        ...at(document.contents?.range?.[0] ?? 0),
      },
    ]);
  }
  const problems = checkNodes(document.contents, at);
  if (problems.length > 0) return fail(boundProblems(problems, file, (p) => p));
  // Aliases were checked above (each resolves to an earlier anchor, none to a node that holds it,
  // their expansion bounded): yaml's count would refuse ordinary uses.
  const data = document.toJS({ maxAliasCount: -1 }) as Record<string, unknown>;
  return { ok: true, value: { file, text, document, lineCounter, data } };
}

function fail(problems: Problem[]): Result<LoadedConvention> {
  return { ok: false, problems };
}

/** The offset at which the source holds more than `max` syntax elements, if it does. */
function offsetPastElements(source: string, max: number): number | undefined {
  let count = 0;
  let offset = 0;
  for (const lexeme of new Lexer().lex(source)) {
    // The lexer's markers (a scalar follows, a document starts…) are not in the source.
    if (lexeme === CST.SCALAR || lexeme === CST.DOCUMENT || lexeme === CST.FLOW_END) continue;
    if (++count > max) return offset;
    offset += lexeme.length;
  }
  return undefined;
}

type Position = { file: string; line: number; column: number };

const NOT_ASCII = /[^\u0000-\u007f]/;

/**
 * One pass over the syntax tree, in document order, that refuses what would make the data differ
 * from the text or cost more than the text: keys that are not plain names (`~`, a list, an alias),
 * duplicate keys (as they would be in the data, `1` and `"1"` alike), aliases before their anchor,
 * inside it (an endless value) or costing too much. Strings are normalised to NFC on the way, so
 * that « féminin » typed with a combining accent is the word the schema knows.
 */
function checkNodes(root: YAMLMap, at: (offset: number) => Position): Problem[] {
  const problems: Problem[] = [];
  const problem = (offset: number, found: { code: string; message: string }) => problems.push({ ...found, severity: 'error', path: '', ...at(offset) });
  /** The latest node holding each anchor, as yaml resolves an alias to the last one before it. */
  const anchors = new Map<string, Node>();
  /** Size of each anchored node, for the aliases that repeat it. */
  const sizes = new Map<Node, number>();
  /** Collections entered and not yet left: an alias to one of them would contain itself. */
  const open = new Set<Node>();
  let anchorCount = 0;
  let aliases = 0;
  let expansion = 0;
  let aliasesRefused = false;
  // The size of the collections being walked; a step `leave` closes the innermost one.
  const sizeStack: number[] = [0];
  type Step = { node: Node | null } | { leave: Node };
  const steps: Step[] = [{ node: root }];
  while (steps.length > 0) {
    const step = steps.pop()!;
    if ('leave' in step) {
      const size = sizeStack.pop()!;
      open.delete(step.leave);
      if (step.leave.anchor) sizes.set(step.leave, size);
      sizeStack[sizeStack.length - 1]! += size;
      continue;
    }
    const node = step.node;
    if (node === null) {
      sizeStack[sizeStack.length - 1]! += 1;
      continue;
    }
    if (node.anchor) {
      anchors.set(node.anchor, node);
      if (++anchorCount === MAX_ANCHORS + 1) {
        problem(node.range?.[0] ?? 0, { code: 'alias-excessifs', message: `Plus de ${frenchCount(MAX_ANCHORS)} ancres YAML (&) dans le fichier : il est refusé.` });
      }
    }
    if (isScalar(node)) {
      // ASCII text is its own NFC: most values skip ICU.
      if (typeof node.value === 'string' && NOT_ASCII.test(node.value)) node.value = node.value.normalize('NFC');
      const size = 1 + (typeof node.value === 'string' ? node.value.length : 0);
      if (node.anchor) sizes.set(node, size);
      sizeStack[sizeStack.length - 1]! += size;
    } else if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      const target = anchors.get(node.source);
      if (!target) {
        problem(offset, {
          code: 'alias-sans-ancre',
          message: `L'alias « *${node.source} » renvoie à une ancre « &${node.source} » qui n'est pas définie avant lui : une ancre se place avant les alias qui la reprennent.`,
        });
      } else if (open.has(target)) {
        problem(offset, {
          code: 'alias-circulaire',
          message: `L'alias « *${node.source} » est placé à l'intérieur de la valeur qu'il reprend : elle se contiendrait elle-même sans fin.`,
        });
      } else {
        const size = sizes.get(target) ?? 1;
        aliases++;
        expansion += size;
        sizeStack[sizeStack.length - 1]! += size;
        if (!aliasesRefused && (aliases > MAX_ALIASES || expansion > MAX_ALIAS_EXPANSION)) {
          aliasesRefused = true;
          problem(offset, {
            code: 'alias-excessifs',
            message:
              aliases > MAX_ALIASES
                ? `Plus de ${frenchCount(MAX_ALIASES)} alias YAML (*) dans le fichier : il est refusé.`
                : `Trop d'alias YAML (*) : à partir de celui-ci, ils démultiplieraient le fichier en mémoire (plus de ${frenchCount(MAX_ALIAS_EXPANSION)} éléments et caractères repris) ; il est refusé.`,
          });
        }
      }
    } else if (isMap(node) || isSeq(node)) {
      open.add(node);
      sizeStack.push(1);
      steps.push({ leave: node });
      const children: (Node | null)[] = [];
      if (isMap(node)) {
        checkKeys(node, problem);
        for (const pair of node.items) children.push(pair.key as Node | null, pair.value as Node | null);
      } else {
        for (const item of node.items) children.push(item as Node | null);
      }
      for (let i = children.length - 1; i >= 0; i--) steps.push({ node: children[i]! });
    }
  }
  return problems;
}

/**
 * A map's keys: each must be a name (a scalar other than null), and appear once. Compared as the
 * data will have them: yaml turns every key into a string, so `1` and `"1"` would be one key.
 */
function checkKeys(map: YAMLMap, problem: (offset: number, found: { code: string; message: string }) => void): void {
  const seen = new Set<string>();
  for (const pair of map.items) {
    const key = pair.key as Node | null;
    const offset = key?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? map.range?.[0] ?? 0;
    if (isScalar(key) && key.value !== null) {
      const name = typeof key.value === 'string' ? (NOT_ASCII.test(key.value) ? key.value.normalize('NFC') : key.value) : String(key.value);
      if (seen.has(name)) problem(offset, { code: 'yaml-duplicate-key', message: YAML_ERROR_MESSAGES.DUPLICATE_KEY! });
      seen.add(name);
    } else if (isAlias(key)) {
      problem(offset, { code: 'cle-invalide', message: `Un alias (« *${key.source} ») ne peut pas servir de nom de rubrique : écrivez le nom.` });
    } else if (isMap(key) || isSeq(key)) {
      problem(offset, {
        code: 'cle-invalide',
        message: 'Une liste ou un bloc ne peut pas servir de nom de rubrique : une rubrique se nomme par un texte (« nom: valeur »).',
      });
    } else {
      problem(offset, { code: 'cle-invalide', message: 'Rubrique sans nom (clé vide, « ~ » ou « null ») : une rubrique se nomme par un texte (« nom: valeur »).' });
    }
  }
}

/** A tag yaml could not apply (`!!js/function`, `!foo`, `!!binary`, `!!map` on a list…), at its position. */
function tagProblem(warning: YAMLError, source: string, at: (offset: number) => Position): Problem {
  const offset = warning.pos[0];
  const tag = /^!\S*/.exec(source.slice(offset, offset + 200))?.[0] ?? '!';
  return {
    code: 'etiquette-inconnue',
    severity: 'error',
    message: `Étiquette YAML « ${tag} » non admise : une convention ne contient que du texte, des nombres, des listes et des rubriques ; retirez l'étiquette (et mettez la valeur entre guillemets si elle doit rester du texte).`,
    path: '',
    ...at(offset),
  };
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
  ALIAS_PROPS: 'Un alias (*nom) ne peut pas porter d’ancre ni d’étiquette.',
  BAD_ALIAS: 'Alias mal écrit : un alias s’écrit « *nom », sans espace ni « : » final.',
  BAD_DIRECTIVE: 'Directive YAML (%…) incorrecte.',
  BAD_DQ_ESCAPE: 'Séquence d’échappement invalide entre guillemets doubles (\\ suivi d’un caractère inconnu) : doublez la barre oblique inverse ou utilisez des guillemets simples.',
  BAD_PROP_ORDER: 'Ancre (&) ou étiquette (!) mal placée : elle précède la valeur à laquelle elle s’applique.',
  BLOCK_IN_FLOW: 'Une liste entre crochets ou un bloc entre accolades ne peut pas contenir de lignes « - » ou « clé: ».',
  KEY_OVER_1024_CHARS: 'Nom de rubrique trop long (plus de 1 024 caractères) : un « : » manque sans doute.',
  MULTIPLE_ANCHORS: 'Une valeur ne peut porter qu’une ancre (&).',
  MULTIPLE_DOCS: 'Le fichier contient plusieurs documents YAML (séparés par « --- ») : une convention par fichier.',
  MULTIPLE_TAGS: 'Une valeur ne peut porter qu’une étiquette (!).',
  NON_STRING_KEY: 'Nom de rubrique invalide : une rubrique se nomme par un texte.',
  RESOURCE_EXHAUSTION: 'Imbrication trop profonde (listes ou blocs les uns dans les autres) : le fichier est refusé.',
  IMPOSSIBLE: 'Structure YAML invalide.',
};

function yamlProblem(error: YAMLError, file: string, lineCounter: LineCounter): Problem {
  const start = lineCounter.linePos(error.pos[0]);
  const known = YAML_ERROR_MESSAGES[error.code];
  return {
    code: 'yaml-' + error.code.toLowerCase().replace(/_/g, '-'),
    severity: 'error',
    message: known ?? 'Syntaxe YAML invalide.',
    path: '',
    file,
    line: start.line,
    column: start.col,
  };
}
