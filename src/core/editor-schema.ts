/**
 * The schemas editors read (yaml-language-server, and through it VS Code, Neovim, IntelliJ…): each
 * type's schema made a single document, the common definitions copied into its own `definitions`
 * so that no reference leaves the file, with French messages in the keywords editors show instead of
 * their English ones (`errorMessage`, `patternErrorMessage`) and « À COMPLÉTER » refused where a
 * free text is expected (the check of `validate`, `texte-a-completer`, seen in the editor).
 *
 * The build writes them into dist/schemas/, which the package publishes: a convention points at
 * them by a versioned URL on a CDN that serves the files of npm packages (jsDelivr), stable for a
 * given version, reachable from any machine, whatever folder the file is moved to.
 * `convention schema <type>` prints the same document. Pure: the schemas are inputs.
 */
export type JsonSchema = Record<string, unknown>;

const COMMON_FILE = 'common.schema.json';

/** The id `convention schema` takes for the common definitions, and their editor schema's name. */
export const COMMON_ID = 'common';

/** The CDN that serves a published npm package's files at a fixed version. */
export const SCHEMA_CDN = 'https://cdn.jsdelivr.net/npm';
/** Where the build writes the editor schemas, below the package root (a folder the package publishes). */
export const EDITOR_SCHEMAS_FOLDER = 'dist/schemas';

/** The marker of a skeleton's values (src/wizard/skeleton.ts), refused by editors in free texts. */
const MARKER = 'À COMPLÉTER';

/** `https://cdn.jsdelivr.net/npm/convention-partenariat@0.1.0/dist/schemas/locale-ccas.schema.json`. */
export function editorSchemaUrl(packageName: string, version: string, id: string): string {
  return `${SCHEMA_CDN}/${packageName}@${version}/${EDITOR_SCHEMAS_FOLDER}/${id}.schema.json`;
}

/**
 * A type's schema as one document: references into the common schema become references into its
 * own `definitions`, where every common definition is copied (a common definition refers to others
 * by `#/definitions/…`, which stay right). `$id`: the URL the document is published at.
 */
export function editorSchema(type: JsonSchema, common: JsonSchema, id: string): JsonSchema {
  const own = (type.definitions ?? {}) as Record<string, JsonSchema>;
  const shared = (common.definitions ?? {}) as Record<string, JsonSchema>;
  const clash = Object.keys(own).find((name) => name in shared);
  if (clash) throw new Error(`définition « ${clash} » à la fois dans le schéma du type et dans ${COMMON_FILE}`);
  const local = withLocalReferences(type) as JsonSchema;
  const document: JsonSchema = { ...local, $id: id, definitions: { ...(local.definitions as object | undefined), ...structuredClone(shared) } };
  return withEditorMessages(document);
}

/** The common schema as editors read it: its definitions, with the same French messages. */
export function editorCommonSchema(common: JsonSchema, id: string): JsonSchema {
  return withEditorMessages({ ...structuredClone(common), $id: id });
}

function withLocalReferences(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withLocalReferences);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith(`${COMMON_FILE}#`) ? value.slice(COMMON_FILE.length) : withLocalReferences(value),
    ]),
  );
}

/** Keywords whose value is a map of schemas, a list of schemas, or one schema (draft-07). */
const SCHEMA_MAPS = ['properties', 'definitions', 'patternProperties'];
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf'];
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];

const quoted = (value: unknown) => `« ${String(value)} »`;
const withoutFinalStop = (text: string) => text.replace(/[.\s]+$/, '');

/**
 * Adds, where the schema has none, the French message an editor shows for each value refused: a
 * closed list names the values admitted, a form (pattern, date, e-mail) says what to write, a number
 * what is expected; a free text refuses « À COMPLÉTER ». `label`: the title of the field the node
 * describes (an item of a list takes its list's), none for a shared definition's own root.
 */
export function withEditorMessages(schema: JsonSchema): JsonSchema {
  const visit = (node: JsonSchema, label: string | undefined, definitionRoot = false): JsonSchema => {
    const result: JsonSchema = { ...node };
    const title = typeof node.title === 'string' ? quoted(node.title) : label;
    const description = typeof node.description === 'string' ? withoutFinalStop(node.description) : undefined;
    const about = title ?? 'Valeur';
    if (result.errorMessage === undefined) {
      if (Array.isArray(node.enum)) {
        result.errorMessage = `${about} : valeur non admise ; valeurs admises : ${node.enum.map(String).join(', ')}.`;
      } else if ('const' in node) {
        result.errorMessage = `${about} : seule valeur admise ici, ${quoted(node.const)}.`;
      } else if (typeof node.format === 'string' || typeof node.pattern === 'string') {
        result.errorMessage = `${about} n'a pas la forme attendue${description ? ` : ${description}` : ''}.`;
      } else if (node.type === 'integer' || node.type === 'number') {
        result.errorMessage = `${about} : ${node.type === 'integer' ? 'nombre entier' : 'nombre'} attendu${description ? ` (${description})` : ''}.`;
      }
    }
    if (typeof node.pattern === 'string' && result.patternErrorMessage === undefined) result.patternErrorMessage = result.errorMessage;
    if (node.type === 'string' && node.pattern === undefined && node.format === undefined && node.enum === undefined && !('const' in node)) {
      // A free text: the skeleton's marker is refused as `validate` refuses it.
      result.pattern = `^(?![\\s\\S]*${MARKER})`;
      // A shared definition's title names a kind of value (« Texte »), not the field being filled.
      result.patternErrorMessage = `${(definitionRoot ? undefined : title) ?? 'Cette valeur'} est à compléter : remplacez ${quoted(MARKER)} par la valeur réelle.`;
    }
    for (const key of SCHEMA_MAPS) {
      const map = node[key] as Record<string, JsonSchema> | undefined;
      if (map && typeof map === 'object') {
        result[key] = Object.fromEntries(Object.entries(map).map(([name, child]) => [name, isSchema(child) ? visit(child, undefined, key === 'definitions') : child]));
      }
    }
    for (const key of SCHEMA_LISTS) {
      if (Array.isArray(node[key])) result[key] = (node[key] as unknown[]).map((child) => (isSchema(child) ? visit(child, title) : child));
    }
    for (const key of SCHEMA_VALUES) {
      if (isSchema(node[key])) result[key] = visit(node[key] as JsonSchema, key === 'items' || key === 'additionalProperties' ? title : undefined);
    }
    return result;
  };
  return visit(schema, undefined);
}

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The name and version of a package, as its package.json gives them. */
export interface PackageIdentity {
  name: string;
  version: string;
}
