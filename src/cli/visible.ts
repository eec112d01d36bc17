/**
 * Text from a convention, a file name or an error, made safe to print on a terminal: control
 * characters are shown as `\u{1b}` rather than sent. A value holding an escape sequence would
 * otherwise move the cursor, recolour or retitle the terminal, or hide text (OSC 8 links,
 * bidirectional overrides), through a diagnostic that quotes it.
 */

/**
 * C0 controls but tab, DEL, C1 controls, and the invisible characters that reorder or break lines
 * on display (Arabic letter mark, left-to-right/right-to-left marks, line and paragraph separators,
 * bidirectional embeddings, overrides and isolates). Line feeds are kept only by `visibleLines`.
 */
const INVISIBLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const INVISIBLE_BUT_LINE_FEED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const shown = (character: string) => `\\u{${character.charCodeAt(0).toString(16)}}`;

/** One line of text, every control character shown: `a\u{1b}[31mb`. */
export function visible(text: string): string {
  return text.replace(INVISIBLE, shown);
}

/** Text of several lines (an error and its stack): line feeds kept, other controls shown. */
export function visibleLines(text: string): string {
  return text.replace(INVISIBLE_BUT_LINE_FEED, shown);
}

/** What JSON.stringify leaves raw that a terminal may still act on: DEL, C1 controls, bidirectional controls. */
const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** JSON text whose every control character is an escape (`\u009b`): the same data, safe on a terminal. */
export function visibleJson(json: string): string {
  return json.replace(RAW_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
