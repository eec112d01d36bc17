/**
 * The YAML the wizard and `init` write, built with the `yaml` Document API: the editor's schema
 * line, a comment per section taken from the schema's title and description, short lists in flow
 * style. Pure: returns a Document; the caller validates and writes its text.
 */
import { Document, isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import { fillableProperties, labelOf, type Field, type ObjectField } from './schema-walk.js';

export interface DocumentOptions {
  /** `$schema` path for the editor, relative to the file's folder (`../schemas/x.schema.json`). */
  schemaPath: string;
  /** List, in comments, the optional rubriques left out (for skeletons). */
  listOmitted?: boolean;
  /** Lines written under the schema line. */
  header?: readonly string[];
}

const WIDTH = 98;

/** Splits text into comment lines of at most `WIDTH` characters, each starting with a space. */
export function commentLines(text: string, width = WIDTH): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    // « and » stay with the word they quote.
    for (const word of paragraph.split(/(?<!«)\s+(?!»)/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines.map((l) => ` ${l}`).join('\n');
}

export function conventionDocument(form: ObjectField, data: Record<string, unknown>, options: DocumentOptions): Document {
  const document = new Document(data);
  document.commentBefore = [
    ` yaml-language-server: $schema=${options.schemaPath}`,
    ...(options.header ?? []).map((line) => commentLines(line)),
  ].join('\n');
  const root = document.contents;
  if (!isMap(root)) return document;

  root.items.forEach((pair, index) => {
    const key = pair.key as Scalar;
    const field = form.properties.find((p) => p.key === key.value);
    if (!field) return;
    const text = [`${labelOf(field)}${field.description ? ` : ${field.description}` : ''}`];
    if (options.listOmitted) {
      const omitted = omittedOf(field, pair.value);
      if (omitted) text.push(omitted);
    }
    key.commentBefore = commentLines(text.join('\n'));
    if (index > 0) key.spaceBefore = true;
  });
  if (options.listOmitted) {
    const omitted = fillableProperties(form).filter((p) => !p.required && !(p.key in data));
    if (omitted.length > 0) {
      document.comment = commentLines(
        `Rubriques facultatives que vous pouvez ajouter : ${omitted.map((p) => `${p.key} (${labelOf(p)})`).join(', ')}.`,
      );
    }
  }
  flowShortLists(root);
  return document;
}

/** « Rubriques facultatives … » for an object section, listing those left out (nested too). */
function omittedOf(field: Field, node: unknown): string | undefined {
  const names: string[] = [];
  const visit = (f: Field, n: unknown, prefix: string) => {
    if (f.kind === 'object' && isMap(n)) {
      for (const property of fillableProperties(f)) {
        const pair = n.items.find((p: Pair) => (p.key as Scalar).value === property.key);
        if (!pair && !property.required) names.push(`${prefix}${property.key}`);
        else if (pair) visit(property, pair.value, `${prefix}${property.key}.`);
      }
    } else if (f.kind === 'array' && isSeq(n) && n.items.length > 0) {
      visit(f.items, n.items[0], prefix);
    }
  };
  visit(field, node, '');
  const unique = [...new Set(names)];
  return unique.length > 0 ? `Facultatif, à ajouter au besoin : ${unique.join(', ')}.` : undefined;
}

/** `[CPAM, l'Assurance Maladie]` rather than one line per item, for short lists of scalars. */
function flowShortLists(node: Node | null | undefined): void {
  if (isMap(node)) for (const pair of node.items) flowShortLists(pair.value as Node);
  else if (isSeq(node)) {
    const scalars = node.items.every((item) => isScalar(item) && String(item.value).length <= 40);
    const length = node.items.reduce<number>((sum, item) => sum + String(isScalar(item) ? (item as Scalar).value : '').length + 2, 0);
    if (scalars && node.items.length > 0 && length <= 80) node.flow = true;
    else for (const item of node.items) flowShortLists(item as Node);
  }
}
