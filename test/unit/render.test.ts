import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocx, typography } from '../../src/core/docx.js';
import { composeModel } from '../../src/core/pipeline.js';
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
import { extractText } from '../support/docx-text.js';
import { temporaryFolder } from '../support/paths.js';
import { readFileSync } from 'node:fs';
import { EXAMPLES } from '../support/paths.js';

async function marollesModel(edit: (text: string) => string = (t) => t) {
  const parsed = parseConvention(edit(readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8')), 'm.yaml');
  if (!parsed.ok) throw new Error('example invalid');
  return composeModel(parsed.value.data);
}

describe('render', () => {
  test('values are printed literally: Markdown, Handlebars and XML in a value stay text', async () => {
    const model = await marollesModel((t) => t.replace('prenom: Georges', 'prenom: "**Georges** {{x}} <w:p/> - 1. #"'));
    const { document } = renderMarkdown(model, await templatesFor());
    const text = await extractText(await buildDocx(document, model.meta));
    expect(text).toContain('**Georges** {{x}} <w:p/> - 1. # JOUBERT');
  });

  test('article references follow the articles present', async () => {
    const { document } = renderMarkdown(await marollesModel(), await templatesFor());
    const rgpd = /## Article (\d+) : Protection des données/.exec(document)![1];
    expect(document).toContain('## Article 3 : Référents');
    expect(rgpd).toBe('6');
  });

  test('a reference to an absent article is a render error, not a "?" in the document', async () => {
    const overlay = temporaryFolder();
    mkdirSync(join(overlay, 'common'), { recursive: true });
    writeFileSync(join(overlay, 'common', 'document.md.hbs'), 'Voir l’{{ref "inexistant"}}.\n');
    const [templates, model] = await Promise.all([loadTemplateSet([overlay]), marollesModel()]);
    expect(() => renderMarkdown(model, templates)).toThrow(RenderError);
    expect(() => renderMarkdown(model, templates)).toThrow(/inexistant/);
  });

  test('strict mode: a field missing from the model is an error naming the template', async () => {
    const overlay = temporaryFolder();
    mkdirSync(join(overlay, 'common'), { recursive: true });
    writeFileSync(join(overlay, 'common', 'document.md.hbs'), '{{champInconnu}}\n');
    const [templates, model] = await Promise.all([loadTemplateSet([overlay]), marollesModel()]);
    expect(() => renderMarkdown(model, templates)).toThrow(/common\/document.*champInconnu/);
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

describe('how a party is located', () => {
  // "Située au Rue Mariazé" was written for any address: "au" belongs before a street number only,
  // the street's kind is lower-case in running text (as in the seeds: "au 1 parvis Pierre Laroque"),
  // and an address that names no street (a building, a postal box) is introduced otherwise.
  test.each([
    ['2 rue Ambroise Croizat', 'Située au 2 rue Ambroise Croizat, 91000 Évry-Courcouronnes'],
    ['1 Parvis Pierre Laroque', 'Située au 1 parvis Pierre Laroque, 91000 Évry-Courcouronnes'],
    ['26-50, avenue du Professeur André Lemierre', 'Située au 26-50, avenue du Professeur André Lemierre, 91000 Évry-Courcouronnes'],
    ['12 bis Boulevard Gambetta', 'Située au 12 bis boulevard Gambetta, 91000 Évry-Courcouronnes'],
    ['Rue Mariazé', 'Située rue Mariazé, 91000 Évry-Courcouronnes'],
    ["Place de l'Europe", "Située place de l'Europe, 91000 Évry-Courcouronnes"],
    ['Cours des Alliés', 'Située cours des Alliés, 91000 Évry-Courcouronnes'],
    ['Quartier de l’Hôtel de Ville', 'Située quartier de l’Hôtel de Ville, 91000 Évry-Courcouronnes'],
    ['BP 12', "Dont l'adresse est BP 12, 91000 Évry-Courcouronnes"],
    ['CS 60001', "Dont l'adresse est CS 60001, 91000 Évry-Courcouronnes"],
    ['Immeuble Le Pascal', "Dont l'adresse est Immeuble Le Pascal, 91000 Évry-Courcouronnes"],
  ])('%s', async (voie, line) => {
    const model = await marollesModel((t) => t.replace('voie: 2 rue Ambroise Croizat', `voie: "${voie}"`));
    const { document } = renderMarkdown(model, await templatesFor());
    expect(document.split('\n')).toContain(line);
  });

  test('a postal box or a CEDEX keeps its place after the street', async () => {
    const model = await marollesModel((t) =>
      t.replace('voie: 2 rue Ambroise Croizat', 'voie: Rue Mariazé\n      complement: CS 12345').replace('commune: Évry-Courcouronnes', 'commune: Évry CEDEX'),
    );
    const { document } = renderMarkdown(model, await templatesFor());
    expect(document.split('\n')).toContain('Située rue Mariazé, CS 12345, 91000 Évry CEDEX');
  });
});

describe('the partner’s local network agrees with its gender', () => {
  // "une ou des CCAS" was hard-coded feminine: CCAS is masculine.
  test.each([
    ['CCAS', 'CCAS', 'masculin', 'un ou des CCAS de son territoire'],
    ['Mission Locale', 'Missions Locales', 'féminin', 'une ou des Missions Locales de son territoire'],
  ])('%s', async (singulier, pluriel, genre, expected) => {
    const source = readFileSync(join(EXAMPLES, 'cadre-national-unml.yaml'), 'utf8').replace(
      /reseau:\n  singulier: .*\n  pluriel: .*\n  genre: .*\n/,
      `reseau:\n  singulier: ${singulier}\n  pluriel: ${pluriel}\n  genre: ${genre}\n`,
    );
    expect(source).toContain(`singulier: ${singulier}`);
    const parsed = parseConvention(source, 'c.yaml');
    if (!parsed.ok) throw new Error('example invalid');
    const { document } = renderMarkdown(await composeModel(parsed.value.data), await templatesFor());
    expect(document).toContain(expected);
  });
});

test('a group title that runs over several lines (a TITRE from the YAML): its first line is the heading, the rest text under it', async () => {
  const markdown = '::: groupe\n## TITRE I : Accès aux droits\n- une puce\n\nsuite du titre\n:::\n\n## Article 1 : Objet\n\nTexte.\n';
  const text = await extractText(await buildDocx(markdown, { title: 't', subject: 's', creator: 'c', dateSignature: '2025-01-01' }));
  expect(text).toContain('Accès aux droits');
  expect(text).toContain('une puce');
  expect(text).toContain('suite du titre');
});
