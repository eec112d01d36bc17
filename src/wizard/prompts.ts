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
  /** The summary of the section at `path`: `''` to continue, or the pointer of an answer to correct. */
  | 'review'
  /** Anything about the session: `type`, `output`, `overwrite`, `render`, `render-overwrite`. */
  | 'session';

export interface Question {
  kind: QuestionKind;
  /** JSON pointer of the rubrique in the convention (or the session question's name). */
  path: string;
  message: string;
  /** One line of help under the question (the schema's description). */
  help?: string;
  /** An optional value: an empty answer leaves it out (said by the prompt when not by the message). */
  optional?: boolean;
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
  /**
   * Text of several paragraphs: in `$VISUAL`/`$EDITOR` (inquirer's editor prompt), else typed line
   * by line until a line holding only « . » (blank lines kept: they separate paragraphs).
   */
  editor(question: Question & { default?: string; validate?: (text: string) => true | string }): Promise<string>;
  confirm(question: Question & { default: boolean }): Promise<boolean>;
  select<T>(question: Question & { choices: Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T>(question: Question & { choices: Choice<T>[]; validate?: (values: T[]) => true | string }): Promise<T[]>;
  /** A line shown between questions (section titles, values filled by a preset). */
  note(text: string): void;
}

/**
 * The answer that reopens the previous question: `<` (or `retour`) typed at a text or o/n question;
 * in a list, the last choice « ← Question précédente ». Session questions (type, file) have none.
 */
export const BACK = '<';
const BACK_CHOICE = '← Question précédente';

export function isBack(text: string): boolean {
  return /^(<|retour)$/i.test(text.trim());
}

/** The user asked for the previous question (see `BACK`). */
export class GoBack extends Error {
  constructor() {
    super('Question précédente');
    this.name = 'GoBack';
  }
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

/** The line that ends a text typed line by line. */
const END_OF_TEXT = '.';

/**
 * Reads a text line by line from the terminal, without an editor: one readline for the whole text,
 * so that pasted lines are all kept (a prompt per line would drop what arrives between prompts).
 * Ends at a line holding only « . »; asked again, with the reason, while `check` refuses it.
 */
async function readLines(q: Question & { default?: string }, output: (text: string) => void, check: (text: string) => true | string): Promise<string> {
  const { createInterface } = await import('node:readline');
  // On a terminal, read in raw mode as inquirer does: Ctrl-C is then a key the reader sees ('SIGINT'
  // below), ending the question like Ctrl-C in any other prompt (the wizard offers to keep the
  // draft), rather than a signal that ends the process. Pasted lines arrive as typed lines. Set up
  // before the question is shown, so that nothing typed as soon as it shows is read otherwise.
  const reader = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  if (q.help) output(HELP_STYLE(`  ${q.help}`));
  output(`? ${q.message}`);
  output(
    HELP_STYLE(
      `  Tapez ou collez le texte ; une ligne vide sépare deux paragraphes. Terminez par une ligne « ${END_OF_TEXT} » seule${q.default ? ' (« . » d’emblée garde le texte actuel)' : q.optional ? ' (« . » d’emblée passe la question)' : ''}, ou « < » seul pour la question précédente.`,
    ),
  );
  const lines: string[] = [];
  try {
    for (;;) {
      const text = await new Promise<string | undefined>((resolve, reject) => {
        const onLine = (line: string) => {
          if (line.trim() === END_OF_TEXT || (lines.length === 0 && isBack(line))) {
            cleanup();
            resolve(isBack(line) ? line.trim() : lines.length === 0 && q.default ? q.default : lines.join('\n'));
          } else lines.push(line);
        };
        const onClose = () => {
          cleanup();
          reject(new WizardAborted());
        };
        const onInterrupt = () => {
          cleanup();
          reject(new WizardAborted());
        };
        const cleanup = () => {
          reader.off('line', onLine);
          reader.off('close', onClose);
          reader.off('SIGINT', onInterrupt);
        };
        reader.on('line', onLine);
        reader.on('close', onClose);
        reader.on('SIGINT', onInterrupt);
      });
      const verdict = check(text ?? '');
      if (verdict === true) return text ?? '';
      output(`  ✗ ${verdict}`);
      lines.length = 0;
    }
  } finally {
    reader.close();
  }
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
  const canGoBack = (q: Question) => q.kind !== 'session';
  const back = Symbol('back');
  return {
    async input(q) {
      const text = await ask<string>(q, {
        type: 'input',
        default: q.default,
        validate: (answer: string) => (canGoBack(q) && isBack(answer) ? true : q.validate ? q.validate(answer) : true),
      });
      if (canGoBack(q) && isBack(text)) throw new GoBack();
      return text;
    },
    async editor(q) {
      const check = (answer: string) => (canGoBack(q) && isBack(answer) ? true : q.validate ? q.validate(answer) : true);
      let text: string;
      if (process.env.VISUAL || process.env.EDITOR) {
        output(HELP_STYLE(`  Le texte s’ouvre dans votre éditeur ; une ligne vide sépare deux paragraphes. Enregistrez et fermez pour valider${q.optional ? ' (un texte vide passe la question)' : ''}.`));
        text = await ask<string>(q, { type: 'editor', default: q.default, postfix: '.txt', waitForUserInput: true, validate: check });
      } else {
        text = await readLines(q, output, check);
      }
      if (canGoBack(q) && isBack(text)) throw new GoBack();
      return text.replace(/\s+$/, '');
    },
    // inquirer's confirm only knows y/n: a French o/n is an input read with `parseYesNo`.
    async confirm(q) {
      const text = await ask<string>(
        { ...q, message: `${q.message} ${q.default ? '(O/n)' : '(o/N)'}` },
        {
          type: 'input',
          validate: (answer: string) =>
            (canGoBack(q) && isBack(answer)) || parseYesNo(answer, q.default) !== undefined ? true : 'Répondez o (oui) ou n (non), ou < pour la question précédente.',
        },
      );
      if (canGoBack(q) && isBack(text)) throw new GoBack();
      return parseYesNo(text, q.default)!;
    },
    async select<T>(q: Question & { choices: Choice<T>[]; default?: T }) {
      const choices = canGoBack(q) ? [...q.choices, { value: back as unknown as T, name: BACK_CHOICE }] : q.choices;
      const answer = await ask<T>(q, { type: 'select', choices, default: q.default, pageSize: 12 });
      if ((answer as unknown) === back) throw new GoBack();
      return answer;
    },
    async checkbox<T>(q: Question & { choices: Choice<T>[]; validate?: (values: T[]) => true | string }) {
      const choices = canGoBack(q) ? [...q.choices, { value: back as unknown as T, name: BACK_CHOICE }] : q.choices;
      const answer = await ask<T[]>(q, {
        type: 'checkbox',
        choices,
        pageSize: 12,
        validate: (checked: readonly { value: T }[]) => {
          const values = checked.map((c) => c.value);
          if (values.includes(back as unknown as T)) return true;
          return q.validate ? q.validate(values) : true;
        },
      });
      if (answer.includes(back as unknown as T)) throw new GoBack();
      return answer;
    },
    note: (text) => output(text),
  };
}
