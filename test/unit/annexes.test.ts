/**
 * The annexes of a document: numbered in the order of the YAML's list, then those the catalogue
 * joins of its own accord, then the RGPD regime's; each says how it is provided; every citation in
 * the text takes its number from that list (no number is written in a template), so that adding or
 * removing an annex renumbers every citation; and the catalogue's `citee_dans` says truly which
 * articles cite each annex.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDefaults } from '../../src/core/conditions.js';
import { parseConvention, type LoadedConvention } from '../../src/core/load.js';
import { buildDocument } from '../../src/core/pipeline.js';
import { planAnnexes, regimesOf } from '../../src/core/plan.js';
import { defaultRegistry } from '../../src/core/registry.js';
import { factsOf } from '../../src/core/type-rules.js';
import { validateConvention } from '../../src/core/validate.js';
import { extractText } from '../support/docx-text.js';
import { EXAMPLES } from '../support/paths.js';

type Data = Record<string, unknown>;

const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));

function load(file: string, edit: (data: Data) => void = () => undefined): LoadedConvention {
  const parsed = parseConvention(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} ne se lit pas`);
  edit(parsed.value.data);
  return parsed.value;
}

async function plan(data: Data) {
  const definition = await defaultRegistry().definition(data.type as string);
  const filled = withDefaults(definition.form, data);
  return planAnnexes(definition.catalogue, filled, regimesOf(filled), factsOf(definition, data, () => filled), definition.id);
}

/** The document's text (mammoth), its paragraphs as lines. */
async function text(loaded: LoadedConvention): Promise<string> {
  expect((await validateConvention(loaded, { today: '2026-01-01' })).filter((p) => p.severity === 'error')).toEqual([]);
  // No-break spaces as spaces, word joiners dropped: the text as a reader reads it.
  return (await extractText((await buildDocument(loaded)).document)).replace(/[\u00a0\u202f]/g, ' ').replace(/\u2060/g, '');
}

/** Every « annexe N » the text cites, and the list of annexes « Annexe N : titre » it prints. */
function citations(body: string): { cited: number[]; listed: string[] } {
  const listed = [...body.matchAll(/^Annexe (\d+) : (.+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
  const cited = [...body.matchAll(/\bannexe (\d+)\b/g)].map((m) => Number(m[1]));
  return { cited, listed };
}

const lyon = join(EXAMPLES, 'mission-locale-lyon.yaml');

describe('numbering and provision', () => {
  test('Lyon: the YAML’s annexes in order, then the RGPD annex; each says how it is provided', async () => {
    const annexes = await plan(load(lyon).data);
    expect(annexes.map((a) => [a.id, a.fourniture, a.element])).toEqual([
      ['note-methode', 'joint-separement', 0],
      ['formulaire-detection', 'joint-separement', 1],
      ['rgpd', 'redigee', null],
    ]);
    expect(annexes[1]!.fichier).toBeNull();
  });

  test('an annex listed without file or « joint_separement » is planned as provided by no means', async () => {
    const annexes = await plan(load(lyon, (data) => void (data.annexes = [{ id: 'note-methode' }, { titre: 'Charte' }])).data);
    expect(annexes.map((a) => a.fourniture)).toEqual([null, null, 'redigee']);
  });

  test('the catalogue’s annex joined of its own accord comes after the listed ones, written by the tool when its condition holds', async () => {
    const tripartite = join(EXAMPLES, 'tripartite-siao-gironde.yaml');
    const written = await plan(load(tripartite, (data) => void (data.annexes = [{ titre: 'Charte de la permanence', joint_separement: true }])).data);
    expect(written.map((a) => [a.titre, a.fourniture])).toEqual([
      ['Charte de la permanence', 'joint-separement'],
      ["Indicateurs de suivi et d'évaluation", 'redigee'],
    ]);
    const joined = await plan(
      load(tripartite, (data) => {
        delete (data.evaluation as Data).indicateurs;
        data.annexes = [{ id: 'indicateurs', joint_separement: true }];
      }).data,
    );
    expect(joined.map((a) => [a.id, a.fourniture])).toEqual([['indicateurs', 'joint-separement']]);
  });
});

describe('citations follow the list', () => {
  test('Lyon: removing the first annex renumbers the formulaire’s and the RGPD annex’s citations; adding one before renumbers them again', async () => {
    const before = await text(load(lyon));
    expect(before).toContain('formulaire de détection (annexe 2)');
    expect(before).toContain('décrites en annexe 3 « Protection');
    expect(before).toContain('(annexe 1).');

    const removed = await text(load(lyon, (data) => void (data.annexes as unknown[]).shift()));
    expect(removed).toContain('formulaire de détection (annexe 1)');
    expect(removed).toContain('décrites en annexe 2 « Protection');
    // The note de méthode is no longer cited by number.
    expect(removed).not.toMatch(/UNML \(annexe \d+\)/);

    const added = await text(load(lyon, (data) => void (data.annexes as unknown[]).unshift({ titre: 'Plan d’actions local 2025', joint_separement: true })));
    expect(added).toContain('formulaire de détection (annexe 3)');
    expect(added).toContain('décrites en annexe 4 « Protection');
    expect(added).toContain('Annexe 1 : Plan d’actions local 2025 (document joint séparément)');
  });

  test.each(examples)('%s: the list is numbered 1 to n and says how each annex is provided; every citation is one of its numbers', async (example) => {
    const loaded = load(join(EXAMPLES, example));
    const body = await text(loaded);
    const annexes = await plan(loaded.data);
    const { cited, listed } = citations(body);
    // The list of annexes (an article, when the model has one) names each, numbered in order.
    const list = listed.slice(0, annexes.length);
    expect(list.map((line) => Number(line.split(' ')[0]))).toEqual(annexes.map((_, index) => index + 1));
    annexes.forEach((annex, index) => {
      const suffix = { fichier: ' (document annexé)', 'joint-separement': ' (document joint séparément)', redigee: '' }[annex.fourniture!];
      expect(list[index]!.endsWith(suffix)).toBe(true);
      if (annex.fourniture === 'redigee') expect(list[index]).not.toMatch(/\(document [^)]*\)$/);
    });
    for (const numero of cited) expect(numero).toBeLessThanOrEqual(annexes.length);
  });
});

describe('the catalogue says which articles cite each annex', () => {
  test.each(examples)('%s: each annex of the catalogue in the document is cited, by its number, in an article its entry names', async (example) => {
    const loaded = load(join(EXAMPLES, example));
    const definition = await defaultRegistry().definition(loaded.data.type as string);
    const body = await text(loaded);
    const annexes = await plan(loaded.data);
    // The articles' texts, each from its heading to the next article's (or the signatures).
    const headings = [...body.matchAll(/^Article (\d+) : (.+)$/gm)].map((m) => ({ at: m.index!, titre: m[2]! }));
    const articleText = (titre: string) => {
      const index = headings.findIndex((h) => h.titre === titre);
      return index < 0 ? '' : body.slice(headings[index]!.at, headings[index + 1]?.at ?? body.indexOf('\nFait à '));
    };
    const modele = definition.catalogue.modeles[(loaded.data.modele as string | undefined) ?? Object.keys(definition.catalogue.modeles)[0]!]!;
    annexes.forEach((annex, index) => {
      const citing = definition.catalogue.annexes?.[annex.id]?.citee_dans ?? [];
      if (citing.length === 0) return;
      const titles = modele.articles.filter((a) => citing.includes(a.id)).map((a) => a.titre!.replace(/'/g, '’'));
      expect(titles.length).toBeGreaterThan(0);
      expect(titles.some((titre) => new RegExp(`\\bannexe ${index + 1}\\b`).test(articleText(titre)))).toBe(true);
    });
  });
});
