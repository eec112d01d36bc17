/** `convention schema <type>`: prints the type's JSON Schema, as bundled in `schemas/`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../core/assets.js';
import { ExitCode } from '../core/errors.js';
import { requireType } from '../wizard/type-form.js';

export async function schemaCommand(typeId: string): Promise<ExitCode> {
  const type = requireType(typeId);
  process.stdout.write(readFileSync(join(SCHEMAS_DIR, type.schemaFile), 'utf8'));
  return ExitCode.Success;
}
