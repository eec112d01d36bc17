import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocx, typography } from '../../src/core/docx.js';
import { RenderError } from '../../src/core/errors.js';
import { parseConvention } from '../../src/core/load.js';
import { readTemplates } from '../../src/core/assets.js';
import {
  escapeMarkdown,
  loadTemplateSet,
  PRECOMPILED_TEMPLATES_FILE,
  renderMarkdown,
  templateSourceHash,
  templatesFor,
  type PrecompiledTemplate,
} from '../../src/core/render.js';
import { compose } from '../../src/types/locale-ccas.js';
import { extractText } from '../support/docx-text.js';
import { temporaryFolder } from '../support/paths.js';
import { readFileSync } from 'node:fs';
import { EXAMPLES } from '../support/paths.js';

function marollesModel(edit: (text: string) => string = (t) => t) {
  const parsed = parseConvention(edit(readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8')), 'm.yaml');
  if (!parsed.ok) throw new Error('example invalid');
  return compose(parsed.value.data);
}

describe('render', () => {
  test('values are printed literally: Markdown, Handlebars and XML in a value stay text', async () => {
    const model = marollesModel((t) => t.replace('prenom: Georges', 'prenom: "**Georges** {{x}} <w:p/> - 1. #"'));
    const { document } = renderMarkdown(model, await templatesFor());
    const text = await extractText(await buildDocx(document, model.meta));
    expect(text).toContain('**Georges** {{x}} <w:p/> - 1. # JOUBERT');
  });

  test('article references follow the articles present', async () => {
    const { document } = renderMarkdown(marollesModel(), await templatesFor());
    const rgpd = /## Article (\d+) : Protection des données/.exec(document)![1];
    expect(document).toContain('## Article 3 : Référents');
    expect(rgpd).toBe('6');
  });

  test('a reference to an absent article is a render error, not a "?" in the document', async () => {
    const overlay = temporaryFolder();
    mkdirSync(join(overlay, 'common'), { recursive: true });
    writeFileSync(join(overlay, 'common', 'document.md.hbs'), 'Voir l’{{ref "inexistant"}}.\n');
    const templates = await loadTemplateSet([overlay]);
    expect(() => renderMarkdown(marollesModel(), templates)).toThrow(RenderError);
    expect(() => renderMarkdown(marollesModel(), templates)).toThrow(/inexistant/);
  });

  test('strict mode: a field missing from the model is an error naming the template', async () => {
    const overlay = temporaryFolder();
    mkdirSync(join(overlay, 'common'), { recursive: true });
    writeFileSync(join(overlay, 'common', 'document.md.hbs'), '{{champInconnu}}\n');
    const templates = await loadTemplateSet([overlay]);
    expect(() => renderMarkdown(marollesModel(), templates)).toThrow(/common\/document.*champInconnu/);
  });

  test('the build precompiles every bundled template, each entry carrying the hash of its file', () => {
    const templates = JSON.parse(readFileSync(PRECOMPILED_TEMPLATES_FILE, 'utf8')) as Record<string, PrecompiledTemplate>;
    const bundled = readTemplates();
    expect(Object.keys(templates).sort()).toEqual(bundled.map((t) => t.name).sort());
    for (const { name, text } of bundled) expect([name, templates[name]!.sourceHash]).toEqual([name, templateSourceHash(text)]);
  });

  test('French typography: apostrophe and no-break spaces', () => {
    expect(typography("l'article : « CPAM » ; oui ?")).toBe('l’article\u00a0: «\u00a0CPAM\u00a0»\u202f; oui\u202f?');
    expect(typography('https://ameli.fr')).toBe('https://ameli.fr');
    expect(typography('SIRET 264 210 295 000 20, tél. 04 77 58 04 55, 2 rue')).toBe('SIRET 264\u202f210\u202f295\u202f000\u202f20, tél. 04\u202f77\u202f58\u202f04\u202f55, 2 rue');
  });

  test('escapeMarkdown protects line starts and inline marks', () => {
    expect(escapeMarkdown('- 1. *a* [b]')).toBe('\\- 1. \\*a\\* \\[b\\]');
    expect(escapeMarkdown('1. un\n2) deux')).toBe('1\\. un\n2\\) deux');
  });
});
