/**
 * The convention types, found in the folders: a type is `templates/<id>/catalogue.yaml` beside
 * `schemas/<id>.schema.json` (and the partials of `templates/<id>/`). No code names a type: adding
 * one is adding those files. The registry is built from a package root and handed to the stages
 * (validate, compose, the wizard); `defaultRegistry()` is the one of this package.
 *
 * Light on purpose: listing types or validating a file reads the schemas' titles and one type's
 * catalogue, never compose code, docx or handlebars.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from './assets.js';
import { UserError } from './errors.js';
import type { Catalogue } from './generated/catalogue.js';
import { inlineSchema, type JsonSchema } from './schema-inline.js';

export type { Catalogue };

export interface ConventionTypeInfo {
  id: string;
  /** One French line (the schema's title), shown by `convention types` and the wizard. */
  description: string;
  /** File name under the schemas folder. */
  schemaFile: string;
}

/** What the stages know of a type: its schema (as written and self-contained) and its catalogue. */
export interface TypeDefinition extends ConventionTypeInfo {
  catalogue: Catalogue;
  schema: JsonSchema;
  /** The schema with every `$ref` resolved and `allOf` merged (defaults, conditions, the wizard). */
  form: JsonSchema;
}

export interface Registry {
  readonly root: string;
  readonly schemasDir: string;
  readonly templatesDir: string;
  /** Every type, by id. */
  readonly types: readonly ConventionTypeInfo[];
  find(id: unknown): ConventionTypeInfo | undefined;
  /** A type's schema and catalogue, read (and the catalogue checked) once per process. */
  definition(id: string): Promise<TypeDefinition>;
  /** The text of a schema file of this registry. */
  schemaText(file: string): string;
}

/** A type's id is a folder name of this form; other folders (common, wizard) are not types. */
const TYPE_ID = /^[a-z][a-z0-9-]*$/;
export const COMMON_SCHEMA = 'common.schema.json';
export const CATALOGUE_FILE = 'catalogue.yaml';
export const CATALOGUE_SCHEMA_FILE = 'catalogue.schema.json';

/**
 * Where the build writes each type's catalogue parsed, as JSON (scripts/build-assets.mjs), after
 * checking it against its schema: parsing YAML with a parser not yet warmed up costs a `validate`
 * several milliseconds, JSON a fraction of one. The YAML stays the source: an entry is used only if
 * the text it was parsed from is the one on disk, so an edited catalogue is never read stale.
 */
export const BUILT_CATALOGUES_FILE = join(PACKAGE_ROOT, 'dist', 'catalogues.json');
/** The catalogue schema compiled by the build (scripts/build-validators.mjs), a standalone ajv validator. */
export const CATALOGUE_VALIDATOR_FILE = join(PACKAGE_ROOT, 'dist', 'validators', '_catalogue.js');

/** One type's catalogue as the build parsed it, with the YAML text it came from. */
export interface BuiltCatalogue {
  source: string;
  catalogue: unknown;
}

let builtCatalogues: Record<string, BuiltCatalogue> | undefined;

function builtCatalogue(type: string): BuiltCatalogue | undefined {
  if (!builtCatalogues) {
    try {
      builtCatalogues = JSON.parse(readFileSync(BUILT_CATALOGUES_FILE, 'utf8')) as Record<string, BuiltCatalogue>;
    } catch {
      // Sources run without a build: every catalogue is parsed from its YAML.
      builtCatalogues = {};
    }
  }
  return Object.hasOwn(builtCatalogues, type) ? builtCatalogues[type] : undefined;
}

/** Builds the registry of the package (or of a copy of it) found at `root`. */
export function loadRegistry(root: string = PACKAGE_ROOT): Registry {
  const schemasDir = join(root, 'schemas');
  const templatesDir = join(root, 'templates');
  const texts = new Map<string, string>();
  const schemaText = (file: string): string => {
    let text = texts.get(file);
    if (text === undefined) {
      text = readFileSync(join(schemasDir, file), 'utf8');
      texts.set(file, text);
    }
    return text;
  };
  const types = discoverTypes(schemasDir, templatesDir, root, schemaText);
  const definitions = new Map<string, Promise<TypeDefinition>>();
  // Built catalogues stand for this package's own templates only, not for a copy elsewhere.
  const ownPackage = root === PACKAGE_ROOT;

  const find = (id: unknown) => types.find((t) => t.id === id);
  return {
    root,
    schemasDir,
    templatesDir,
    types,
    find,
    schemaText,
    definition(id) {
      let definition = definitions.get(id);
      if (!definition) {
        const info = find(id);
        if (!info) throw new Error(`type de convention inconnu : ${id}`);
        definition = (async () => {
          const file = join(templatesDir, id, CATALOGUE_FILE);
          const text = readFileSync(file, 'utf8');
          const built = ownPackage ? builtCatalogue(id) : undefined;
          const catalogue = built?.source === text ? (built.catalogue as Catalogue) : await checkedCatalogue(text, relative(root, file), templatesDir);
          const schema = JSON.parse(schemaText(info.schemaFile)) as JsonSchema;
          const form = inlineSchema(stripMeta(schema), { type: schema, common: JSON.parse(schemaText(COMMON_SCHEMA)) as JsonSchema });
          return { ...info, catalogue, schema, form };
        })();
        definitions.set(id, definition);
        definition.catch(() => definitions.delete(id));
      }
      return definition;
    },
  };
}

function stripMeta(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function discoverTypes(schemasDir: string, templatesDir: string, root: string, schemaText: (file: string) => string): ConventionTypeInfo[] {
  const folders = readdirSync(templatesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && TYPE_ID.test(entry.name) && existsSync(join(templatesDir, entry.name, CATALOGUE_FILE)))
    .map((entry) => entry.name)
    // A fixed order, not a linguistic one (localeCompare's first call costs ICU's start-up).
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ids = new Map<string, string>();
  return folders.map((id) => {
    const schemaFile = `${id}.schema.json`;
    const where = relative(root, join(schemasDir, schemaFile));
    if (!existsSync(join(schemasDir, schemaFile))) {
      throw new UserError(`${relative(root, join(templatesDir, id, CATALOGUE_FILE))} : le type « ${id} » n'a pas de schéma (${where} introuvable).`, 'type-incomplet');
    }
    let schema: { title?: unknown; $id?: unknown; properties?: { type?: { const?: unknown } } };
    try {
      schema = JSON.parse(schemaText(schemaFile)) as typeof schema;
    } catch (error) {
      throw new UserError(`${where} : JSON illisible (${(error as Error).message}).`, 'type-incomplet');
    }
    if (schema.properties?.type?.const !== id) {
      throw new UserError(`${where} : la rubrique « type » doit valoir « ${id} » (const), le nom du type.`, 'type-incomplet');
    }
    if (typeof schema.$id === 'string') {
      const other = ids.get(schema.$id);
      if (other) throw new UserError(`${where} : « $id » déjà employé par schemas/${other}.schema.json ; donnez à chaque schéma le sien.`, 'type-incomplet');
      ids.set(schema.$id, id);
    }
    return { id, description: typeof schema.title === 'string' ? schema.title : id, schemaFile };
  });
}

type CatalogueValidator = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null };
let catalogueValidator: Promise<CatalogueValidator> | undefined;

/**
 * The catalogue validator: the build's standalone one when it was compiled from the schema on disk,
 * else compiled by ajv now (a catalogue added or edited since the build is rare; its check must not
 * be skipped).
 */
async function validatorFor(templatesDir: string): Promise<CatalogueValidator> {
  const schemaText = readFileSync(join(templatesDir, CATALOGUE_SCHEMA_FILE), 'utf8');
  if (existsSync(CATALOGUE_VALIDATOR_FILE)) {
    try {
      const module = (await import(pathToFileURL(CATALOGUE_VALIDATOR_FILE).href)) as { default: CatalogueValidator; schemaSource: string };
      if (module.schemaSource === schemaText) return module.default;
    } catch {
      // Compiled below.
    }
  }
  const { createAjv } = await import('./validate.js');
  const ajv = await createAjv();
  return ajv.compile(JSON.parse(schemaText) as object) as CatalogueValidator;
}

async function checkedCatalogue(text: string, file: string, templatesDir: string): Promise<Catalogue> {
  let catalogue: unknown;
  try {
    catalogue = parse(text);
  } catch (error) {
    throw new UserError(`${file} : YAML illisible (${(error as Error).message.split('\n')[0]}).`, 'catalogue-invalide');
  }
  const validate = await (catalogueValidator ??= validatorFor(templatesDir));
  if (!validate(catalogue)) {
    // ajv-i18n's French wording, as for a convention's schema errors not reworded by validate.ts.
    const localize = (await import('ajv-i18n/localize/fr/index.js')) as unknown as { default?: (errors: unknown) => void };
    (localize.default ?? (localize as unknown as (errors: unknown) => void))(validate.errors);
    const details = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}${e.params?.additionalProperty ? ` (« ${String(e.params.additionalProperty)} »)` : ''}`.trim());
    throw new UserError(`${file} : catalogue invalide (templates/${CATALOGUE_SCHEMA_FILE}) : ${details.join(' ; ')}.`, 'catalogue-invalide');
  }
  return catalogue as Catalogue;
}

let registry: Registry | undefined;

/** The registry of this package's own schemas and templates. */
export function defaultRegistry(): Registry {
  return (registry ??= loadRegistry());
}
