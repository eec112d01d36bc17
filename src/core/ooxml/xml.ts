/**
 * Text and attribute values as our WordprocessingML writer puts them in XML: escaped as docx
 * escapes them (`&`, `<`, `>`, `"` and `'`, in text as in attributes, so that our parts and docx's
 * are the same bytes), and never a character XML 1.0 forbids.
 *
 * A forbidden character (C0 controls other than tab and line ends, U+FFFE, U+FFFF, a lone
 * surrogate) is refused, not dropped: the text of a convention is signed, and a character that
 * vanishes silently is a change nobody reviewed. YAML values never get here with one (validate
 * refuses them: `caractere-interdit`), so one here comes from a template: a template error.
 */
import { RenderError } from '../errors.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
const SPECIAL = /[&"'<>]/g;
/** What XML 1.0's `Char` production leaves out, lone surrogates included. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A character to escape or to look at (any surrogate): most texts have none, and go as they are after this one test. */
const TO_LOOK_AT = /[&"'<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Characters shown on each side of a forbidden one, so that the template author finds it. */
const CONTEXT = 30;

export function forbiddenCharacterError(text: string, index: number): RenderError {
  const code = text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
  const visible = (s: string) => s.replace(new RegExp(FORBIDDEN.source, 'g'), (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
  const before = visible(text.slice(Math.max(0, index - CONTEXT), index));
  const after = visible(text.slice(index + 1, index + 1 + CONTEXT));
  return new RenderError(
    `le texte produit contient le caractère U+${code}, qu'un document Word ne peut pas contenir : « ${before}[U+${code}]${after} »`,
    'gabarit-caractere-interdit',
  );
}

/** The position of the first character XML 1.0 forbids in `text`, or -1. */
export function forbiddenCharacterIndex(text: string): number {
  const match = FORBIDDEN.exec(text);
  return match ? match.index : -1;
}

/** `text` escaped for XML content or an attribute value; a forbidden character throws a `RenderError`. */
export function escapeXml(text: string): string {
  if (!TO_LOOK_AT.test(text)) return text;
  const forbidden = forbiddenCharacterIndex(text);
  if (forbidden !== -1) throw forbiddenCharacterError(text, forbidden);
  return text.replace(SPECIAL, (c) => ESCAPES[c]!);
}
