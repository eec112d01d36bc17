/**
 * Annotation keywords of the convention schemas: read by the front ends (the wizard, the browser
 * form, editors), never evaluated by validation. Every ajv instance registers them (ajv's strict
 * mode refuses a keyword it does not know). Kept in a module of its own, free of imports, so that a
 * front end reads the names without loading ajv.
 */

/**
 * `"x-paragraphes": true` marks a free text of several paragraphs (a blank line separates two,
 * and the engine renders each as a paragraph of its own): the wizard asks it in an editor, the
 * browser form in a text area. Its description says so to the user (« une ligne vide sépare deux
 * paragraphes »); a test keeps the flag and the description together.
 */
export const PARAGRAPHS_KEYWORD = 'x-paragraphes';

/** The annotation keywords of the schemas, for `ajv.addVocabulary`. */
export const ANNOTATION_KEYWORDS = [PARAGRAPHS_KEYWORD] as const;
