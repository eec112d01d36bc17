/**
 * The editor schemas of this package's types (src/core/editor-schema.ts), read from the schemas it
 * ships: what `convention schema` prints, what the build writes into dist/schemas/ and what the
 * files written by `init` and `new` point at.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, readSchema } from './assets.js';
import { COMMON_ID, EDITOR_SCHEMAS_FOLDER, editorCommonSchema, editorSchema, editorSchemaUrl, type JsonSchema, type PackageIdentity } from './editor-schema.js';
import type { ConventionTypeInfo } from './registry.js';

export { COMMON_ID };

export function packageIdentity(): PackageIdentity {
  const { name, version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageIdentity;
  return { name, version };
}

/** The URL a type's (or the common) editor schema is published at, for this version of the package. */
export function schemaUrl(id: string): string {
  const { name, version } = packageIdentity();
  return editorSchemaUrl(name, version, id);
}

export function typeEditorSchema(type: ConventionTypeInfo): JsonSchema {
  return editorSchema(readSchema(type.schemaFile), readSchema('common.schema.json'), schemaUrl(type.id));
}

export function commonEditorSchema(): JsonSchema {
  return editorCommonSchema(readSchema('common.schema.json'), schemaUrl(COMMON_ID));
}

/**
 * Whether the package was built with this type's editor schema, which its publication carries: a
 * type added to a copy of the package since (templates/ and schemas/ are data) has none on the CDN.
 */
export function publishedWithType(type: ConventionTypeInfo): boolean {
  return existsSync(join(PACKAGE_ROOT, EDITOR_SCHEMAS_FOLDER, `${type.id}.schema.json`));
}
