/** `convention schema <type>`: prints the type's JSON Schema, as bundled in `schemas/`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMAS_DIR } from '../core/assets.js';
import { ExitCode, UserError } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';
import { CONVENTION_TYPES, findType } from '../types/registry.js';

export async function schemaCommand(typeId: string): Promise<ExitCode> {
  const type = findType(typeId);
  if (!type) {
    const known = CONVENTION_TYPES.map((t) => t.id);
    throw new UserError(`type de convention « ${typeId} » inconnu ; types disponibles : ${known.join(', ')}.${didYouMean(typeId, known)}`, 'type-inconnu');
  }
  process.stdout.write(readFileSync(join(SCHEMAS_DIR, type.schemaFile), 'utf8'));
  return ExitCode.Success;
}
