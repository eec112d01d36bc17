/**
 * Stage 2, validate: the type's JSON Schema (ajv), then the type's domain rules. Problems are data
 * with a code, a JSON pointer and a source position; messages are French sentences written here,
 * never raw ajv output.
 *
 * Compiling the schemas with ajv costs more than the rest of a `convention validate`: the build
 * (`scripts/build-validators.mjs`) writes each type's validator as standalone code into
 * `dist/validators/<type>.js`, and this module loads it when it was compiled from the schemas on
 * disk (same text). Otherwise (sources run without a build, a schema edited since) ajv compiles at run time,
 * with the same options: the errors, and so the messages, are the same either way.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { _ as Code, Ajv, CodeKeywordDefinition, ErrorObject, KeywordCxt, Options, SchemaObject } from 'ajv';
import { PACKAGE_ROOT } from './assets.js';
import type { LoadedConvention } from './load.js';
import { place } from './positions.js';
import { boundProblems, fromPointer, MAX_PROBLEMS_PER_FILE, omittedProblems, type Problem, type UnplacedProblem } from './problem.js';
import { COMMON_SCHEMA, defaultRegistry, type Registry } from './registry.js';
import { checkPlaceholders, checkSharedRules, placeholderIn } from './rules.js';
import { ANNOTATION_KEYWORDS } from './schema-keywords.js';
import { didYouMean } from './suggest.js';
import { checkTypeRules } from './type-rules.js';

// ajv-formats and ajv-i18n are CommonJS modules whose function is their default export.
const defaultExport = <T>(module: unknown): T => ((module as { default?: unknown }).default ?? module) as T;

/** Where the build writes the standalone validators, one module per type. */
export const VALIDATORS_DIR = join(PACKAGE_ROOT, 'dist', 'validators');

/** The keywords editors read and validation ignores. */
export const EDITOR_KEYWORDS = ['errorMessage', 'patternErrorMessage', 'markdownDescription'] as const;

/** The ajv options, shared by the build's standalone code and the run-time fallback. */
export const AJV_OPTIONS: Options = { allErrors: true, strict: true, strictRequired: false, verbose: true, allowUnionTypes: true, inlineRefs: false };

/** A compiled validator, standalone or from ajv: `errors` is set after a failed call. */
export type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const schemasByType = new Map<string, SchemaObject>();
const validators = new Map<string, Validator>();
let commonSchema: SchemaObject | undefined;

function schemaText(file: string): string {
  return defaultRegistry().schemaText(file);
}

function common(): SchemaObject {
  return (commonSchema ??= JSON.parse(schemaText(COMMON_SCHEMA)) as SchemaObject);
}

/**
 * The text of the schemas a type's validator is compiled from: a standalone one is used only if it
 * was compiled from the same. Compared as text rather than hashed: loading node:crypto would cost
 * `validate` more (some 4 ms) than comparing a few kilobytes.
 */
export function schemaSource(typeId: string): string {
  const type = defaultRegistry().find(typeId);
  if (!type) throw new Error(`schéma inconnu : ${typeId}`);
  return `${schemaText(COMMON_SCHEMA)}\0${schemaText(type.schemaFile)}`;
}

/** An ajv instance holding every bundled schema (the build passes `code` options for standalone output). */
export async function createAjv(options: Options = {}): Promise<Ajv> {
  const [ajvModule, formats] = await Promise.all([import('ajv'), import('ajv-formats')]);
  // Named export under Node, property of the default export once bundled (CommonJS interop).
  const Ajv = ajvModule.Ajv ?? defaultExport<typeof ajvModule>(ajvModule).Ajv;
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options });
  // Messages for editors (yaml-language-server reads them; see src/core/editor-schema.ts): known
  // to ajv's strict mode as annotations, which it does not evaluate.
  // Same for the schemas' own annotations (`x-paragraphes`, src/core/schema-keywords.ts).
  ajv.addVocabulary([...EDITOR_KEYWORDS, ...ANNOTATION_KEYWORDS]);
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword(uniqueItemsInLinearTime(ajvModule._ ?? defaultExport<typeof ajvModule>(ajvModule)._));
  defaultExport<(ajv: Ajv, formats: string[]) => void>(formats)(ajv, ['email', 'date']);
  const documents: Record<string, SchemaObject> = { [COMMON_SCHEMA]: JSON.parse(schemaText(COMMON_SCHEMA)) as SchemaObject };
  for (const type of defaultRegistry().types) documents[type.schemaFile] = JSON.parse(schemaText(type.schemaFile)) as SchemaObject;
  for (const [file, schema] of Object.entries(documents)) ajv.addSchema(withRepeatedRefsInlined(schema, file, documents));
  return ajv;
}

/** Keywords whose value is a map of schemas, a list of schemas, or one schema (draft-07). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'dependencies']);
const SCHEMA_LISTS = new Set(['anyOf', 'allOf', 'oneOf', 'items']);
const SCHEMAS = new Set(['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else']);
/** Keywords whose schemas apply to any number of values: each item, each other property or name. */
const REPEATED = new Set(['items', 'additionalItems', 'additionalProperties', 'patternProperties', 'contains', 'propertyNames']);

/**
 * A schema whose `$ref`s that may run once per item of a list (below `items`, `additionalProperties`…)
 * are replaced by the schema they name, the keywords beside them (a more precise title) kept over
 * the named schema's. ajv compiles a `$ref` as a call to another function whose errors it appends
 * by copying every error found so far (`concat`): with allErrors, a list of 60 000 invalid
 * referents took 77 s of CPU, the square of their number. Inlined, each error is pushed once; the
 * other references stay calls, a number bounded by the schema, so that shared definitions are
 * compiled once. A reference to a schema being inlined (recursion, which the schemas do not have)
 * is left to ajv. `documents`: the schemas by file name, as `$ref`s name them.
 */
export function withRepeatedRefsInlined(schema: SchemaObject, file: string, documents: Record<string, SchemaObject>): SchemaObject {
  const inlining = new Set<string>();
  const inline = (node: unknown, base: string, repeated: boolean): unknown => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === '$ref') continue;
      const below = repeated || REPEATED.has(key);
      if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
        copy[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, inline(sub, base, below)]));
      } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
        copy[key] = value.map((sub) => inline(sub, base, below));
      } else {
        copy[key] = SCHEMAS.has(key) ? inline(value, base, below) : value;
      }
    }
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string') return copy;
    const [refFile, fragment = ''] = ref.split('#');
    const target = refFile || base;
    const key = `${target}#${fragment}`;
    let named: unknown = Object.hasOwn(documents, target) ? documents[target] : undefined;
    for (const segment of fromPointer(fragment)) named = (named as Record<string, unknown> | undefined)?.[segment];
    if (!repeated || named === undefined || inlining.has(key)) return { $ref: ref, ...copy };
    inlining.add(key);
    const { $id: _id, $schema: _schema, ...body } = inline(named, target, true) as Record<string, unknown>;
    inlining.delete(key);
    return { ...body, ...copy };
  };
  return inline(schema, file, false) as SchemaObject;
}

/**
 * `uniqueItems`, checked in time proportional to the list: ajv compares every pair of items when
 * they may be objects (the `annexes`, identifiers or titled documents), and 20 000 annexes took a
 * minute and a half. Each item is written once as JSON, the keys of its objects sorted (so that
 * objects equal for ajv, whatever their key order, are the same text), and looked up in a map.
 * Same keyword, same error parameters (the two indices) as ajv's, so messages are unchanged.
 */
function uniqueItemsInLinearTime(_: typeof Code): CodeKeywordDefinition {
  return {
    keyword: 'uniqueItems',
    type: 'array',
    schemaType: 'boolean',
    error: {
      message: ({ params }) => _`"must NOT have duplicate items (items ## " + ${params.j} + " and " + ${params.i} + " are identical)"`,
      params: ({ params }) => _`{i: ${params.i}, j: ${params.j}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data, schema } = cxt;
      if (schema !== true) return;
      const valid = gen.let('valid', true);
      const i = gen.let('i', _`${data}.length`);
      const j = gen.let('j');
      const seen = gen.const('seen', _`new Map()`);
      cxt.setParams({ i, j });
      gen.for(_`;${i}--;`, () => {
        // A null-prototype object: a `__proto__` key is copied as a key, not taken as a prototype.
        const text = gen.const(
          'text',
          _`JSON.stringify(${data}[${i}], (k, v) => v !== null && typeof v === "object" && !Array.isArray(v) ? Object.keys(v).sort().reduce((o, p) => ((o[p] = v[p]), o), Object.create(null)) : v)`,
        );
        gen.if(_`${seen}.has(${text})`, () => {
          gen.assign(j, _`${seen}.get(${text})`);
          cxt.error();
          gen.assign(valid, false).break();
        });
        gen.code(_`${seen}.set(${text}, ${i})`);
      });
      cxt.ok(valid);
    },
  };
}

let runtimeAjv: Promise<Ajv> | undefined;

async function validatorOf(typeId: string): Promise<Validator> {
  let validator = validators.get(typeId);
  if (!validator) {
    validator = (await standaloneValidator(typeId)) ?? (await (runtimeAjv ??= createAjv())).getSchema(schemaOf(typeId).$id as string)!;
    validators.set(typeId, validator);
  }
  return validator;
}

async function standaloneValidator(typeId: string): Promise<Validator | undefined> {
  const file = join(VALIDATORS_DIR, `${typeId}.js`);
  if (!existsSync(file)) return undefined;
  try {
    const module = (await import(pathToFileURL(file).href)) as { default: Validator; schemaSource: string };
    return module.schemaSource === schemaSource(typeId) ? module.default : undefined;
  } catch {
    return undefined;
  }
}

/** The JSON Schema of a type, as bundled (for `convention schema` and the wizard). */
export function schemaOf(typeId: string): SchemaObject {
  let schema = schemasByType.get(typeId);
  if (!schema) {
    const type = defaultRegistry().find(typeId);
    if (!type) throw new Error(`schéma inconnu : ${typeId}`);
    schema = JSON.parse(schemaText(type.schemaFile)) as SchemaObject;
    schemasByType.set(typeId, schema);
  }
  return schema;
}

export interface ValidateOptions {
  /** The day the check runs, `YYYY-MM-DD` (defaults to today, in local time). */
  today?: string;
}

/** Today in local time, `YYYY-MM-DD`: the day the domain rules check dates against. */
export function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Validates a loaded convention: schema first, then, if the schema passes, the domain rules. */
export async function validateConvention(loaded: LoadedConvention, options: ValidateOptions = {}): Promise<Problem[]> {
  const registry = defaultRegistry();
  const typeProblem = checkType(loaded.data, registry);
  if (typeProblem) return [place(loaded, typeProblem)];
  const typeId = loaded.data.type as string;
  const validator = await validatorOf(typeId);
  // The validator is shared by every call in the process and its `errors` belong to its last run:
  // they are taken at once, before any `await` lets another file's validation reset them.
  const valid = validator(loaded.data);
  const errors = validator.errors ?? [];
  if (!valid) {
    // ajv-i18n's French wording is only needed for errors, and only for the keywords not reworded here.
    const localizeFr = defaultExport<(errors: ErrorObject[]) => void>(await import('ajv-i18n/localize/fr/index.js'));
    return schemaProblems(errors, loaded, localizeFr, options);
  }
  const definition = await registry.definition(typeId);
  const problems = [...checkSharedRules(loaded.data, { today: options.today ?? localToday() }), ...checkTypeRules(loaded.data, definition)];
  return boundProblems(problems, loaded.file, (p) => place(loaded, p));
}

/**
 * The schema's errors as problems, then the texts left « À COMPLÉTER » elsewhere (so that a
 * skeleton's markers are reported all at once: its postal codes, dates and choices are among the
 * schema's refusals); at most MAX_PROBLEMS_PER_FILE of them, each once. Past the bound, errors are
 * only counted: their messages (suggestions, titles) and positions would cost as much as showing
 * them, for a file of 20 000 unknown keys. They are counted once per keyword, place and
 * parameters, as the problems shown are once per message.
 */
function schemaProblems(errors: ErrorObject[], loaded: LoadedConvention, localizeFr: (errors: ErrorObject[]) => void, options: ValidateOptions): Problem[] {
  const shown: Problem[] = [];
  const messages = new Set<string>();
  const others = new Set<string>();
  /** Where the schema found something: a marker there is already reported. */
  const reported = new Set<string>();
  for (const error of withoutAnyOfBranches(errors)) {
    const extra = error.keyword === 'additionalProperties' ? (error.params as { additionalProperty: string }).additionalProperty : undefined;
    reported.add(extra === undefined ? error.instancePath : `${error.instancePath}/${escapeSegment(extra)}`);
    if (shown.length < MAX_PROBLEMS_PER_FILE) {
      localizeFr([error]);
      const { problem, target } = translateError(error);
      const key = `${problem.code}|${problem.path}|${problem.message}`;
      if (messages.has(key)) continue;
      messages.add(key);
      shown.push(place(loaded, problem, target));
    } else {
      others.add(`${error.keyword}|${error.instancePath}|${extra ?? JSON.stringify(error.params)}`);
    }
  }
  let omitted = others.size;
  for (const marker of checkPlaceholders(loaded.data, { today: options.today ?? localToday() })) {
    if (reported.has(marker.path)) continue;
    if (shown.length < MAX_PROBLEMS_PER_FILE) shown.push(place(loaded, marker));
    else omitted++;
  }
  if (omitted > 0) shown.push(omittedProblems(loaded.file, omitted, omitted));
  return shown;
}

/** A JSON pointer's segment for a key: `~` and `/` escaped as RFC 6901 asks. */
function escapeSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * With allErrors, a failing anyOf reports every branch's failure too: the anyOf is kept, not its
 * branches. A branch's schema path extends its anyOf's: each error's path prefixes are looked up.
 */
function withoutAnyOfBranches(errors: ErrorObject[]): ErrorObject[] {
  // An if/then reports its `then`'s own errors (a missing rubrique) and an « if » error that says
  // no more: only the former are kept.
  errors = errors.filter((e) => e.keyword !== 'if');
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.schemaPath));
  if (anyOfPaths.size === 0) return errors;
  const inBranch = (schemaPath: string) => {
    for (let slash = schemaPath.indexOf('/'); slash !== -1; slash = schemaPath.indexOf('/', slash + 1)) {
      if (anyOfPaths.has(schemaPath.slice(0, slash))) return true;
    }
    return false;
  };
  return errors.filter((e) => e.keyword === 'anyOf' || !inBranch(e.schemaPath));
}

function checkType(data: Record<string, unknown>, registry: Registry): UnplacedProblem | undefined {
  const known = registry.types.map((t) => t.id);
  if (!('type' in data)) {
    return {
      code: 'type-manquant',
      severity: 'error',
      message: `Rubrique « type » manquante : indiquez le type de convention (${known.join(', ')}).`,
      path: '',
    };
  }
  if (!registry.find(data.type)) {
    return {
      code: 'type-inconnu',
      severity: 'error',
      message: `Type de convention ${show(data.type)} inconnu ; types disponibles : ${known.join(', ')}.${typeof data.type === 'string' ? didYouMean(data.type, known) : ''}`,
      path: '/type',
    };
  }
  return undefined;
}

interface TranslatedError {
  problem: UnplacedProblem;
  target: 'key' | 'value';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte',
  integer: 'un nombre entier',
  number: 'un nombre',
  boolean: 'vrai ou faux (true ou false)',
  array: 'une liste (lignes commençant par « - »)',
  object: 'un bloc de rubriques « clé: valeur »',
  null: 'vide',
};

/**
 * Resolves `$ref`s to read a schema's French title and description. Type schemas refer to the
 * common schema by file name; the common schema refers to itself with bare fragments; no other
 * kind of reference exists in `schemas/` (a test walks them all).
 */
function resolveRef(schema: SchemaObject): SchemaObject {
  let current = schema;
  for (let depth = 0; typeof current.$ref === 'string' && depth < 10; depth++) {
    const [file, fragment = ''] = current.$ref.split('#');
    if (file && file !== COMMON_SCHEMA) break;
    let target: unknown = common();
    for (const segment of fromPointer(fragment)) target = (target as Record<string, unknown> | undefined)?.[segment];
    if (!target) break;
    // Keywords beside the $ref (a more precise title) win over the referenced schema's.
    current = { ...(target as SchemaObject), ...stripRef(current) };
  }
  return current;
}

function stripRef(schema: SchemaObject): SchemaObject {
  const { $ref: _ignored, ...rest } = schema;
  return rest;
}

function fieldName(pointer: string, schema: SchemaObject | undefined): string {
  const resolved = schema ? resolveRef(schema) : undefined;
  const segments = fromPointer(pointer);
  const last = segments[segments.length - 1];
  if (resolved?.title && typeof resolved.title === 'string') return `« ${resolved.title} »`;
  if (last === undefined) return 'la convention';
  if (/^\d+$/.test(last)) return `l'élément ${Number(last) + 1} de « ${segments[segments.length - 2] ?? ''} »`;
  return `« ${last} »`;
}

/** Values quoted in messages are cut past this many characters. */
const SHOWN_LENGTH = 60;

function show(value: unknown): string {
  return `« ${typeof value === 'string' ? cut(value) : preview(value)} »`;
}

function cut(text: string): string {
  return text.length > SHOWN_LENGTH ? text.slice(0, SHOWN_LENGTH - 3) + '…' : text;
}

/**
 * A value as JSON, cut past SHOWN_LENGTH characters, written only that far: a list of a million
 * items is not serialised whole to show its first few.
 */
function preview(value: unknown): string {
  const parts: string[] = [];
  let length = 0;
  const write = (text: string): boolean => {
    parts.push(text);
    length += text.length;
    return length <= SHOWN_LENGTH;
  };
  const walk = (item: unknown): boolean => {
    if (Array.isArray(item)) {
      if (!write('[')) return false;
      for (let i = 0; i < item.length; i++) if ((i > 0 && !write(',')) || !walk(item[i])) return false;
      return write(']');
    }
    if (item !== null && typeof item === 'object') {
      if (!write('{')) return false;
      let first = true;
      for (const [key, entry] of Object.entries(item)) {
        if ((!first && !write(',')) || !write(`${JSON.stringify(key)}:`) || !walk(entry)) return false;
        first = false;
      }
      return write('}');
    }
    return write(JSON.stringify(item) ?? String(item));
  };
  const whole = walk(value);
  const text = parts.join('');
  return whole ? text : text.slice(0, SHOWN_LENGTH - 1) + '…';
}

/** What a refused placeholder is to be replaced by, by the keyword that refused it. */
const EXPECTED: Record<string, (error: ErrorObject, parent: SchemaObject | undefined) => string> = {
  enum: (error) => `l'une des valeurs admises : ${((error.params as { allowedValues: unknown[] }).allowedValues).map(String).join(', ')}`,
  format: (error) =>
    (error.params as { format: string }).format === 'date'
      ? 'une date au format AAAA-MM-JJ (par exemple 2024-11-14)'
      : (error.params as { format: string }).format === 'email'
        ? 'une adresse électronique'
        : 'la valeur réelle',
  pattern: (_error, parent) => {
    const description = parent ? resolveRef(parent).description : undefined;
    return `la valeur réelle${description ? ` (${String(description).replace(/\.$/, '')})` : ''}`;
  },
  type: (error, parent) => {
    const kind = String((error.params as { type: string }).type)
      .split(',')
      .map((t) => TYPE_NAMES[t] ?? t)
      .join(' ou ');
    const description = parent ? resolveRef(parent).description : undefined;
    return `${kind}${description ? ` (${String(description).replace(/\.$/, '')})` : ''}`;
  },
};

/**
 * What `validate` says of a value checked on its own against its field's schema (the wizard's check
 * of one answer): the same French sentences, the field named by `label`.
 */
export function answerErrorMessage(errors: ErrorObject[], label: string): string {
  const error = withoutAnyOfBranches(errors)[0] ?? errors[0];
  if (!error) return `Réponse non admise pour « ${label} ».`;
  return translateError(error, `« ${label} »`).problem.message;
}

function translateError(error: ErrorObject, label?: string): TranslatedError {
  const path = error.instancePath;
  const parent = error.parentSchema as SchemaObject | undefined;
  const field = label ?? fieldName(path, parent);
  const value = error.data;
  const base = { severity: 'error' as const, path };
  const params = error.params as Record<string, unknown>;
  const placeholder = typeof value === 'string' ? placeholderIn(value) : undefined;
  if (placeholder && error.keyword in EXPECTED) {
    // A value left « À COMPLÉTER » (a skeleton's postal code, date, civility…): say what to write.
    return {
      problem: {
        ...base,
        code: 'texte-a-completer',
        message: `${capitalizeField(field)} est à compléter : remplacez ${show(value)} par ${EXPECTED[error.keyword]!(error, parent)}.`,
      },
      target: 'value',
    };
  }
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const property = (parent?.properties as Record<string, SchemaObject> | undefined)?.[missing];
      const title = property ? resolveRef(property).title : undefined;
      return {
        problem: {
          ...base,
          code: 'champ-obligatoire',
          message: `Rubrique obligatoire manquante dans ${field} : « ${missing} »${title ? ` (${String(title)})` : ''}.`,
        },
        target: 'value',
      };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const known = Object.keys((parent?.properties as object | undefined) ?? {});
      return {
        problem: {
          ...base,
          path: `${path}/${escapeSegment(extra)}`,
          code: 'champ-inconnu',
          message: `Rubrique « ${cut(extra)} » inconnue dans ${field}.${didYouMean(extra, known)}${known.length ? ` Rubriques admises : ${known.join(', ')}.` : ''}`,
        },
        target: 'key',
      };
    }
    case 'type':
      return {
        problem: {
          ...base,
          code: 'type-invalide',
          message: `${capitalizeField(field)} doit être ${String(params.type)
            .split(',')
            .map((t) => TYPE_NAMES[t] ?? t)
            .join(' ou ')}, et non ${show(value)}.`,
        },
        target: 'value',
      };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return {
        problem: {
          ...base,
          code: 'valeur-inconnue',
          message: `Valeur ${show(value)} non admise pour ${field} ; valeurs admises : ${allowed.join(', ')}.${didYouMean(String(value), allowed)}`,
        },
        target: 'value',
      };
    }
    case 'const':
      return {
        problem: { ...base, code: 'valeur-inconnue', message: `${capitalizeField(field)} doit valoir « ${String(params.allowedValue)} ».` },
        target: 'value',
      };
    case 'format': {
      const what =
        params.format === 'email'
          ? "n'est pas une adresse électronique valide"
          : params.format === 'date'
            ? "n'est pas une date réelle au format AAAA-MM-JJ (par exemple 2024-11-14)"
            : `n'a pas le format ${String(params.format)}`;
      return { problem: { ...base, code: 'format-invalide', message: `${capitalizeField(field)} : ${show(value)} ${what}.` }, target: 'value' };
    }
    case 'pattern': {
      const description = parent ? resolveRef(parent).description : undefined;
      return {
        problem: {
          ...base,
          code: 'format-invalide',
          message: `${capitalizeField(field)} : ${show(value)} n'a pas la forme attendue${description ? ` (${String(description).replace(/\.$/, '')})` : ''}.`,
        },
        target: 'value',
      };
    }
    case 'minLength':
      return { problem: { ...base, code: 'texte-vide', message: `${capitalizeField(field)} ne peut pas être vide.` }, target: 'value' };
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params.limit);
      const bound = error.keyword === 'minItems' ? 'au moins' : 'au plus';
      return {
        problem: {
          ...base,
          code: 'nombre-elements',
          message: `${capitalizeField(field)} doit compter ${bound} ${limit} élément${limit > 1 ? 's' : ''}.`,
        },
        target: 'value',
      };
    }
    case 'uniqueItems':
      return {
        problem: { ...base, code: 'doublon', message: `${capitalizeField(field)} contient deux fois la même valeur.` },
        target: 'value',
      };
    case 'minimum':
    case 'maximum':
      return {
        problem: {
          ...base,
          code: 'valeur-hors-limites',
          message: `${capitalizeField(field)} doit être ${error.keyword === 'minimum' ? 'au moins' : 'au plus'} ${String(params.limit)}, et non ${show(value)}.`,
        },
        target: 'value',
      };
    case 'anyOf':
      return {
        problem: {
          ...base,
          code: 'valeur-invalide',
          message: `${capitalizeField(field)} : ${show(value)} ne correspond à aucune des formes admises${parent?.description ? ` (${String(parent.description).replace(/\.$/, '')})` : ''}.`,
        },
        target: 'value',
      };
    default:
      // Keywords not yet reworded keep ajv-i18n's French wording, prefixed by the field.
      return {
        problem: { ...base, code: `schema-${error.keyword}`, message: `${capitalizeField(field)} : ${error.message ?? 'valeur invalide'}.` },
        target: 'value',
      };
  }
}

function capitalizeField(field: string): string {
  return field.charAt(0).toUpperCase() + field.slice(1);
}
