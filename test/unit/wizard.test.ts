import { jest } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseDocument } from 'yaml';
import { readSchema } from '../../src/core/assets.js';
import { newCommand, INTERRUPTED_MESSAGE } from '../../src/cli/new-command.js';
import { skeletonText } from '../../src/cli/init-command.js';
import { schemaOf } from '../../src/core/validate.js';
import { defaultRegistry } from '../../src/core/registry.js';
import { answerChecker } from '../../src/wizard/answer-check.js';
import { conventionDocument } from '../../src/wizard/document.js';
import { BACK, parseYesNo, WizardAborted } from '../../src/wizard/prompts.js';
import { describeType, fieldOf, withoutDefaults, type Field, type ObjectField, type TextField } from '../../src/wizard/schema-walk.js';
import { answersFrom, scriptedPrompts, type Answerer } from '../../src/wizard/scripted-prompts.js';
import { checkText, formOf, guideOf, type TypeGuide } from '../../src/wizard/type-form.js';
import { askConvention, isoDate, isParagraphs } from '../../src/wizard/wizard.js';
import { readWizardData } from '../../src/wizard/wizard-data.js';
import { EXAMPLES, ROOT, temporaryFolder } from '../support/paths.js';
import { fillSkeleton } from '../support/skeleton-fill.js';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const TODAY = '2025-06-30';
const common = readSchema('common.schema.json');
const check = await answerChecker();
const data = readWizardData();

function example(name: string): Record<string, unknown> {
  return parse(readFileSync(join(EXAMPLES, name), 'utf8')) as Record<string, unknown>;
}

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .map((file) => ({ file, data: example(file) }));

async function ask(form: ObjectField, answer: Answerer, advanced = true, guide?: TypeGuide) {
  const prompts = scriptedPrompts(answer);
  const result = await askConvention(form, prompts, { data, check, advanced, ...(guide ? { guide } : {}) });
  return { result, prompts };
}

/** The convention without its editor line, texts trimmed (a prompt's answer is one trimmed line). */
function strip(convention: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = convention;
  const trim = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.trim()
      : Array.isArray(value)
        ? value.map(trim)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trim(v)]))
          : value;
  return trim(rest) as Record<string, unknown>;
}

/** Marolles, answered as a user would: the CPAM from its stock party, a wrong e-mail first. */
const marollesAnswers = answersFrom(example('locale-ccas-marolles.yaml'), {
  'preset:/parties/1': 'cpam',
  'variable:/parties/1#departement': "de l'Essonne",
  '/referents/0/courriel': ['rpa-chez-marolles', 'rpa@marolles-en-hurepoix.fr'],
  '/duree/annees': ['un an', '0', '1'],
});

describe('schema walk', () => {
  test('resolves $ref into the common schema and merges allOf (parties: common partie + the type’s roles)', () => {
    const form = describeType(schemaOf('locale-ccas'), common);
    const parties = form.properties.find((p) => p.key === 'parties')!;
    expect(parties.kind).toBe('array');
    const item = (parties as { items: ObjectField }).items;
    expect(item.definition).toBe('partie');
    const role = item.properties.find((p) => p.key === 'role')!;
    expect(role).toMatchObject({ kind: 'string', enum: ['cpam', 'carsat', 'ccas', 'cias'], title: 'Rôle' });
    expect(item.properties.map((p) => p.key)).toEqual(expect.arrayContaining(['nom', 'genre', 'adresse', 'representant']));
    // A title beside a $ref wins over the referenced definition's.
    expect(form.properties.find((p) => p.key === 'lettre_intention')).toMatchObject({ title: "Date de la lettre d'intention UNCCAS–Cnam", format: 'date' });
    // Catalogue options (enum ids, unique) become a checkbox list.
    const engagements = form.properties.find((p) => p.key === 'engagements') as ObjectField;
    expect(engagements.properties.find((p) => p.key === 'options')).toMatchObject({ kind: 'multi', options: ['prevention-offres-complementaires', 'initiatives-locales', 'dossiers-css-ame'] });
  });

  test('every type’s schema can be walked', () => {
    for (const type of defaultRegistry().types) expect(formOf(type.id).properties.length).toBeGreaterThan(3);
  });

  test('a property added to a copy of a schema is asked by the wizard', async () => {
    const schema = structuredClone(schemaOf('locale-ccas')) as Record<string, any>;
    schema.properties.observations = { title: 'Observations du service', description: 'Remarque libre.', type: 'string', minLength: 1 };
    schema.required.push('observations');
    const form = describeType(schema, common);
    const { result, prompts } = await ask(form, answersFrom({ ...example('locale-ccas-marolles.yaml'), observations: 'RAS' }));
    expect(prompts.asked.some((q) => q.message === 'Observations du service' && q.help === 'Remarque libre.')).toBe(true);
    expect(result.observations).toBe('RAS');
  });
});

describe('wizard guided by the catalogue', () => {
  test('it offers the chosen model’s options, the type’s regimes, and an option’s own words only with that option', async () => {
    const guide = await guideOf('locale-ccas');
    const choices = (prompts: { asked: { path: string; type: string; choices?: { value: unknown }[] }[] }, path: string) =>
      prompts.asked.find((q) => q.path === path && q.type === 'checkbox')?.choices?.map((c) => c.value);
    const montbrison = await ask(formOf('locale-ccas'), answersFrom(example('locale-ccas-montbrison.yaml')), true, guide);
    expect(choices(montbrison.prompts, '/engagements/options')).toEqual(['prevention-offres-complementaires', 'initiatives-locales']);
    expect(choices(montbrison.prompts, '/rgpd/regimes')).toEqual(['sous-traitance', 'responsables-distincts', 'sans-echange']);
    expect(montbrison.prompts.asked.some((q) => q.path === '/engagements/initiatives_locales/actions')).toBe(true);
    const marolles = await ask(formOf('locale-ccas'), answersFrom(example('locale-ccas-marolles.yaml')), true, guide);
    expect(choices(marolles.prompts, '/engagements/options')).toEqual(['dossiers-css-ame']);
    expect(marolles.prompts.asked.some((q) => q.path.startsWith('/engagements/initiatives_locales'))).toBe(false);
    // Nor what the national model alone prints (catalogue `champs`): under the departmental model, no
    // UNCCAS letter of intent nor thématiques are asked; under the national one, they are.
    const nationalOnly = (asked: { path: string }[]) => [...new Set(asked.map((q) => q.path).filter((path) => /^\/(lettre_intention|thematiques)$/.test(path)))];
    expect(nationalOnly(marolles.prompts.asked)).toEqual([]);
    expect(nationalOnly(montbrison.prompts.asked)).toEqual(['/lettre_intention', '/thematiques']);
    expect((await checkText(conventionDocument(formOf('locale-ccas'), marolles.result, { schemaPath: 'x' }).toString(), 'm.yaml', TODAY)).filter((p) => p.severity === 'error')).toEqual([]);
  });

  test('a party’s gender is proposed from its place in the catalogue', async () => {
    const guide = await guideOf('locale-ccas');
    const { prompts } = await ask(formOf('locale-ccas'), answersFrom(example('locale-ccas-marolles.yaml')), true, guide);
    expect(prompts.asked.find((q) => q.path === '/parties/0/genre')?.default).toBe('masculin');
    expect(prompts.asked.find((q) => q.path === '/parties/1/genre')?.default).toBe('féminin');
  });
});

describe('wizard (scripted answers)', () => {
  let errors: string[] = [];
  beforeEach(() => {
    errors = [];
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  });
  afterEach(() => jest.restoreAllMocks());

  test.each(examples.map((e) => [e.file, e.data] as const))('answering with %s rebuilds it, valid', async (file, convention) => {
    const form = formOf(String(convention.type));
    const { result } = await ask(form, answersFrom(convention));
    expect(withoutDefaults(form, result)).toEqual(withoutDefaults(form, strip(convention)));
    const text = conventionDocument(form, result, { schemaPath: '../schemas/x.schema.json' }).toString();
    expect((await checkText(text, file, TODAY)).filter((p) => p.severity === 'error')).toEqual([]);
  });

  // Without --avance, `id` was skipped as an advanced rubrique everywhere, annexes included: an
  // annex of the catalogue lost its identifier, was refused, and was asked again without end.
  test.each(examples.map((e) => [e.file, e.data] as const))('answering with %s without --avance ends, valid', async (file, convention) => {
    const form = formOf(String(convention.type));
    const answer = answersFrom(convention);
    let asked = 0;
    const { result } = await ask(form, (q) => {
      if (++asked > 2000) throw new Error(`plus de 2000 questions : la dernière, ${q.kind}:${q.path}, revient sans fin`);
      return answer(q);
    }, false);
    expect(result.annexes).toEqual(strip(convention).annexes);
    // Valid, but for what rests on advanced rubriques the walk left out (a text's cross-reference to
    // an article identifier): those would be asked again by the final check.
    const text = conventionDocument(form, result, { schemaPath: '../schemas/x.schema.json' }).toString();
    const refused = (await checkText(text, file, TODAY)).filter((p) => p.severity === 'error' && !/désigne un article absent/.test(p.message));
    expect(refused).toEqual([]);
  });

  test('every convention type has an example the wizard is tested with', () => {
    const tested = new Set(examples.map((e) => e.data.type));
    expect(defaultRegistry().types.map((t) => t.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  test('locale-ccas: stock party, enum lists, wrong e-mail and wrong number asked again in French', async () => {
    const { result, prompts } = await ask(formOf('locale-ccas'), marollesAnswers, false);
    const parties = result.parties as Record<string, unknown>[];
    expect(parties[1]).toMatchObject({
      role: 'cpam',
      nom: "Caisse Primaire d'Assurance Maladie de l'Essonne",
      genre: 'féminin',
      nom_court: "CPAM de l'Essonne",
      denominations: ['CPAM', "l'Assurance Maladie"],
    });
    // Stock values are not asked.
    expect(prompts.asked.some((q) => q.path === '/parties/1/nom')).toBe(false);
    // The wizard says what `validate` says (one translator of ajv's errors), naming the question.
    expect(prompts.transcript).toContain("> « Adresse électronique » : « rpa-chez-marolles » n'est pas une adresse électronique valide.");
    expect(prompts.transcript).toContain('> « Durée en années » attend un nombre entier, par exemple 3.');
    expect(prompts.transcript).toContain('> « Durée en années » doit être au moins 1, et non « 0 ».');
    expect((result.referents as { courriel?: string }[])[0]!.courriel).toBe('rpa@marolles-en-hurepoix.fr');
    // Advanced rubriques are skipped unless asked for.
    expect(prompts.asked.some((q) => q.path.endsWith('/qualite'))).toBe(false);
    // Modèle and genre come from lists; referents' parties from the parties entered.
    expect(prompts.asked.find((q) => q.path === '/modele')).toMatchObject({ type: 'select' });
    expect(prompts.asked.find((q) => q.path === '/referents/0/partie')?.choices?.map((c) => c.value)).toEqual(['ccas', 'cpam']);
    expect(prompts.asked.find((q) => q.path === '/engagements/options' && q.kind === 'value')).toMatchObject({ type: 'checkbox' });
  });

  test('the written YAML has the schema line, a comment per section, and is valid', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'marolles.yaml');
    const prompts = scriptedPrompts(marollesAnswers);
    const code = await newCommand({ type: 'locale-ccas', output }, { prompts, today: TODAY });
    expect(code).toBe(0);
    const text = readFileSync(output, 'utf8');
    expect(text.startsWith('# yaml-language-server: $schema=')).toBe(true);
    // The type's editor schema at its versioned CDN URL: valid wherever the file goes.
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=https://cdn.jsdelivr.net/npm/convention-partenariat@${VERSION}/dist/schemas/locale-ccas.schema.json`);
    expect(text).toContain('# Référents : Au moins un référent par partie signataire.');
    expect(text).toContain('denominations: [CPAM, l\'Assurance Maladie]');
    expect(parseDocument(text).errors).toEqual([]);
    expect((await checkText(text, output, TODAY)).filter((p) => p.severity === 'error')).toEqual([]);
    expect(readdirSync(folder)).toEqual(['marolles.yaml']);
  });

  test('at the end it offers to render, and renders with the real pipeline', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'marolles.yaml');
    const prompts = scriptedPrompts((q) => (q.path === 'render' ? true : marollesAnswers(q)));
    expect(await newCommand({ type: 'locale-ccas', output }, { prompts, today: TODAY })).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['marolles.docx', 'marolles.yaml']);
    expect(readFileSync(join(folder, 'marolles.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  test('an existing file is replaced only after a yes', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'marolles.yaml');
    await newCommand({ type: 'locale-ccas', output }, { prompts: scriptedPrompts(marollesAnswers), today: TODAY });
    const refusing = scriptedPrompts((q) => {
      if (q.path === 'overwrite') return false;
      if (q.path === 'output') return 'autre.yaml';
      throw new WizardAborted();
    });
    const code = await newCommand({ type: 'locale-ccas', output }, { prompts: refusing, today: TODAY });
    expect(refusing.asked.map((q) => q.path).slice(0, 2)).toEqual(['overwrite', 'output']);
    expect(code).toBe(130);
  });

  test('Ctrl-C refused the draft: no file left, exit 130 with one line', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'interrompu.yaml');
    let count = 0;
    const prompts = scriptedPrompts((q) => {
      if (q.path === 'keep-draft') return false;
      if (++count > 40) throw new WizardAborted();
      return marollesAnswers(q);
    });
    expect(await newCommand({ type: 'locale-ccas', output }, { prompts, today: TODAY })).toBe(130);
    expect(errors).toEqual([INTERRUPTED_MESSAGE]);
    expect(readdirSync(folder)).toEqual([]);
  });

  // Ctrl-C used to throw away every answer given.
  // Interrupted at questions spread over the walk: inside a stock party, an optional rubrique, a list.
  test.each([5, 12, 27, 40, 58, 71])('Ctrl-C at question %i keeps the draft (second Ctrl-C too), and --reprendre continues where it stopped', async (at) => {
    const folder = temporaryFolder();
    const output = join(folder, 'interrompu.yaml');
    const draft = join(folder, 'interrompu.brouillon.yaml');
    let count = 0;
    const first = scriptedPrompts((q) => {
      if (++count > at) throw new WizardAborted();
      return marollesAnswers(q);
    });
    expect(await newCommand({ type: 'locale-ccas', output }, { prompts: first, today: TODAY })).toBe(130);
    expect(first.asked.at(-1)!.path).toBe('keep-draft');
    expect(readdirSync(folder)).toEqual(['interrompu.brouillon.yaml']);
    expect(errors).toEqual([`Interrompu : réponses gardées dans ${draft} ; reprenez avec « convention new --reprendre ${draft} ».`]);
    // The question interrupted may be a section's summary: it is a question like the others.
    const stoppedAt = first.asked.filter((q) => q.kind !== 'session').at(-1)!;
    const before = new Set(first.asked.slice(0, -2).filter((q) => q.kind !== 'session').map((q) => `${q.kind}:${q.path}`));

    const second = scriptedPrompts(marollesAnswers);
    const code = await newCommand({ reprendre: draft }, { prompts: second, today: TODAY });
    expect(code).toBe(0);
    const asked = second.asked.filter((q) => q.kind !== 'session');
    // It starts at the question Ctrl-C interrupted, and asks nothing answered before.
    expect(`${asked[0]!.kind}:${asked[0]!.path}`).toBe(`${stoppedAt.kind}:${stoppedAt.path}`);
    expect(asked.filter((q) => q.attempt === 0 && before.has(`${q.kind}:${q.path}`))).toEqual([]);
    expect(readdirSync(folder)).toEqual(['interrompu.yaml']);
    // The same convention as a walk never interrupted.
    const whole = join(temporaryFolder(), 'entier.yaml');
    expect(await newCommand({ type: 'locale-ccas', output: whole }, { prompts: scriptedPrompts(marollesAnswers), today: TODAY })).toBe(0);
    expect(parse(readFileSync(output, 'utf8'))).toEqual(parse(readFileSync(whole, 'utf8')));
  });

  // A rule checked only at the end used to throw every answer away (« aucun fichier écrit »).
  test('a final rule that fails re-asks only the answers it concerns, then writes the convention', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'date.yaml');
    // Refused four times (the first answer and three corrections at the section), the date reaches the final check.
    const wrong = Array.from({ length: 4 }, () => '2099-01-01');
    const answers = answersFrom(example('locale-ccas-marolles.yaml'), { '/signature/date': [...wrong, '2025-06-01'], 'session:fix': true });
    const prompts = scriptedPrompts(answers);
    expect(await newCommand({ type: 'locale-ccas', output }, { prompts, today: TODAY })).toBe(0);
    const afterFix = prompts.asked.slice(prompts.asked.findIndex((q) => q.path === 'fix') + 1).filter((q) => q.kind !== 'session' && q.kind !== 'review');
    expect(afterFix.map((q) => q.path)).toEqual(['/signature/date']);
    expect(errors.join('\n')).toContain('date-signature-future');
    expect((parse(readFileSync(output, 'utf8')) as { signature: { date: string } }).signature.date).toBe('2025-06-01');
    expect(readdirSync(folder)).toEqual(['date.yaml']);
  });

  // A referent missing for one party was placed at the party: the wizard re-asked the party, which
  // could not correct it, and the correction came back for ever (found by a first-time walk).
  test('a party left without a referent is corrected in the referents section, where one is added', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'referents.yaml');
    const marolles = example('locale-ccas-marolles.yaml');
    // Only the first party's referent at first; the correction accepted once, then declined.
    const answers = answersFrom(marolles, { 'more:/referents/1': [false, true], 'session:fix': [true, false] });
    const prompts = scriptedPrompts(answers);
    expect(await newCommand({ type: 'locale-ccas', output }, { prompts, today: TODAY })).toBe(0);
    expect(errors.join('\n')).toContain('referent-manquant');
    const afterFix = prompts.asked.slice(prompts.asked.findIndex((q) => q.path === 'fix') + 1).filter((q) => q.kind !== 'session' && q.kind !== 'review');
    expect(afterFix.length).toBeGreaterThan(0);
    expect(afterFix.filter((q) => !q.path.startsWith('/referents/'))).toEqual([]);
    expect((parse(readFileSync(output, 'utf8')) as { referents: unknown[] }).referents).toEqual(marolles.referents);
  });

  // Domain rules used to be applied only at the end, after every question.
  test('a domain rule is applied when its section is answered: only the answer it concerns is asked again', async () => {
    const answers = answersFrom(example('locale-ccas-marolles.yaml'), { '/signature/date': ['2099-01-01', '2025-06-01'] });
    const prompts = scriptedPrompts(answers);
    const { result } = await (async () => {
      const result = await askConvention(formOf('locale-ccas'), prompts, { data, check, advanced: false, guide: await guideOf('locale-ccas'), today: TODAY });
      return { result };
    })();
    const dates = prompts.asked.flatMap((q, i) => (q.path === '/signature/date' ? [i] : []));
    expect(dates).toHaveLength(2);
    // The correction asks nothing else of the section: the rest is kept.
    expect(prompts.asked.slice(dates[1]).filter((q) => q.path.startsWith('/signature') && q.kind !== 'review')).toHaveLength(1);
    expect(prompts.transcript.join('\n')).toContain("est postérieure à aujourd'hui (2025-06-30)");
    expect((result.signature as { date: string }).date).toBe('2025-06-01');
  });

  test('only admissible choices: a role whose place is full is not offered, DPOs default to yes under sous-traitance', async () => {
    const montbrison = example('locale-ccas-montbrison.yaml');
    const prompts = scriptedPrompts(answersFrom(montbrison));
    await askConvention(formOf('locale-ccas'), prompts, { data, check, advanced: true, guide: await guideOf('locale-ccas'), today: TODAY });
    const roles = (i: number) => prompts.asked.find((q) => q.path === `/parties/${i}/role`)!.choices!.map((c) => c.value);
    const first = (montbrison.parties as { role: string }[])[0]!.role;
    expect(roles(0)).toEqual(['cpam', 'carsat', 'ccas', 'cias']);
    // cpam and ccas/cias places hold one party each: the first party's place is not offered again.
    expect(roles(1)).not.toContain(first);
    expect((montbrison.rgpd as { regimes: string[] }).regimes).toContain('sous-traitance');
    expect(prompts.asked.find((q) => q.path === '/rgpd/dpo' && q.kind === 'include')?.default).toBe(true);
  });

  test('a logo path is checked when given, with validate’s logo checks', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'logo.yaml');
    const answers = answersFrom(example('locale-ccas-marolles.yaml'), { 'include:/parties/0/logo': true, '/parties/0/logo': ['absent.png', '../hors.png'], 'session:fix': false });
    let refused = 0;
    const prompts = scriptedPrompts((q) => {
      if (q.kind === 'value' && q.path === '/parties/0/logo' && ++refused > 2) throw new WizardAborted();
      return answers(q);
    });
    expect(await newCommand({ type: 'locale-ccas', output, avance: true }, { prompts, today: TODAY })).toBe(130);
    const notes = prompts.transcript.filter((line) => line.startsWith('  ✗'));
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('Logo introuvable : absent.png');
    expect(notes[1]).toContain('../hors.png');
  });

  test('back: « < » reopens the previous question, with its answer as default; nothing else is asked again', async () => {
    const answers = answersFrom(example('locale-ccas-marolles.yaml'), { '/duree/annees': ['2', '1'], '/duree/renouvellement': [BACK, 'tacite'] });
    const prompts = scriptedPrompts(answers);
    const result = await askConvention(formOf('locale-ccas'), prompts, { data, check, advanced: false, guide: await guideOf('locale-ccas'), today: TODAY });
    const years = prompts.asked.filter((q) => q.path === '/duree/annees');
    expect(years.map((q) => q.default)).toEqual([undefined, '2']);
    const once = prompts.asked.filter((q) => q.path !== '/duree/annees' && q.path !== '/duree/renouvellement').map((q) => `${q.kind}:${q.path}`);
    expect(once.length).toBe(new Set(once).size);
    expect((result.duree as { annees: number }).annees).toBe(1);
    const text = conventionDocument(formOf('locale-ccas'), result, { schemaPath: 'x' }).toString();
    expect((await checkText(text, 'm.yaml', TODAY)).filter((p) => p.severity === 'error')).toEqual([]);
  });

  test('a section’s summary lets the user correct one of its answers, the others kept', async () => {
    let reviews = 0;
    const answers = answersFrom(example('locale-ccas-marolles.yaml'), { '/signature/lieu': ['Evry', 'Évry-Courcouronnes'] });
    const prompts = scriptedPrompts((q) => (q.kind === 'review' && q.path === '/signature' && reviews++ === 0 ? '/signature/lieu' : answers(q)));
    const result = await askConvention(formOf('locale-ccas'), prompts, { data, check, advanced: false, guide: await guideOf('locale-ccas'), today: TODAY });
    const summary = prompts.asked.find((q) => q.kind === 'review' && q.path === '/signature')!;
    expect(summary.choices!.map((c) => c.name)).toEqual(['Continuer', 'Lieu de signature : Evry', 'Date : 2022-11-24']);
    const after = prompts.asked.slice(prompts.asked.indexOf(summary) + 1);
    expect(after.map((q) => `${q.kind}:${q.path}`)).toEqual(['value:/signature/lieu', 'review:/signature']);
    expect(after[0]!.default).toBe('Evry');
    expect(result.signature).toMatchObject({ lieu: 'Évry-Courcouronnes', date: '2022-11-24' });
  });

  test('back at a yes/no question (« Ajouter un autre élément ? »)', async () => {
    const answers = answersFrom(example('locale-ccas-marolles.yaml'), { '/modele': ['departemental'], 'more:/referents/2': [BACK, false] });
    const prompts = scriptedPrompts(answers);
    await askConvention(formOf('locale-ccas'), prompts, { data, check, advanced: false, guide: await guideOf('locale-ccas'), today: TODAY });
    const keys = prompts.asked.map((q) => `${q.kind}:${q.path}`);
    const back = keys.indexOf('more:/referents/2');
    // The question before « Ajouter un autre référent ? » is asked again, then that one.
    expect(keys[back + 1]).toBe(keys[back - 1]);
    expect(keys[back + 2]).toBe('more:/referents/2');
  });

  test('an invalid result is kept in a draft with its problems, and resumed re-asking only them', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'regimes.yaml');
    const draft = join(folder, 'regimes.brouillon.yaml');
    const answers = answersFrom(example('locale-ccas-marolles.yaml'), { '/rgpd/regimes': ['sous-traitance', 'sans-echange'] });
    expect(await newCommand({ type: 'locale-ccas', output }, { prompts: scriptedPrompts(answers), today: TODAY })).toBe(1);
    expect(errors.join('\n')).toContain('rgpd-regime-exclusif');
    expect(errors.join('\n')).toContain(`convention new --reprendre ${draft}`);
    expect(readdirSync(folder)).toEqual(['regimes.brouillon.yaml']);
    const text = readFileSync(draft, 'utf8');
    expect(text).toMatch(/^# ✗ \/rgpd\/regimes\/1 : Le régime « sans-echange »/m);
    expect(parse(text)).toMatchObject({ type: 'locale-ccas', rgpd: { regimes: ['sous-traitance', 'sans-echange'] } });

    const resumed = scriptedPrompts(answersFrom(example('locale-ccas-marolles.yaml')));
    expect(await newCommand({ reprendre: draft }, { prompts: resumed, today: TODAY })).toBe(0);
    expect(resumed.asked.filter((q) => q.kind !== 'session' && q.kind !== 'review').map((q) => q.path)).toEqual(['/rgpd/regimes']);
    expect(readdirSync(folder)).toEqual(['regimes.yaml']);
  });

  test('a new walk to a target with a draft offers to resume it; refused, the draft is left untouched (exit 2)', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'm.yaml');
    const draft = join(folder, 'm.brouillon.yaml');
    let count = 0;
    const first = scriptedPrompts((q) => {
      if (++count > 30) throw new WizardAborted();
      return marollesAnswers(q);
    });
    expect(await newCommand({ type: 'locale-ccas', output }, { prompts: first, today: TODAY })).toBe(130);
    const kept = readFileSync(draft, 'utf8');
    const refusing = scriptedPrompts((q) => (q.path === 'resume' ? false : marollesAnswers(q)));
    await expect(newCommand({ type: 'locale-ccas', output }, { prompts: refusing, today: TODAY })).rejects.toMatchObject({ message: expect.stringContaining('--reprendre') });
    expect(readFileSync(draft, 'utf8')).toBe(kept);
    const resuming = scriptedPrompts(marollesAnswers);
    expect(await newCommand({ type: 'locale-ccas', output }, { prompts: resuming, today: TODAY })).toBe(0);
    expect(resuming.asked.some((q) => q.path === 'resume')).toBe(true);
    expect(resuming.asked.find((q) => q.kind !== 'session' && q.kind !== 'review')!.path).toBe(first.asked.filter((q) => q.kind !== 'session' && q.kind !== 'review').at(-1)!.path);
    expect(readdirSync(folder)).toEqual(['m.yaml']);
  });

  test('--reprendre on a convention re-opens it and walks only the sections picked', async () => {
    const folder = temporaryFolder();
    const output = join(folder, 'marolles.yaml');
    expect(await newCommand({ type: 'locale-ccas', output }, { prompts: scriptedPrompts(marollesAnswers), today: TODAY })).toBe(0);
    const prompts = scriptedPrompts(answersFrom(example('locale-ccas-marolles.yaml'), { 'session:sections': ['/duree'], '/duree/annees': '3' }));
    expect(await newCommand({ reprendre: output }, { prompts, today: TODAY })).toBe(0);
    const asked = prompts.asked.filter((q) => q.kind !== 'session' && q.kind !== 'review').map((q) => q.path);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((path) => !path.startsWith('/duree'))).toEqual([]);
    expect(prompts.asked.find((q) => q.path === '/duree/annees')?.default).toBe('1');
    expect((parse(readFileSync(output, 'utf8')) as { duree: { annees: number } }).duree.annees).toBe(3);
    expect(readdirSync(folder)).toEqual(['marolles.yaml']);
  });

  test('o/oui/n/non, empty for the default', () => {
    expect([parseYesNo('o', false), parseYesNo('Oui', false), parseYesNo('n', true), parseYesNo('', true), parseYesNo('peut-être', true)]).toEqual([
      true,
      true,
      false,
      true,
      undefined,
    ]);
  });
});

describe('French answers', () => {
  test('dates written the French way are stored as ISO dates; impossible days are not', () => {
    expect(['12/12/2023', '1/2/2024', '12-12-2023', '12.12.2023', '12 décembre 2023', '1er janvier 2024', '2023-12-12', ' 3  Août 2025 '].map((t) => isoDate(t.trim()))).toEqual([
      '2023-12-12',
      '2024-02-01',
      '2023-12-12',
      '2023-12-12',
      '2023-12-12',
      '2024-01-01',
      '2023-12-12',
      '2025-08-03',
    ]);
    expect(['31/02/2023', '12/12/23', 'décembre 2023', '12 decembre 2023 et plus'].map(isoDate)).toEqual([undefined, undefined, undefined, undefined]);
  });

  // « Parties n° 1 », « Dénominations n° 1 » without help, before.
  test('elements are named in the singular, and every question has a help line', async () => {
    const prompts = scriptedPrompts(answersFrom(example('locale-ccas-montbrison.yaml')));
    await askConvention(formOf('locale-ccas'), prompts, { data, check, advanced: true, guide: await guideOf('locale-ccas'), today: TODAY });
    expect(prompts.transcript).toContain('\nPartie n° 1');
    expect(prompts.transcript).toContain('\nRéférent n° 1');
    const denomination = prompts.asked.find((q) => q.path === '/parties/0/denominations/0')!;
    expect(denomination.message).toBe('Dénominations, élément n° 1');
    expect(denomination.help).toBeTruthy();
    expect(prompts.asked.filter((q) => q.kind === 'value' && !q.help).map((q) => q.path)).toEqual([]);
  });

  // A referent's first name was « Renseigner « Prénom » ? (o/N) », a DPO's asked directly: « o » became a first name.
  test('one pattern for optional values: asked directly, an empty answer leaves them out', async () => {
    const marolles = example('locale-ccas-marolles.yaml');
    const prompts = scriptedPrompts(answersFrom(marolles, { '/referents/0/prenom': '' }));
    const result = await askConvention(formOf('locale-ccas'), prompts, { data, check, advanced: false, guide: await guideOf('locale-ccas'), today: TODAY });
    expect(prompts.asked.filter((q) => q.kind === 'include' && q.type === 'confirm' && /Prénom|Téléphone|Civilité/.test(q.message))).toEqual([]);
    expect(prompts.asked.find((q) => q.path === '/referents/0/prenom')!.message).toBe('Prénom (facultatif, Entrée pour passer)');
    expect((result.referents as Record<string, unknown>[])[0]).not.toHaveProperty('prenom');
    const civility = prompts.asked.find((q) => q.path === '/referents/0/civilite')!;
    expect(civility.choices!.at(-1)!.name).toBe('(ne pas renseigner)');
  });

  // A pasted second paragraph used to vanish: a one-line prompt kept only the first line.
  test('a text of paragraphs is asked in the editor prompt, and every paragraph is kept', async () => {
    const actions = 'Permanence mensuelle au CCAS.\n\nAteliers numériques.\nUne fois par trimestre.';
    const prompts = scriptedPrompts(answersFrom(example('locale-ccas-montbrison.yaml'), { '/engagements/initiatives_locales/actions': actions }));
    const result = await askConvention(formOf('locale-ccas'), prompts, { data, check, advanced: true, guide: await guideOf('locale-ccas'), today: TODAY });
    expect(prompts.asked.find((q) => q.path === '/engagements/initiatives_locales/actions')).toMatchObject({ type: 'editor' });
    expect(prompts.asked.find((q) => q.path === '/parties/0/nom')).toMatchObject({ type: 'input' });
    expect((result.engagements as { initiatives_locales: { actions: string } }).initiatives_locales.actions).toBe(actions);
  });

  // The wizard once recognised a text of paragraphs by a phrase of its description: a reworded
  // help line would have silently turned it back into a one-line prompt.
  test('a text is asked in the editor where its schema marks it `x-paragraphes`, whatever its description says', () => {
    const text = (schema: Record<string, unknown>) => fieldOf({ type: 'string', minLength: 1, ...schema }) as TextField;
    expect(isParagraphs(text({ description: 'Texte du bloc.', 'x-paragraphes': true }))).toBe(true);
    expect(isParagraphs(text({ description: 'Texte ; une ligne vide sépare deux paragraphes.' }))).toBe(false);
    expect(isParagraphs(text({ description: 'Texte.', 'x-paragraphes': false }))).toBe(false);
  });

  // These three texts are rendered paragraph by paragraph (compose.ts `paragraphs`, the templates'
  // `paragraphes` helper) but were asked on one line: a pasted second paragraph went to the next
  // question.
  test('the presentation of a party and the introductions of a cadre-national are texts of paragraphs', () => {
    const at = (field: Field, keys: string[]): Field =>
      keys.reduce<Field>((node, key) => (node.kind === 'object' ? node.properties.find((p) => p.key === key)! : node.kind === 'array' ? node.items : node), field);
    for (const type of defaultRegistry().types) expect([type.id, isParagraphs(at(formOf(type.id), ['parties', '', 'presentation']) as TextField)]).toEqual([type.id, true]);
    expect(isParagraphs(at(formOf('cadre-national'), ['engagements', '', 'introduction']) as TextField)).toBe(true);
    expect(isParagraphs(at(formOf('cadre-national'), ['conventions_locales', 'introduction']) as TextField)).toBe(true);
  });

  test('a signature date typed 24/11/2022 is asked once and stored as 2022-11-24', async () => {
    const prompts = scriptedPrompts(answersFrom(example('locale-ccas-marolles.yaml'), { '/signature/date': '24/11/2022' }));
    const result = await askConvention(formOf('locale-ccas'), prompts, { data, check, advanced: false });
    expect(prompts.asked.filter((q) => q.path === '/signature/date')).toHaveLength(1);
    expect((result.signature as { date: string }).date).toBe('2022-11-24');
  });
});

describe('init skeletons', () => {
  test.each(defaultRegistry().types.map((t) => t.id))('%s: fails only on its markers, and is valid once they are replaced', async (typeId) => {
    const { text } = await skeletonText(typeId, 'squelette.yaml');
    const problems = await checkText(text, 'squelette.yaml', TODAY);
    expect(problems.length).toBeGreaterThan(0);
    expect([...new Set(problems.map((p) => p.code))]).toEqual(['texte-a-completer']);
    expect(await checkText(fillSkeleton(text), 'squelette.yaml', TODAY)).toEqual([]);
  });
});

// Defects found by driving `convention new` in a real terminal (tmux) for every type and model, as
// a first-time officer would: each question below was asked although it should not have been, or
// accepted what it should have refused.
describe('first-time walk in a terminal', () => {
  beforeEach(() => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });

  test('a stock party’s variable said « précédé de sa préposition » but took « Essonne », giving « Caisse Primaire d’Assurance Maladie Essonne »', async () => {
    const answers = answersFrom(example('locale-ccas-marolles.yaml'), { 'preset:/parties/1': 'cpam', 'variable:/parties/1#departement': ['Essonne', "de l'Essonne"] });
    const { result, prompts } = await ask(formOf('locale-ccas'), answers, false);
    expect(prompts.asked.filter((q) => q.path === '/parties/1#departement')).toHaveLength(2);
    expect(prompts.transcript).toContain(
      "> « Département, précédé de sa préposition » : commencez par la préposition (de, du, des, d’) ; par exemple « de la Loire », « du Rhône », « de l'Essonne », « des Hauts-de-Seine ».",
    );
    expect((result.parties as { nom: string }[])[1]!.nom).toBe("Caisse Primaire d'Assurance Maladie de l'Essonne");
  });

  test('a stock party fills « Nom employé sans article » too: it is not asked, and not written when it is the default', async () => {
    const answers = answersFrom(example('locale-ccas-marolles.yaml'), { 'preset:/parties/1': 'cpam', 'variable:/parties/1#departement': "de l'Essonne" });
    const { result, prompts } = await ask(formOf('locale-ccas'), answers, false);
    expect(prompts.asked.some((q) => q.path === '/parties/1/sans_article')).toBe(false);
    expect(prompts.asked.some((q) => q.path === '/parties/0/sans_article')).toBe(true);
    expect((result.parties as Record<string, unknown>[])[1]).not.toHaveProperty('sans_article');
  });

  // Its help says it lets a date to come pass: after a date already past it is meaningless. For a
  // date to come it stays « non » by default, so that a mistyped year is caught by the rule.
  test('« Signature prévue » is asked only for a date after today', async () => {
    const guide = await guideOf('locale-ccas');
    const past = scriptedPrompts(answersFrom(example('locale-ccas-marolles.yaml')));
    await askConvention(formOf('locale-ccas'), past, { data, check, advanced: false, guide, today: TODAY });
    expect(past.asked.some((q) => q.path === '/signature/prevue')).toBe(false);
    const future = scriptedPrompts(answersFrom(example('locale-ccas-marolles.yaml'), { '/signature/date': '2025-09-15', '/signature/prevue': true }));
    const result = await askConvention(formOf('locale-ccas'), future, { data, check, advanced: false, guide, today: TODAY });
    expect(future.asked.find((q) => q.path === '/signature/prevue')).toMatchObject({ type: 'confirm', default: false });
    expect(result.signature).toMatchObject({ date: '2025-09-15', prevue: true });
  });

  // The cadre-national's blocks and engagement articles need one of several optional rubriques:
  // all declined, the object was refused in ajv's words (« «  » : « {…} » ne correspond à aucune
  // des formes admises ») and asked again the same way, without end.
  test('in an object that needs one of several optional rubriques, the last one left is asked as required', async () => {
    const schema = structuredClone(schemaOf('locale-ccas')) as Record<string, any>;
    schema.properties.bloc = {
      title: 'Bloc',
      description: 'Un texte ou une liste.',
      type: 'object',
      additionalProperties: false,
      anyOf: [{ required: ['texte'] }, { required: ['liste'] }],
      properties: {
        intertitre: { title: 'Intertitre', description: 'Facultatif.', type: 'string', minLength: 1 },
        texte: { title: 'Texte', description: 'Le texte.', type: 'string', minLength: 1 },
        liste: { title: 'Liste', description: 'Des points.', type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      },
    };
    schema.required.push('bloc');
    const scripted = answersFrom(example('locale-ccas-marolles.yaml'), { '/bloc/texte': '', '/bloc/liste/0': 'Un point.', 'more:/bloc/liste/1': false });
    let rounds = 0;
    const answers: Answerer = (q) => {
      if (q.path === '/bloc/texte' && ++rounds > 3) throw new Error('« Bloc » redemandé sans fin');
      return scripted(q);
    };
    const { result, prompts } = await ask(describeType(schema, common), answers, false);
    expect(prompts.transcript.filter((line) => /aucune des formes admises/.test(line))).toEqual([]);
    expect(prompts.asked.some((q) => q.kind === 'include' && q.path === '/bloc/liste')).toBe(false);
    expect(prompts.transcript).toContain('  Au moins une de ces rubriques est attendue : « Texte », « Liste ».');
    expect(result.bloc).toEqual({ liste: ['Un point.'] });
  });

  test('an optional text of paragraphs does not say « Entrée pour passer » (Entrée there starts a new paragraph)', async () => {
    const { prompts } = await ask(formOf('cadre-national'), answersFrom(example('cadre-national-unml.yaml')), false);
    const introduction = prompts.asked.find((q) => q.path === '/engagements/0/introduction')!;
    expect(introduction).toMatchObject({ type: 'editor', optional: true });
    expect(introduction.message).not.toMatch(/Entrée/);
  });

  test('an article’s identifier (for cross-references) is an advanced rubrique', async () => {
    const { prompts } = await ask(formOf('cadre-national'), answersFrom(example('cadre-national-unml.yaml')), false);
    expect(prompts.asked.some((q) => /^\/engagements\/\d+\/id$/.test(q.path))).toBe(false);
  });
});
