/**
 * `convention schema <type>`: prints the type's JSON Schema as editors read it, a single document
 * (the common definitions copied in, French messages for editors); `convention schema common`, the
 * common definitions alone (parties, adresses, référents, signature…), for reference.
 */
import { COMMON_ID, commonEditorSchema, typeEditorSchema } from '../core/editor-schemas.js';
import { ExitCode } from '../core/errors.js';
import { requireType } from '../wizard/type-form.js';

export async function schemaCommand(typeId: string): Promise<ExitCode> {
  const schema = typeId === COMMON_ID ? commonEditorSchema() : typeEditorSchema(requireType(typeId));
  process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
  return ExitCode.Success;
}
