/**
 * A template overlay (`--templates`) is code from elsewhere: one whose work grows as a power of the
 * convention's size is stopped by a counted budget (src/core/render.ts), with a template error
 * (exit 2) that names the template, before it runs for minutes or fills gigabytes.
 */
import { readdirSync } from 'node:fs';
import { renderWithOverlay } from '../support/overlay.js';

const DEPTH = 8;
const nestedEach = '{{#each @root.articles}}'.repeat(DEPTH) + '{{titre}} {{numeroArticle numero}}\n' + '{{/each}}'.repeat(DEPTH) + '\n';
/** `common/document` includes b1 twice, b1 includes b2 twice… : 2^24 inclusions of empty templates. */
const PARTIAL_LEVELS = 24;
const partials: Record<string, string> = Object.fromEntries([
  ['common/document', '{{> common/b1}}{{> common/b1}}\n'],
  ...Array.from({ length: PARTIAL_LEVELS }, (_, i) => [`common/b${i + 1}`, i + 1 < PARTIAL_LEVELS ? `{{> common/b${i + 2}}}{{> common/b${i + 2}}}` : '']),
]);
/** Each level doubles a title with `concat`: 2^28 times its length in a few dozen steps. */
const DOUBLINGS = 28;
const doubling = '{{#with (concat titre titre)}}' + '{{#with (concat this this)}}'.repeat(DOUBLINGS - 1) + '{{this}}' + '{{/with}}'.repeat(DOUBLINGS) + '\n';

describe('template budget (real bin)', () => {
  test.each<[string, Record<string, string>, RegExp]>([
    [`{{#each}} nested ${DEPTH} deep over the articles`, { 'common/document': nestedEach }, /gabarit « common\/document »/],
    [`partials including each other twice, ${PARTIAL_LEVELS} levels deep`, partials, /gabarit « common\/b\d+ »/],
    [`a text doubled ${DOUBLINGS} times`, { 'common/document': doubling }, /gabarit « common\/document »/],
  ])('%s: stopped with a template error naming the template (exit 2), nothing written', (_name, files, template) => {
    const { run, folder } = renderWithOverlay(files);
    expect(run.stdout).not.toContain('erreur interne');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('erreur de gabarit');
    expect(run.stdout).toMatch(template);
    expect(run.stdout).toContain('[gabarit-demesure]');
    expect(readdirSync(folder)).toEqual(['marolles.yaml']);
  });
});
