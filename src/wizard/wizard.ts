/**
 * The interactive walk: asks a type's fields through `Prompts`, in the schema's order, and returns
 * the convention's data. Required rubriques are asked, optional ones offered (advanced ones only
 * with `advanced`), enums chosen from a list, lists grown one element at a time; each answer is
 * checked against its sub-schema and asked again, with the reason, until it fits. No file is read
 * or written here.
 */
import type { AnswerChecker } from './answer-check.js';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { parse } from 'date-fns/parse';
import { fr } from 'date-fns/locale/fr';
import { GoBack, type Choice, type Prompts } from './prompts.js';
import {
  fillableProperties,
  labelOf,
  pointerMatches,
  toPointer,
  type ArrayField,
  type ChoiceField,
  type Field,
  type MultiField,
  type ObjectField,
  type TextField,
} from './schema-walk.js';
import type { TypeGuide } from './type-form.js';
import { valueAt } from './schema-walk.js';
import { fillPreset, presetFitsRole, variableProblem, type Preset, type WizardData } from './wizard-data.js';

export interface WizardOptions {
  data: WizardData;
  check: AnswerChecker;
  /** Offer the advanced optional rubriques too (`--avance`). */
  advanced: boolean;
  /** What the type's catalogue admits (a gender by role, the model's options, conditional rubriques). */
  guide?: Pick<TypeGuide, 'roleDefaults' | 'admits' | 'choices'> & Partial<Pick<TypeGuide, 'expected' | 'problemsIn'>>;
  /** The day of the domain rules' checks (`YYYY-MM-DD`); without it, they wait for the final check. */
  today?: string;
  /** Checks a file an answer names (a logo), as `validate` would: a French message, or `undefined`. */
  checkFile?: (pointer: string, value: string) => Promise<string | undefined>;
  /** Answers given earlier (a draft, a convention re-opened, a walk whose final check failed). */
  prefill?: Prefill;
  /**
   * Called before each question actually asked, with the answers so far: the caller keeps them (the
   * draft file), so that nothing answered is lost if the walk stops there.
   */
  onQuestion?: (stop: string, answers: Record<string, unknown>) => void;
}

/**
 * Earlier answers replayed: each one is taken without asking when it still fits (same check as a
 * typed answer), until the question `stop`; from there, and for the rubriques in `reask`, questions
 * are asked again, an earlier answer being the default.
 */
export interface Prefill {
  data: Record<string, unknown>;
  /** The question the earlier walk stopped at (`kind:pointer`, see `questionKey`); none: it ended. */
  stop?: string;
  /** Rubriques (JSON pointers) asked again, with everything under them. */
  reask?: string[];
}

/** A question's place in a walk: its kind and pointer (a `more` and a `preset` share a pointer). */
export function questionKey(kind: string, pointer: string): string {
  return `${kind}:${pointer}`;
}

type Path = (string | number)[];

/** Walks `form` (a type's schema, see `describeType`) and returns the convention's data. */
export async function askConvention(form: ObjectField, prompts: Prompts, options: WizardOptions): Promise<Record<string, unknown>> {
  let prefill = options.prefill;
  let history: string[] = [];
  let quiet = false;
  for (;;) {
    const walker = new Walker(prompts, { ...options, ...(prefill ? { prefill } : {}) }, history, quiet);
    try {
      await walker.object(form, [], walker.root);
      return walker.root;
    } catch (error) {
      if (!(error instanceof GoBack)) throw error;
      // Back: the walk starts again, every answer taken silently up to the previous question,
      // which is asked again with its answer as the default.
      const asked = walker.asked;
      const previous = asked.length >= 2 ? asked[asked.length - 2]! : asked[0];
      if (asked.length < 2) prompts.note('  (pas de question précédente)');
      prefill = { data: walker.before, ...(previous ? { stop: previous } : {}) };
      history = asked.slice(0, Math.max(0, asked.length - 2));
      quiet = true;
    }
  }
}

/** Turns typed text into the field's value, or says why it cannot. */
export function parseAnswer(field: TextField, text: string): { value: unknown } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: `Réponse attendue pour « ${labelOf(field)} ».` };
  if (field.kind === 'integer') {
    return /^[+-]?\d+$/.test(trimmed) ? { value: Number(trimmed) } : { error: `« ${labelOf(field)} » attend un nombre entier, par exemple 3.` };
  }
  if (field.kind === 'number') {
    const value = Number(trimmed.replace(',', '.'));
    return Number.isFinite(value) ? { value } : { error: `« ${labelOf(field)} » attend un nombre.` };
  }
  if (field.format === 'date') return { value: isoDate(trimmed) ?? trimmed };
  return { value: trimmed };
}

/** The French ways of writing a date (12/12/2023, 12-12-2023, 12.12.2023, 12 décembre 2023, 1er décembre 2023). */
const FRENCH_DATES = ['d/M/yyyy', 'd-M-yyyy', 'd.M.yyyy', 'd MMMM yyyy'];

/** A date typed the French way, as the ISO date the convention stores; `undefined` if it is not one. */
export function isoDate(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const normalized = text.toLowerCase().replace(/\s+/g, ' ').replace(/^1er /, '1 ');
  for (const pattern of FRENCH_DATES) {
    const date = parse(normalized, pattern, new Date(2000, 0, 1), { locale: fr });
    // A real day only (31/02 is refused), written in full (no two-digit year).
    if (isValid(date) && date.getFullYear() >= 1000) return format(date, 'yyyy-MM-dd');
  }
  return undefined;
}

class Walker {
  readonly root: Record<string, unknown> = {};

  /** Earlier answers are being taken rather than asked (see `Prefill`). */
  private replaying: boolean;
  private reask: string[];
  private prefill: Prefill | undefined;

  /** The questions asked, in order (`kind:pointer`), those of earlier walks first: « back » reopens the one before the last. */
  readonly asked: string[];
  /** The answers given before the last question asked (objects in progress included). */
  before: Record<string, unknown> = {};

  constructor(
    private readonly prompts: Prompts,
    private readonly options: WizardOptions,
    history: readonly string[] = [],
    /** Replaying after « back »: the answers kept are not shown again. */
    private readonly quiet = false,
  ) {
    this.asked = [...history];
    this.prefill = options.prefill;
    this.replaying = options.prefill !== undefined;
    this.reask = [...(options.prefill?.reask ?? [])];
  }

  /** The earlier answer at `pointer`, if any. */
  private earlier(pointer: string): unknown {
    return this.prefill ? valueAt(this.prefill.data, pointer) : undefined;
  }

  /**
   * The earlier answer to take instead of asking (`earlier`, when defined and still fitting), or
   * `undefined`: the question is asked, and announced to `onQuestion` first with the answers so far.
   */
  private replay<T>(kind: string, pointer: string, earlier: T | undefined): { value: T } | undefined {
    const prefill = this.prefill;
    // A stock party's variable is not kept on its own: stopped there, the walk stopped at the stock party.
    const stop = prefill?.stop?.replace(/^variable:(.*)#.*$/, 'preset:$1');
    if (prefill && this.replaying && stop === questionKey(kind, pointer)) this.replaying = false;
    // An optional rubrique or a list element the walk stopped inside was answered « yes », though
    // nothing of it may be kept yet.
    const stopPointer = stop?.slice(stop.indexOf(':') + 1);
    if (this.replaying && (kind === 'include' || kind === 'more') && stopPointer !== undefined && (stopPointer === pointer || stopPointer.startsWith(`${pointer}/`))) {
      return { value: true as T };
    }
    // A rubrique asked again, anything under it, and the value a problem inside it concerns (the
    // regimes' list for a problem on its second element).
    const reasked = this.reask.some((r) => r === '' || pointer === r || pointer.startsWith(`${r}/`) || (kind === 'value' && r.startsWith(`${pointer}/`)));
    if (this.replaying && !reasked && earlier !== undefined) return { value: earlier };
    this.asked.push(questionKey(kind, pointer));
    this.before = this.answers();
    this.options.onQuestion?.(questionKey(kind, pointer), this.before);
    return undefined;
  }

  /** A note between questions; silent while replaying after « back » (the user saw it). */
  private say(text: string): void {
    if (!(this.quiet && this.replaying)) this.prompts.note(text);
  }

  /** An earlier value taken without asking: shown, so that the user knows what is kept. */
  private kept(label: string, value: unknown): unknown {
    this.say(`  ${label} : ${display(value)}`);
    return value;
  }

  /** Every question has its help line: the rubrique's description from the schema. */
  private help(field: { description?: string }): string | undefined {
    return field.description;
  }

  private get data(): WizardData {
    return this.options.data;
  }

  async field(field: Field, path: Path, included = false): Promise<unknown> {
    switch (field.kind) {
      case 'const':
        return field.value;
      case 'object':
        return this.object(field, path, {});
      case 'array':
        return this.array(field, path, included);
      case 'multi':
        return this.multi(field, path, included);
      case 'choice':
        return this.choice(field, path);
      case 'boolean': {
        const pointer = toPointer(path);
        const earlier = this.earlier(pointer);
        const taken = this.replay('value', pointer, typeof earlier === 'boolean' ? earlier : undefined);
        if (taken) return this.kept(labelOf(field), taken.value);
        return this.prompts.confirm({
          kind: 'value',
          path: pointer,
          message: labelOf(field),
          help: this.help(field),
          default: typeof earlier === 'boolean' ? earlier : field.default === true,
        });
      }
      default:
        return this.text(field, path);
    }
  }

  async object(field: ObjectField, path: Path, into: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.open.push({ path, into });
    try {
      return await this.objectFields(field, path, into);
    } finally {
      this.open.pop();
    }
  }

  /** The objects being answered, outermost first: their answers so far count for conditions. */
  private readonly open: { path: Path; into: Record<string, unknown> | unknown[] }[] = [];

  /** The convention as answered so far, objects in progress included (the options of `engagements` before its next rubrique). */
  private answers(): Record<string, unknown> {
    const answers = structuredClone(this.root);
    for (const { path, into } of this.open) {
      if (path.length === 0) continue;
      let node = answers as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) node = (node[key] ??= typeof key === 'number' ? [] : {}) as Record<string | number, unknown>;
      node[path[path.length - 1]!] = structuredClone(into);
    }
    return answers;
  }

  private async objectFields(field: ObjectField, path: Path, into: Record<string, unknown>): Promise<Record<string, unknown>> {
    let filled: Record<string, unknown> = {};
    let defaults: Record<string, unknown> = {};
    const properties = fillableProperties(field);
    const groups = atLeastOneOf(field);
    for (const [index, property] of properties.entries()) {
      const at = [...path, property.key];
      if (property.kind === 'const') {
        into[property.key] = property.value;
        continue;
      }
      if (property.key in filled) {
        // A stock value that is the schema's default (`sans_article: false`) is known, not written.
        if (!property.required && filled[property.key] === property.default) continue;
        into[property.key] = filled[property.key];
        this.say(`  ${labelOf(property)} : ${display(filled[property.key])}`);
        continue;
      }
      // The last rubrique left of a group of which one is needed (a block's text or list) is not
      // optional any more: declined too, the object could only be refused and asked again.
      const group = property.required ? undefined : groups.find((keys) => keys.includes(property.key));
      const lastOfGroup =
        group !== undefined &&
        !group.some((key) => into[key] !== undefined) &&
        !properties.slice(index + 1).some((later) => group.includes(later.key) && this.offered(later, [...path, later.key]));
      if (lastOfGroup) {
        const titles = properties.filter((p) => group.includes(p.key)).map((p) => `« ${labelOf(p)} »`);
        this.say(`  Au moins une de ces rubriques est attendue : ${titles.join(', ')}.`);
      }
      const required = property.required || lastOfGroup;
      if (!required) {
        if (!this.offered(property, at)) continue;
        const pointer = toPointer(at);
        const earlier = this.earlier(pointer);
        if (property.kind === 'boolean') {
          // Left out of a convention, an optional boolean is its default.
          const taken = this.replay('value', pointer, typeof earlier === 'boolean' ? earlier : this.prefill ? property.default === true : undefined);
          const value = taken
            ? taken.value
            : await this.prompts.confirm({
                kind: 'value',
                path: pointer,
                message: labelOf(property),
                help: property.description,
                default: typeof earlier === 'boolean' ? earlier : property.default === true,
              });
          if (value !== (property.default ?? false)) into[property.key] = value;
          continue;
        }
        // One pattern for optional values: asked directly, an empty answer (or « (ne pas renseigner) »
        // in a list) leaves them out; only optional groups (blocks, lists) are offered first.
        if (isText(property)) {
          const value = await this.text(property, at, labelOf(property), true);
          if (value !== undefined) into[property.key] = value;
          continue;
        }
        const taken = this.replay('include', pointer, earlier !== undefined);
        const include =
          taken?.value ??
          (await this.prompts.confirm({
            kind: 'include',
            path: pointer,
            message: `Renseigner « ${labelOf(property)} » ?`,
            help: property.description,
            default: earlier !== undefined || (this.options.guide?.expected?.(pointer, this.answers()) ?? false),
          }));
        if (!include) continue;
      }
      if (property.kind === 'object' || property.kind === 'array') this.section(property, at);
      const asked = property.key in defaults ? ({ ...property, default: defaults[property.key] } as Field) : property;
      const before = this.asked.length;
      into[property.key] = await this.field(asked, at, !required);
      if (path.length === 0) {
        await this.checkSection(asked, at, into);
        if (asked.kind === 'object' || asked.kind === 'array') await this.review(asked, at, into, this.asked.length > before);
      }
      if (this.isPartyItem(path) && property.key === this.data.parties.role) {
        filled = await this.preset(field, path, String(into[property.key]));
        defaults = this.options.guide?.roleDefaults(String(into[property.key])) ?? {};
      }
    }
    if (path.length > 0) {
      const problem = this.options.check(field.schema, into, labelOf(field));
      if (problem) {
        this.say(`  ✗ ${problem} Reprenons « ${labelOf(field)} ».`);
        for (const key of Object.keys(into)) delete into[key];
        this.reask.push(toPointer(path));
        return this.object(field, path, into);
      }
    }
    return into;
  }

  /** Whether an optional rubrique is offered: not an advanced one (without `--avance`), and meaningful with the answers so far. */
  private offered(property: Field, at: Path): boolean {
    if (!this.options.advanced && this.data.avancees.some((entry) => (entry.startsWith('/') ? pointerMatches(toPointer(at), entry) : entry === property.key))) return false;
    return !this.options.guide || this.options.guide.admits(toPointer(at), this.answers(), this.options.today);
  }

  /**
   * The domain rules `validate` applies, on the answers so far, as soon as a section is answered:
   * its answers a problem concerns are asked again (the others kept), with the reason. After
   * MAX_SECTION_ROUNDS refused corrections the walk moves on; the final check keeps the problem.
   */
  private async checkSection(field: Field, path: Path, into: Record<string, unknown>): Promise<void> {
    const { guide, today } = this.options;
    if (!guide?.problemsIn || !today) return;
    const pointer = toPointer(path);
    for (let round = 0; round < MAX_SECTION_ROUNDS; round++) {
      const problems = guide.problemsIn(pointer, this.answers(), today);
      if (problems.length === 0) return;
      for (const problem of problems) this.say(`  ✗ ${problem.message}`);
      this.say(`  Reprenons ${problems.length > 1 ? 'les réponses en cause' : 'la réponse en cause'} de « ${labelOf(field)} ».`);
      await this.askSectionAgain(field, path, into, problems.map((p) => p.path));
    }
  }

  /**
   * Walks a section again from the answers so far: the answers at `pointers` are asked again, the
   * others replayed as they were.
   */
  private async askSectionAgain(field: Field, path: Path, into: Record<string, unknown>, pointers: readonly string[]): Promise<void> {
    const key = path[path.length - 1] as string;
    const saved = { prefill: this.prefill, replaying: this.replaying, reask: this.reask };
    this.prefill = { data: this.answers() };
    this.replaying = true;
    this.reask = [...saved.reask, ...pointers];
    try {
      delete into[key];
      into[key] = await this.field(field, path, !field.required);
    } finally {
      this.prefill = saved.prefill;
      this.replaying = saved.replaying;
      this.reask = saved.reask;
    }
  }

  /**
   * The section's answers, then « Continuer » or one of them to correct: that answer is asked
   * again (the others kept), and the section reviewed again.
   */
  private async review(field: Field, path: Path, into: Record<string, unknown>, askedInSection: boolean): Promise<void> {
    const key = path[path.length - 1] as string;
    // A section all taken from earlier answers is not reviewed again (unless the walk stopped there).
    if (this.replay('review', toPointer(path), askedInSection ? undefined : '')) return;
    for (;;) {
      const answers = leavesOf(field, into[key], path, field.kind === 'array' ? labelOf(field) : '');
      if (answers.length === 0) return;
      const choice = await this.prompts.select<string>({
        kind: 'review',
        path: toPointer(path),
        message: `« ${labelOf(field)} » : continuer, ou corriger une réponse ?`,
        help: 'Choisissez une réponse pour la corriger ; les autres sont gardées.',
        choices: [{ value: '', name: 'Continuer' }, ...answers.map((a) => ({ value: a.pointer, name: `${a.label} : ${a.text}` }))],
        default: '',
      });
      if (choice === '') return;
      await this.askSectionAgain(field, path, into, [choice]);
      await this.checkSection(field, path, into);
    }
  }

  private section(field: Field, path: Path): void {
    if (path.length === 1) this.say(`\n── ${labelOf(field)} ──${field.description ? `\n${field.description}` : ''}`);
  }

  private isPartyItem(path: Path): boolean {
    return path.length > 0 && typeof path[path.length - 1] === 'number' && toPointer(path.slice(0, -1)) === this.data.parties.chemin;
  }

  /** Offers the stock parties that fit the role; returns the values they fill. */
  private async preset(field: ObjectField, path: Path, role: string): Promise<Record<string, unknown>> {
    const fitting = this.data.presets.filter((p) => presetFitsRole(p, role));
    if (fitting.length === 0) return {};
    // A party answered earlier (beyond its role) keeps its own values: no stock party over them.
    const earlier = this.earlier(toPointer(path));
    const answered = earlier !== null && typeof earlier === 'object' && Object.keys(earlier).some((key) => key !== this.data.parties.role);
    if (this.replay('preset', toPointer(path), answered ? true : undefined)) return {};
    const chosen = await this.prompts.select<Preset | null>({
      kind: 'preset',
      path: toPointer(path),
      message: 'Partir d’un organisme type ?',
      help: 'Le nom, le genre, le nom court et les dénominations sont alors remplis pour vous.',
      choices: [...fitting.map((p) => ({ value: p, name: p.libelle })), { value: null, name: 'Non, tout saisir' }],
      default: fitting[0],
    });
    if (!chosen) return {};
    const variables: Record<string, string> = {};
    for (const [name, variable] of Object.entries(chosen.variables ?? {})) {
      this.replay('variable', `${toPointer(path)}#${name}`, undefined);
      variables[name] = (
        await this.prompts.input({
          kind: 'variable',
          path: `${toPointer(path)}#${name}`,
          message: variable.titre,
          help: variable.aide,
          validate: (text) => variableProblem(variable, text) ?? true,
        })
      ).trim();
    }
    const values = fillPreset(chosen, variables);
    // A stock value the type would refuse is asked instead.
    return Object.fromEntries(
      Object.entries(values).filter(([key, value]) => {
        const property = field.properties.find((p) => p.key === key);
        return property && !this.options.check(property.schema, value, labelOf(property));
      }),
    );
  }

  /** A value typed or chosen; `optional`: an empty answer leaves it out (`undefined`). */
  private async text(field: TextField, path: Path, label: string = labelOf(field), optional = false): Promise<unknown> {
    const pointer = toPointer(path);
    const roles = this.partyRoles();
    const naming = roles.length > 0 && this.data.renvois_parties.some((pattern) => pointerMatches(pointer, pattern));
    const earlier = this.earlier(pointer);
    const fits =
      earlier !== undefined &&
      (naming ? roles.includes(earlier as string) : !this.options.check(field.schema, earlier, label));
    // Replayed, an optional value left out earlier stays out.
    const taken = this.replay('value', pointer, fits ? earlier : optional && earlier === undefined ? SKIPPED : undefined);
    if (taken) return taken.value === SKIPPED ? undefined : this.kept(label, taken.value);
    const defaultValue = earlier ?? field.default;
    const skip: Choice<unknown>[] = optional ? [{ value: SKIPPED, name: '(ne pas renseigner)' }] : [];
    const message = optional ? `${label} (facultatif)` : label;
    if (naming) {
      const chosen = await this.prompts.select<unknown>({
        kind: 'value',
        path: pointer,
        message,
        help: this.help(field),
        choices: [...roles.map((role) => ({ value: role, name: role })), ...skip],
        ...(typeof earlier === 'string' && roles.includes(earlier) ? { default: earlier } : optional ? { default: SKIPPED } : {}),
      });
      return chosen === SKIPPED ? undefined : chosen;
    }
    if (field.enum) {
      // Only what the catalogue admits with the answers so far (a role whose place is not full).
      const admitted = this.options.guide?.choices(pointer, this.answers());
      const values = admitted ? field.enum.filter((value) => admitted.includes(String(value))) : field.enum;
      const chosen = await this.prompts.select<unknown>({
        kind: 'value',
        path: pointer,
        message,
        help: this.help(field),
        choices: [...(values.length > 0 ? values : field.enum).map((value) => ({ value, name: String(value) })), ...skip],
        ...(defaultValue !== undefined && field.enum.includes(defaultValue as string)
          ? { default: defaultValue as string | number }
          : optional
            ? { default: SKIPPED }
            : {}),
      });
      return chosen === SKIPPED ? undefined : chosen;
    }
    const help = this.help(field);
    // A text of paragraphs (marked `x-paragraphes` in its schema) in an editor.
    const paragraphs = isParagraphs(field);
    const ask = paragraphs ? this.prompts.editor.bind(this.prompts) : this.prompts.input.bind(this.prompts);
    const text = await ask({
      kind: 'value',
      path: pointer,
      // In a text of paragraphs Entrée starts a new line: the prompt says how to pass.
      message: optional ? `${label} (facultatif${paragraphs ? '' : ', Entrée pour passer'})` : label,
      ...(optional ? { optional } : {}),
      help: field.format === 'date' ? `${help ? `${help} ` : ''}Aussi : 12/12/2023 ou 12 décembre 2023.` : help,
      ...(defaultValue !== undefined && typeof defaultValue !== 'object' ? { default: String(defaultValue) } : {}),
      validate: (answer) => {
        if (optional && answer.trim() === '') return true;
        const parsed = parseAnswer(field, answer);
        if ('error' in parsed) return parsed.error;
        return this.options.check(field.schema, parsed.value, label) ?? true;
      },
    });
    if (optional && text.trim() === '') return undefined;
    const value = (parseAnswer(field, text) as { value: unknown }).value;
    // A file an answer names (a logo) is checked now, not at rendering.
    const refused = typeof value === 'string' && this.options.checkFile ? await this.options.checkFile(pointer, value) : undefined;
    if (refused) {
      this.say(`  ✗ ${refused}`);
      return this.text(field, path, label, optional);
    }
    return value;
  }

  private partyRoles(): string[] {
    const parties = this.root[this.data.parties.chemin.replace(/^\//, '')];
    if (!Array.isArray(parties)) return [];
    const roles = parties.map((p) => (p as Record<string, unknown>)[this.data.parties.role]);
    return [...new Set(roles.filter((r): r is string => typeof r === 'string'))];
  }

  private async array(field: ArrayField, path: Path, included: boolean): Promise<unknown[]> {
    const items: unknown[] = [];
    this.open.push({ path, into: items });
    try {
      return await this.arrayItems(field, path, included, items);
    } finally {
      this.open.pop();
    }
  }

  private async arrayItems(field: ArrayField, path: Path, included: boolean, items: unknown[]): Promise<unknown[]> {
    const minimum = Math.max(field.minItems, included ? 1 : 0);
    const label = labelOf(field);
    for (;;) {
      const index = items.length;
      if (field.maxItems !== undefined && index >= field.maxItems) break;
      if (index >= minimum) {
        const pointer = toPointer([...path, index]);
        const there = this.earlier(pointer) !== undefined;
        const more =
          this.replay('more', pointer, there)?.value ??
          (await this.prompts.confirm({
            kind: 'more',
            path: pointer,
            message: index === 0 ? `Ajouter un élément à « ${label} » ?` : `Ajouter un autre élément à « ${label} » ?`,
            default: there,
          }));
        if (!more) break;
      }
      const at = [...path, index];
      const item = field.items;
      // An element is named in the singular (« Partie n° 1 »): the item's own title, else « Dénominations, élément n° 1 ».
      const name = itemName(field, index);
      if (item.kind === 'object' || item.kind === 'choice') {
        this.say(`\n${name}`);
        const described = item.description ?? field.description ? { description: item.description ?? field.description } : {};
        items.push(await this.field(item.kind === 'choice' ? { ...item, title: item.title ?? label, ...described } : item, at));
      } else if (item.kind === 'string' || item.kind === 'integer' || item.kind === 'number') {
        // Each element has the list's help when it has none of its own.
        const described = { ...item, title: item.title ?? label, ...(item.description ?? field.description ? { description: item.description ?? field.description } : {}) };
        items.push(await this.text(described, at, name));
      } else {
        items.push(await this.field(item, at));
      }
    }
    const problem = this.options.check(field.schema, items, label);
    if (problem) {
      this.say(`  ✗ ${problem} Reprenons la liste.`);
      items.length = 0;
      this.reask.push(toPointer(path));
      return this.arrayItems(field, path, included, items);
    }
    return items;
  }

  private async multi(field: MultiField, path: Path, included: boolean): Promise<string[]> {
    const minimum = Math.max(field.minItems, included ? 1 : 0);
    const defaults = Array.isArray(field.default) ? (field.default as string[]) : [];
    const label = labelOf(field);
    // Only what the catalogue admits with the answers so far (the chosen model's options).
    const admitted = this.options.guide?.choices(toPointer(path), this.answers());
    const options = admitted ? field.options.filter((option) => admitted.includes(option)) : field.options;
    const pointer = toPointer(path);
    const earlier = this.earlier(pointer);
    const fits =
      Array.isArray(earlier) &&
      earlier.length >= minimum &&
      earlier.every((value) => options.includes(value as string)) &&
      !this.options.check(field.schema, earlier, label);
    const taken = this.replay('value', pointer, fits ? (earlier as string[]) : undefined);
    if (taken) return this.kept(label, taken.value) as string[];
    const checked = Array.isArray(earlier) ? (earlier as string[]) : defaults;
    return this.prompts.checkbox<string>({
      kind: 'value',
      path: toPointer(path),
      message: label,
      help: this.help(field),
      choices: options.map((option): Choice<string> => ({ value: option, name: option, checked: checked.includes(option) })),
      validate: (values) => {
        if (values.length < minimum) return `Cochez au moins ${minimum} valeur${minimum > 1 ? 's' : ''} (espace pour cocher).`;
        return this.options.check(field.schema, values, label) ?? true;
      },
    });
  }

  /** The select's value for an answer of `field` (`=id`, `#i`, `~i`), if one branch takes it. */
  private branchOf(field: ChoiceField, value: unknown): string | undefined {
    const index = branchIndex(field, value, (schema) => !this.options.check(schema, value, labelOf(field)));
    if (index < 0) return undefined;
    const branch = field.branches[index]!;
    return branch.kind === 'string' && branch.enum ? `=${String(value)}` : branch.kind === 'object' ? `#${index}` : `~${index}`;
  }

  private async choice(field: ChoiceField, path: Path): Promise<unknown> {
    const pointer = toPointer(path);
    const earlier = this.earlier(pointer);
    const fits = earlier !== undefined && !this.options.check(field.schema, earlier, labelOf(field));
    // Values: `=id` a catalogue id, `#i` an object branch, `~i` a free text branch.
    const choices: Choice<string>[] = [];
    const hasIds = field.branches.some((b) => b.kind === 'string' && b.enum);
    field.branches.forEach((branch, index) => {
      if (branch.kind === 'string' && branch.enum) {
        for (const value of branch.enum) choices.push({ value: `=${String(value)}`, name: String(value) });
      } else if (branch.kind === 'object') {
        const required = fillableProperties(branch).filter((p) => p.required);
        const what = (required.length ? required : branch.properties).map((p) => labelOf(p).toLowerCase()).join(' et ');
        choices.push({ value: `#${index}`, name: hasIds ? `Autre : ${what}` : branch.title ?? `Avec ${what}` });
      } else {
        choices.push({ value: `~${index}`, name: branch.title ?? 'Texte' });
      }
    });
    // The branch of an earlier answer: its catalogue id, or the branch it fits (an object's
    // rubriques, a free text, then taken one by one).
    const earlierChoice = fits ? this.branchOf(field, earlier) : undefined;
    const taken = this.replay('value', pointer, earlierChoice);
    if (taken?.value.startsWith('=')) return this.kept(labelOf(field) === '' ? 'Élément' : labelOf(field), earlier);
    const answer =
      taken?.value ??
      (await this.prompts.select<string>({
        kind: 'value',
        path: pointer,
        message: labelOf(field) === '' ? 'Élément' : labelOf(field),
        help: this.help(field),
        choices,
        ...(earlierChoice !== undefined ? { default: earlierChoice } : {}),
      }));
    if (answer.startsWith('=')) {
      const raw = answer.slice(1);
      const branch = field.branches.find((b) => b.kind === 'string' && b.enum?.map(String).includes(raw)) as TextField;
      return branch.enum!.find((v) => String(v) === raw);
    }
    const branch = field.branches[Number(answer.slice(1))]!;
    return branch.kind === 'string' || branch.kind === 'integer' || branch.kind === 'number'
      ? this.text({ ...branch, title: branch.title ?? labelOf(field) }, path)
      : this.field(branch, path);
  }
}

/**
 * A text of several paragraphs: a free string its schema marks `"x-paragraphes": true` (the
 * type author's word, src/core/schema-keywords.ts; the description tells the user that a blank
 * line separates paragraphs).
 */
export function isParagraphs(field: TextField): boolean {
  return field.kind === 'string' && field.paragraphs === true && !field.enum && !field.format && !field.pattern;
}

/**
 * The groups of rubriques of which an object needs at least one (`anyOf: [{required: [texte]},
 * {required: [liste]}]`), each in the schema's words.
 */
function atLeastOneOf(field: ObjectField): string[][] {
  const alternatives = Array.isArray(field.schema.anyOf) ? (field.schema.anyOf as Record<string, unknown>[]) : [];
  const single = alternatives.every((a) => Object.keys(a).length === 1 && Array.isArray(a.required) && a.required.length === 1);
  return alternatives.length > 1 && single ? [alternatives.map((a) => String((a.required as unknown[])[0]))] : [];
}

/** The answer « (ne pas renseigner) » of an optional value. */
const SKIPPED = Symbol('ne pas renseigner');

/** A value asked as one answer (text, number, or one of a closed list), not a group. */
function isText(field: Field): field is TextField {
  return field.kind === 'string' || field.kind === 'integer' || field.kind === 'number';
}

/** Rounds of corrections a section's domain rules ask before the walk moves on. */
const MAX_SECTION_ROUNDS = 3;

function branchIndex(field: ChoiceField, value: unknown, check: (schema: Field['schema']) => boolean): number {
  return field.branches.findIndex((branch) => check(branch.schema) && !(branch.kind === 'string' && branch.enum && !branch.enum.includes(value as string)));
}

/** A section's answers, one per question: where, a label that says which element, the value. */
function leavesOf(field: Field, value: unknown, path: Path, label: string): { pointer: string; label: string; text: string }[] {
  if (value === undefined || field.kind === 'const') return [];
  if (field.kind === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
    return field.properties.flatMap((property) =>
      leavesOf(property, (value as Record<string, unknown>)[property.key], [...path, property.key], label ? `${label} › ${labelOf(property)}` : labelOf(property)),
    );
  }
  if (field.kind === 'array' && Array.isArray(value)) {
    return value.flatMap((item, index) => leavesOf(field.items, item, [...path, index], itemName(field, index, label)));
  }
  return [{ pointer: toPointer(path), label: label || labelOf(field), text: display(value) }];
}

/** « Partie n° 2 » (the item's title), else « Dénominations, élément n° 2 ». */
function itemName(field: ArrayField, index: number, within?: string): string {
  const name = field.items.title ?? `${labelOf(field)}, élément`;
  // Within a summary, the element is placed under its parent (« Partie n° 1 › Dénominations, élément n° 2 »).
  const parent = within?.endsWith(labelOf(field)) ? within.slice(0, -labelOf(field).length).replace(/ › $/, '') : within;
  return `${parent ? `${parent} › ` : ''}${name} n° ${index + 1}`;
}

function display(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (value && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
