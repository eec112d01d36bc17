/**
 * Prompts answered by a function instead of a person: for tests, and for any front end that
 * already has the answers. Answers go through the same `validate` as on the terminal; a refused
 * answer is logged with its reason and the function is asked again (it sees the attempt number).
 */
import { BACK, GoBack, type Choice, type Prompts, type Question } from './prompts.js';
import { valueAt } from './schema-walk.js';

export interface AskedQuestion extends Question {
  type: 'input' | 'editor' | 'confirm' | 'select' | 'checkbox';
  /** 0 the first time, then 1, 2… after refused answers. */
  attempt: number;
  choices?: Choice<unknown>[];
  default?: unknown;
}

/**
 * Returns the answer: text for `input`, a boolean for `confirm`, for `select` a choice's value (or
 * its name, or a preset's id, or for `anyOf` lists the raw value), values for `checkbox`.
 */
export type Answerer = (question: AskedQuestion) => unknown;

export interface ScriptedPrompts extends Prompts {
  /** Every question, note and refusal, in order: what a terminal would have shown. */
  readonly transcript: string[];
  readonly asked: AskedQuestion[];
}

const MAX_ATTEMPTS = 5;

export function scriptedPrompts(answer: Answerer): ScriptedPrompts {
  const transcript: string[] = [];
  const asked: AskedQuestion[] = [];

  function run<T>(question: AskedQuestion, accept: (value: unknown) => { value: T } | { error: string }): T {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = { ...question, attempt };
      asked.push(current);
      const raw = answer(current);
      // `BACK` reopens the previous question, as `<` typed on a terminal.
      if (raw === BACK && question.kind !== 'session') {
        transcript.push(`? ${question.message} ${BACK}`);
        throw new GoBack();
      }
      const result = accept(raw);
      transcript.push(`? ${question.message} ${JSON.stringify(raw)}`);
      if ('value' in result) return result.value;
      transcript.push(`> ${result.error}`);
    }
    throw new Error(`réponses refusées ${MAX_ATTEMPTS} fois à « ${question.message} » (${question.path})`);
  }

  function match<T>(choices: Choice<T>[], raw: unknown): Choice<T> | undefined {
    return (
      choices.find((c) => c.value === raw) ??
      choices.find((c) => c.name === raw) ??
      choices.find((c) => (c.value as { id?: unknown } | null)?.id === raw && raw !== undefined) ??
      choices.find((c) => c.value === `=${String(raw)}`) ??
      // anyOf lists: an object goes to the object branch, any other value to the free text one.
      choices.find((c) => typeof c.value === 'string' && c.value.startsWith(raw && typeof raw === 'object' ? '#' : '~'))
    );
  }

  return {
    transcript,
    asked,
    async input(q) {
      return run<string>({ ...q, type: 'input', attempt: 0, default: q.default }, (raw) => {
        const text = raw === undefined ? (q.default ?? '') : String(raw);
        const verdict = q.validate ? q.validate(text) : true;
        return verdict === true ? { value: text } : { error: verdict };
      });
    },
    async editor(q) {
      return run<string>({ ...q, type: 'editor', attempt: 0, default: q.default }, (raw) => {
        const text = raw === undefined ? (q.default ?? '') : String(raw);
        const verdict = q.validate ? q.validate(text) : true;
        return verdict === true ? { value: text } : { error: verdict };
      });
    },
    async confirm(q) {
      return run<boolean>({ ...q, type: 'confirm', attempt: 0, default: q.default }, (raw) =>
        raw === undefined ? { value: q.default } : typeof raw === 'boolean' ? { value: raw } : { error: 'Répondez o (oui) ou n (non).' },
      );
    },
    async select<T>(q: Question & { choices: Choice<T>[]; default?: T }) {
      return run<T>({ ...q, type: 'select', attempt: 0, choices: q.choices as Choice<unknown>[], default: q.default }, (raw) => {
        const chosen = raw === undefined && q.default !== undefined ? q.choices.find((c) => c.value === q.default) : match(q.choices, raw);
        return chosen ? { value: chosen.value } : { error: `Choix ${JSON.stringify(raw)} absent de la liste : ${q.choices.map((c) => c.name).join(', ')}.` };
      });
    },
    async checkbox<T>(q: Question & { choices: Choice<T>[]; validate?: (values: T[]) => true | string }) {
      return run<T[]>({ ...q, type: 'checkbox', attempt: 0, choices: q.choices as Choice<unknown>[] }, (raw) => {
        const list = raw === undefined ? q.choices.filter((c) => c.checked).map((c) => c.value) : (raw as unknown[]);
        const values = list.map((item) => match(q.choices, item)?.value);
        if (values.some((v) => v === undefined)) return { error: `Choix absents de la liste : ${JSON.stringify(raw)}.` };
        const verdict = q.validate ? q.validate(values as T[]) : true;
        return verdict === true ? { value: values as T[] } : { error: verdict };
      });
    },
    note(text) {
      transcript.push(text);
    },
  };
}

/**
 * Answers every question from an existing convention: the wizard then rebuilds it. `overrides`
 * answer chosen questions first (by `kind:path`, or by path), in sequence when given a list.
 */
export function answersFrom(convention: Record<string, unknown>, overrides: Record<string, unknown> = {}): Answerer {
  const used = new Map<string, number>();
  return (question) => {
    for (const key of [`${question.kind}:${question.path}`, ...(question.kind === 'value' ? [question.path] : [])]) {
      if (key in overrides) {
        const override = overrides[key];
        if (!Array.isArray(override) || question.type === 'checkbox') return override;
        const index = used.get(key) ?? 0;
        used.set(key, index + 1);
        return override[Math.min(index, override.length - 1)];
      }
    }
    switch (question.kind) {
      case 'session':
        // Not rendered, files replaced, and a failed final check not corrected (the convention's answers would fail again).
        return question.path === 'type' ? convention.type : question.path === 'render' || question.path === 'fix' ? false : question.path.includes('overwrite') ? true : undefined;
      case 'include':
      case 'more':
        return valueAt(convention, question.path) !== undefined;
      case 'preset':
        return null;
      case 'review':
        return '';
      case 'variable':
        throw new Error(`variable non prévue : ${question.path}`);
      default: {
        const value = valueAt(convention, question.path);
        if (question.type === 'input' || question.type === 'editor') return value === undefined ? undefined : String(value);
        return value;
      }
    }
  };
}
