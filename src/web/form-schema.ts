/**
 * What the form of `convention serve` makes of a type's editor schema, kept free of the DOM and of
 * React: the build (scripts/build-web.mjs) compiles rjsf's validators from the same prepared schema
 * the browser gives the form, so the two must come from this one function.
 *
 * The form never shows a message of its own validator: the server's problems (`validate`'s, in
 * French) are the only ones. rjsf still needs a validator to tell which alternative of an `anyOf` a
 * value is (a catalogue annex given by its id, or an annex written out); it is compiled at build time
 * (ajv's standalone code) because the page's Content-Security-Policy forbids `eval`.
 */
export type Schema = { [key: string]: unknown };

/** Keywords of an alternative that only constrain (« texte or liste required »): nothing to choose. */
const CONSTRAINT_ONLY = new Set(['type', 'required', 'errorMessage']);

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A title for an alternative the schema leaves untitled, from what it holds. */
function alternativeTitle(alternative: Schema, definitions: Schema): string {
  const resolved = typeof alternative.$ref === 'string' ? (definitions[alternative.$ref.replace('#/definitions/', '')] as Schema | undefined) ?? alternative : alternative;
  if (typeof resolved.title === 'string') return resolved.title;
  if (Array.isArray(resolved.enum)) return 'Choix dans la liste';
  if (resolved.type === 'string') return 'Texte libre';
  if (isSchema(resolved.properties)) {
    const titles = Object.values(resolved.properties)
      .map((property) => (isSchema(property) && typeof property.title === 'string' ? property.title : null))
      .filter((title): title is string => title !== null);
    if (titles.length > 0) return `Détaillé : ${titles.slice(0, 3).join(', ')}${titles.length > 3 ? '…' : ''}`;
  }
  return 'Autre forme';
}

/** A schema that only constrains (« required »…): it shows no field and chooses nothing. */
function constraintOnly(node: unknown): boolean {
  return isSchema(node) && Object.keys(node).every((k) => CONSTRAINT_ONLY.has(k));
}

/**
 * An `if`/`then`/`else` whose branches only require properties (an annex without `id` requires its
 * `titre`): nothing for the form to show or choose.
 */
function constraintOnlyConditional(node: Schema): boolean {
  return 'if' in node && (node.then === undefined || constraintOnly(node.then)) && (node.else === undefined || constraintOnly(node.else));
}

/**
 * The schema the form is generated from: the editor schema less the alternatives that only require
 * one property or another (the server says which is missing; a selector « Option 1 / Option 2 »
 * would say nothing), the real alternatives titled in French; less the conditionals that only
 * require, too — and these for a second reason: while a schema holds a conditional below its root,
 * rjsf sanitises the data at each change (`sanitizeDataForNewSchema`), and that writes an empty
 * object for every optional group the data lacks (`delegataire: {}`), which the form would send,
 * refused for its missing required fields, and save.
 */
export function prepareFormSchema(schema: Schema): Schema {
  const definitions = isSchema(schema.definitions) ? schema.definitions : {};
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isSchema(node)) return node;
    const out: Schema = {};
    const dropConditional = constraintOnlyConditional(node);
    for (const [key, value] of Object.entries(node)) {
      if (dropConditional && (key === 'if' || key === 'then' || key === 'else')) continue;
      if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
        if (value.every(constraintOnly)) continue;
        out[key] = value.map((alternative) =>
          isSchema(alternative) && typeof alternative.title !== 'string' ? { title: alternativeTitle(alternative, definitions), ...(walk(alternative) as Schema) } : walk(alternative),
        );
        continue;
      }
      out[key] = walk(value);
    }
    return out;
  };
  return walk(schema) as Schema;
}

/**
 * A text written in paragraphs, shown as a text area: marked so by the schema (`x-paragraphes`), or
 * long enough (`maxLength` of 500 or more), or described as paragraphs separated by a blank line.
 */
export function isLongText(schema: Schema): boolean {
  if (schema['x-paragraphes'] === true) return true;
  if (typeof schema.maxLength === 'number' && schema.maxLength >= 500) return true;
  return schema.format === undefined && typeof schema.description === 'string' && /ligne vide/i.test(schema.description);
}

/** RFC 6901 pointer to its segments (`/parties/0/nom` → parties, 0, nom). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The id rjsf gives the field at `pointer` (prefix `root`, separator `_`). */
export function fieldId(pointer: string): string {
  return ['root', ...pointerSegments(pointer)].join('_');
}

export interface ProblemLike {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  path: string;
}

/** rjsf's error schema: `{ parties: { 0: { nom: { __errors: [...] } } } }`. */
export type ErrorTree = { __errors?: string[]; [key: string]: ErrorTree | string[] | undefined };

/**
 * The server's problems as rjsf's `extraErrors`, each at the field its pointer names; a pointer the
 * form has no field for stays on its nearest field (`known` says which paths have one).
 */
export function problemsToErrorTree(problems: readonly ProblemLike[], known: (segments: readonly string[]) => boolean = () => true): ErrorTree {
  const tree: ErrorTree = {};
  for (const problem of problems) {
    let segments = pointerSegments(problem.path);
    while (segments.length > 0 && !known(segments)) segments = segments.slice(0, -1);
    let node = tree;
    for (const segment of segments) {
      const next = node[segment];
      node = (next && !Array.isArray(next) ? next : (node[segment] = {})) as ErrorTree;
    }
    (node.__errors ??= []).push(problem.severity === 'warning' ? `Avertissement : ${problem.message}` : problem.message);
  }
  return tree;
}

/** What a local `$ref` (`#/definitions/adresse`, `#/definitions/personne/properties/nom`) points at. */
function target(root: Schema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const segment of pointerSegments(ref.slice(1))) node = isSchema(node) ? node[segment] : undefined;
  return node;
}

/** A node of the schema with its `$ref` followed and its `allOf` merged (properties together). */
function resolved(node: unknown, root: Schema, depth = 0): Schema {
  if (!isSchema(node) || depth > 16) return {};
  let out: Schema = node;
  if (typeof out.$ref === 'string') {
    const { $ref, ...rest } = out;
    out = { ...resolved(target(root, $ref as string), root, depth + 1), ...rest };
  }
  if (Array.isArray(out.allOf)) {
    const parts = out.allOf.map((part) => resolved(part, root, depth + 1));
    const properties = Object.assign({}, ...parts.map((part) => (isSchema(part.properties) ? part.properties : {})), isSchema(out.properties) ? out.properties : {});
    out = { ...Object.assign({}, ...parts), ...out, properties };
    delete out.allOf;
  }
  return out;
}

/**
 * How the form names the field at `pointer`: the titles of its sections and field, an item by its
 * number (« Parties › 2 › Adresse › Code postal »); null for the whole convention.
 */
export function fieldLabel(schema: Schema, pointer: string): string | null {
  const names: string[] = [];
  let node: Schema = resolved(schema, schema);
  for (const segment of pointerSegments(pointer)) {
    if (/^\d+$/.test(segment) && (node.type === 'array' || node.items !== undefined)) {
      names.push(String(Number(segment) + 1));
      node = resolved(node.items, schema);
      continue;
    }
    // A property of the node, or of one of its alternatives (a point written as text or as an object).
    const holders = [node, ...[node.anyOf, node.oneOf].flatMap((group) => (Array.isArray(group) ? group.map((a) => resolved(a, schema)) : []))];
    const holder = holders.find((h) => isSchema(h.properties) && segment in h.properties);
    node = resolved(holder ? (holder.properties as Schema)[segment] : undefined, schema);
    names.push(typeof node.title === 'string' ? node.title : segment);
  }
  return names.length > 0 ? names.join(' › ') : null;
}
