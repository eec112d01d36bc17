/**
 * What our WordprocessingML writer (src/core/docx.ts, src/core/ooxml/) and docx's layout
 * (src/core/docx-layout.ts) must agree on, as plain data: the writer runs without loading docx.
 */
import type { NumberingDefinition } from './ooxml/package.js';

/** The width of the text on the page (A4 less docx-layout.ts's margins), in twentieths of a point. */
export const TEXT_WIDTH = 9638;

/** The document's description property. */
export const DESCRIPTION = 'Document produit par convention à partir de sa description YAML.';

/** Three levels in each kind of list: bullets (• – ▪) and numbers (1. a. i.). */
const LIST_LEVELS = [{ level: 0 }, { level: 1 }, { level: 2 }] as const;

/** The lists' numbering definitions, in docx's order: docx-layout.ts gives each its look. */
export const NUMBERING: readonly NumberingDefinition[] = [
  { reference: 'puces', levels: LIST_LEVELS },
  { reference: 'numeros', levels: LIST_LEVELS },
];
