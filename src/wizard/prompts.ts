/**
 * The one place the wizard talks to the terminal. The wizard only knows the `Prompts` interface:
 * tests give it scripted answers, a later front end its own widgets; `terminalPrompts()` is the
 * real one, on inquirer's prompts. Ctrl-C in any prompt becomes a `WizardAborted`.
 */
import inquirer from 'inquirer';

/** What a question is about, so a script can answer by meaning rather than by order. */
export type QuestionKind =
  /** The value of the rubrique at `path`. */
  | 'value'
  /** Fill the optional rubrique at `path`? */
  | 'include'
  /** Add one more element (at index `path`'s last segment) to the list? */
  | 'more'
  /** Which stock party for the party at `path` (or `null`: typed by hand)? */
  | 'preset'
  /** A preset's variable (`path` ends with `#name`). */
  | 'variable'
  /** Anything about the session: `type`, `output`, `overwrite`, `render`, `render-overwrite`. */
  | 'session';

export interface Question {
  kind: QuestionKind;
  /** JSON pointer of the rubrique in the convention (or the session question's name). */
  path: string;
  message: string;
  /** One line of help under the question (the schema's description). */
  help?: string;
}

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  checked?: boolean;
}

export interface Prompts {
  /** Free text; `validate` returns `true` or the French reason to ask again. */
  input(question: Question & { default?: string; validate?: (text: string) => true | string }): Promise<string>;
  confirm(question: Question & { default: boolean }): Promise<boolean>;
  select<T>(question: Question & { choices: Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T>(question: Question & { choices: Choice<T>[]; validate?: (values: T[]) => true | string }): Promise<T[]>;
  /** A line shown between questions (section titles, values filled by a preset). */
  note(text: string): void;
}

/** The user interrupted the wizard (Ctrl-C, or the prompt was closed). */
export class WizardAborted extends Error {
  constructor() {
    super('Interrompu');
    this.name = 'WizardAborted';
  }
}

function isInterruption(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError' || name === 'WizardAborted';
}

const HELP_STYLE = (text: string) => (process.env.NO_COLOR || !process.stdout.isTTY ? text : `\x1b[2m${text}\x1b[22m`);

const KEY_HELP: Record<string, string> = { navigate: 'naviguer', select: 'choisir', all: 'tout', invert: 'inverser', submit: 'valider', space: 'espace' };
const french = (word: string) => KEY_HELP[word] ?? word;

/** inquirer's key tips (« ↑↓ navigate • ⏎ select ») in French. */
const THEME = {
  style: {
    keysHelpTip: (keys: [string, string][]) => HELP_STYLE(keys.map(([key, action]) => `${french(key)} ${french(action)}`).join(' • ')),
  },
};

/** « o », « oui », « n », « non » (and y/yes/no), or empty for the default; `undefined` otherwise. */
export function parseYesNo(text: string, defaultValue: boolean): boolean | undefined {
  const answer = text.trim().toLowerCase();
  if (answer === '') return defaultValue;
  if (/^(o|oui|y|yes)$/.test(answer)) return true;
  if (/^(n|non|no)$/.test(answer)) return false;
  return undefined;
}

/** inquirer's prompts on the terminal (stdin/stdout), with French labels. */
export function terminalPrompts(output: (text: string) => void = (text) => process.stdout.write(text + '\n')): Prompts {
  async function ask<T>(question: Question, config: Record<string, unknown>): Promise<T> {
    if (question.help) output(HELP_STYLE(`  ${question.help}`));
    try {
      const answers = await inquirer.prompt([{ name: 'answer', message: question.message, theme: THEME, ...config } as never]);
      return (answers as { answer: T }).answer;
    } catch (error) {
      if (isInterruption(error)) throw new WizardAborted();
      throw error;
    }
  }
  return {
    input: (q) => ask<string>(q, { type: 'input', default: q.default, validate: q.validate ?? (() => true) }),
    // inquirer's confirm only knows y/n: a French o/n is an input read with `parseYesNo`.
    confirm: async (q) =>
      parseYesNo(
        await ask<string>(
          { ...q, message: `${q.message} ${q.default ? '(O/n)' : '(o/N)'}` },
          { type: 'input', validate: (text: string) => (parseYesNo(text, q.default) === undefined ? 'Répondez o (oui) ou n (non).' : true) },
        ),
        q.default,
      )!,
    select: <T>(q: Question & { choices: Choice<T>[]; default?: T }) =>
      ask<T>(q, { type: 'select', choices: q.choices, default: q.default, pageSize: 12 }),
    checkbox: <T>(q: Question & { choices: Choice<T>[]; validate?: (values: T[]) => true | string }) =>
      ask<T[]>(q, {
        type: 'checkbox',
        choices: q.choices,
        pageSize: 12,
        validate: (choices: readonly { value: T }[]) => (q.validate ? q.validate(choices.map((c) => c.value)) : true),
      }),
    note: (text) => output(text),
  };
}
