/**
 * Stage 4, render: the document model through the Handlebars templates of its type, giving the
 * Markdown that `docx.ts` turns into Word structures. Strings from the YAML are escaped for Markdown
 * before the templates see them, so a value is always printed literally.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HelperOptions, TemplateDelegate } from 'handlebars';
import type HandlebarsCompiler from 'handlebars';
import * as runtimeModule from 'handlebars/runtime.js';
import { PACKAGE_ROOT, readTemplates, TEMPLATES_DIR, type TemplateSource } from './assets.js';
import { RenderError } from './errors.js';
import { helpers, state, type RenderState } from './helpers.js';
import type { AnnexView, ArticleView, DocumentModel } from './model.js';

/**
 * Handlebars without its compiler, enough for precompiled templates. Its declarations type it as an
 * empty module; it is the package's runtime build, whose API is the compiler's minus `compile`.
 */
const Handlebars = (runtimeModule as unknown as { default: typeof HandlebarsCompiler }).default;

const SKELETON = 'common/document';
const SEPARATE_ANNEX_SKELETON = 'common/annexe-separee';

/**
 * How every template is compiled, at build time (scripts/build-assets.mjs) as at run time. Frozen:
 * `Handlebars.precompile` adds defaults to the options it is given, which would change their hash.
 */
export const COMPILE_OPTIONS: Readonly<CompileOptions> = Object.freeze({ strict: true, noEscape: true, preventIndent: true });
type CompileOptions = NonNullable<Parameters<typeof HandlebarsCompiler.precompile>[1]>;

/**
 * Where the build writes the bundled templates precompiled (Handlebars.precompile): rendering
 * with them needs only Handlebars' runtime, not its compiler, and no compiling at start. They are
 * used only where their hash matches the template on disk (see `templateSourceHash`); overlays
 * (`render --templates`) and templates edited since the build are compiled at run time.
 *
 * JSON holding each template's code as text, rather than a module: a module of all 87 templates
 * (460 kB) costs V8 some 10 ms to parse at every start, when a document uses a third of them; a
 * template's code is evaluated on its first use only.
 */
export const PRECOMPILED_TEMPLATES_FILE = join(PACKAGE_ROOT, 'dist', 'templates', 'precompiled.json');

/** A precompiled template: the code of the spec `Handlebars.template` takes, and the hash of what it came from. */
export interface PrecompiledTemplate {
  sourceHash: string;
  /** A JavaScript expression (Handlebars.precompile's output): an object with the template's functions. */
  spec: string;
}
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/**
 * The hash a precompiled template must carry to stand for `text`: the compile options and the
 * Handlebars version take part, so changing either makes the build's output stale, never wrong.
 */
export function templateSourceHash(text: string): string {
  return createHash('sha256').update(Handlebars.VERSION).update('\0').update(JSON.stringify(COMPILE_OPTIONS)).update('\0').update(text).digest('hex');
}

/** The build's precompiled templates by name, or none (sources run without a build). */
function precompiledTemplates(): Record<string, PrecompiledTemplate> {
  try {
    return JSON.parse(readFileSync(PRECOMPILED_TEMPLATES_FILE, 'utf8')) as Record<string, PrecompiledTemplate>;
  } catch {
    return {};
  }
}

/**
 * Bounds on the work of one render, for templates are code and an overlay (`--templates`) comes
 * from elsewhere: `{{#each}}` nested eight deep over the articles, or a partial including itself
 * twice, would run for minutes and fill gigabytes. Counted, not timed, so the same render always
 * stops at the same point: a step is a helper call, a block body run (each `{{#each}}` iteration)
 * or a template included; the characters are those returned by each of these, counted at every
 * level they pass through. Both bounds grow with the model, so that a large convention (thousands
 * of referents, a value of a megabyte) renders, while a template whose work grows as a power of
 * the model's size is stopped. Measured on the bundled templates: under 1 step per element of the
 * model (a string, a number, a list or object, an item); some 250 000 characters for a document,
 * mostly the clauses' own text, and under 22 characters per character of the model even when a
 * party's acronym, repeated on every page, is 100 000 characters long. The bounds are many times that.
 */
const MAX_STEPS_BASE = 100_000;
const MAX_STEPS_PER_MODEL_ELEMENT = 10;
const MAX_CHARACTERS_BASE = 16_000_000;
const MAX_CHARACTERS_PER_MODEL_CHARACTER = 64;

interface TemplateBudget {
  steps: number;
  characters: number;
  readonly maxSteps: number;
  readonly maxCharacters: number;
  /** The templates being run, innermost last: an error names the innermost. */
  readonly running: string[];
}

function budgetFor(view: unknown): TemplateBudget {
  let elements = 0;
  let characters = 0;
  const walk = (value: unknown): void => {
    elements++;
    if (typeof value === 'string') characters += value.length;
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(view);
  return {
    steps: 0,
    characters: 0,
    maxSteps: MAX_STEPS_BASE + MAX_STEPS_PER_MODEL_ELEMENT * elements,
    maxCharacters: MAX_CHARACTERS_BASE + MAX_CHARACTERS_PER_MODEL_CHARACTER * characters,
    running: [],
  };
}

function overBudget(budget: TemplateBudget, what: string): RenderError {
  const name = budget.running.at(-1) ?? SKELETON;
  return new RenderError(
    `gabarit « ${name} » : ${what}, rendu arrêté ({{#each}} imbriqués, inclusions en cascade ou texte redoublé font croître le travail bien plus vite que la convention)`,
    'gabarit-demesure',
  );
}

function spendStep(budget: TemplateBudget): void {
  if (++budget.steps > budget.maxSteps) throw overBudget(budget, `plus de ${budget.maxSteps} étapes d'exécution pour cette convention`);
}

function spendText<T>(budget: TemplateBudget, result: T): T {
  if (typeof result === 'string' && (budget.characters += result.length) > budget.maxCharacters) {
    throw overBudget(budget, `plus de ${budget.maxCharacters} caractères produits pour cette convention`);
  }
  return result;
}

/** A template made on its first call (Handlebars calls partials, as templates, with the same two arguments). */
function deferred(make: () => TemplateDelegate): TemplateDelegate {
  let template: TemplateDelegate | undefined;
  return (context, options) => (template ??= make())(context, options);
}

/** The convention's Markdown, and that of each annex written as a document of its own. */
export interface RenderedDocument {
  document: string;
  annexes: { numero: number; titre: string; markdown: string }[];
}

export interface TemplateSet {
  render(model: DocumentModel): RenderedDocument;
  has(name: string): boolean;
}

/**
 * The bundled templates (precompiled by the build where current), overlaid by the folders given
 * (same name wins, last first).
 */
export async function loadTemplateSet(overlays: readonly string[] = []): Promise<TemplateSet> {
  const sources = new Map<string, TemplateSource>();
  for (const root of [TEMPLATES_DIR, ...overlays]) for (const source of readTemplates(root)) sources.set(source.name, source);
  const built = precompiledTemplates();
  const precompiled = new Map<string, string>();
  for (const [name, source] of sources) {
    const entry = Object.hasOwn(built, name) ? built[name] : undefined;
    if (entry && entry.sourceHash === templateSourceHash(source.text)) precompiled.set(name, entry.spec);
  }
  // The compiler (several times the runtime's size) is loaded only when a template needs it.
  const hb = precompiled.size === sources.size ? Handlebars.create() : (await import('handlebars')).default.create();
  // The budget of the render under way: renders are synchronous, so one at a time per set.
  let budget: TemplateBudget | null = null;
  const bounded = (name: string, template: TemplateDelegate): TemplateDelegate =>
    function (this: unknown, context, options) {
      if (!budget) return template.call(this, context, options);
      spendStep(budget);
      budget.running.push(name);
      try {
        return spendText(budget, template.call(this, context, options));
      } catch (error) {
        // The innermost template names the mistake: a partial's, not the document's that includes it.
        throw error instanceof RenderError ? error : templateError(name, error);
      } finally {
        budget.running.pop();
      }
    };
  /** A block body (`options.fn`, `options.inverse`) that spends a step and its text on each run. */
  const boundedBlocks = new WeakSet<object>();
  const boundedBlock = (block: unknown): unknown => {
    if (typeof block !== 'function' || boundedBlocks.has(block)) return block;
    const run = function (this: unknown, ...args: unknown[]) {
      if (!budget) return block.apply(this, args);
      spendStep(budget);
      return spendText(budget, block.apply(this, args));
    };
    boundedBlocks.add(run);
    return run;
  };
  const templates = new Map<string, TemplateDelegate>();
  for (const [name, source] of sources) {
    const spec = precompiled.get(name);
    // Both defer the work to the first call: only the templates a document uses are evaluated or
    // compiled. The spec is code the build wrote into dist/, trusted as the bundle's code is.
    const template = bounded(
      name,
      spec
        ? deferred(() => hb.template(new Function(`return (${spec});`)() as TemplateSpecification))
        : (hb as typeof HandlebarsCompiler).compile(source.text, { ...COMPILE_OPTIONS }),
    );
    templates.set(name, template);
    // Registered compiled, not as text: a partial given as text would be compiled by the runtime
    // with the options of the template calling it, and precompiled templates carry none.
    hb.registerPartial(name, template);
  }
  const named = (name: string): TemplateDelegate => {
    const template = templates.get(name);
    if (!template) throw new RenderError(`gabarit « ${name} » introuvable`, 'gabarit-introuvable');
    return template;
  };
  hb.registerHelper(helpers);
  hb.registerHelper('corps', function (this: unknown, name: string, options: HelperOptions) {
    const hash = options.hash as { article?: ArticleView; annexe?: AnnexView };
    const s = state(options);
    const previous = s.currentArticle;
    if (hash.article) s.currentArticle = hash.article;
    try {
      return runTemplate(name, named(name), { ...(options.data as { root: object }).root, ...hash }, options.data);
    } finally {
      s.currentArticle = previous;
    }
  });
  // Every helper, Handlebars' own (each, if, with, lookup…) included, spends a step per call and a
  // step per run of its block, and the text it returns: no loop or recursion escapes the budget.
  for (const [name, helper] of Object.entries(hb.helpers) as [string, (...args: unknown[]) => unknown][]) {
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      if (!budget) return helper.apply(this, args);
      spendStep(budget);
      const options = args.at(-1) as HelperOptions | undefined;
      if (options && typeof options === 'object' && typeof options.fn === 'function') {
        args[args.length - 1] = { ...options, fn: boundedBlock(options.fn), inverse: boundedBlock(options.inverse) };
      }
      return spendText(budget, helper.apply(this, args));
    });
  }

  return {
    has: (name) => sources.has(name),
    render(model) {
      const view = escapeView(model) as DocumentModel;
      // A fresh budget for each render (one left by a render that failed is simply replaced).
      budget = budgetFor(view);
      const pick = (candidates: string[], what: string): string => {
        const found = candidates.find((c) => sources.has(c));
        if (!found) throw new RenderError(`aucun gabarit pour ${what} (cherché : ${candidates.join(', ')})`, 'gabarit-introuvable');
        return found;
      };
      const articles = view.articles.map((a) => ({ ...a, partial: pick(a.candidats, `l'article « ${a.id} »`) }));
      const renderState: RenderState = { articles, annexes: view.annexes, currentArticle: null, subArticles: new Map() };
      const root = {
        ...view,
        articles,
        preambule: pick(view.preambule, 'le préambule'),
        blocFinal: view.blocFinal === null ? null : pick([view.blocFinal], 'le bloc final'),
      };
      const document = tidy(runTemplate(SKELETON, named(SKELETON), root, { state: renderState }));
      const annexes = view.annexes
        .filter((annexe) => annexe.partial !== null && annexe.separee)
        .map((annexe) => ({
          numero: annexe.numero,
          titre: annexe.titre,
          markdown: tidy(runTemplate(SEPARATE_ANNEX_SKELETON, named(SEPARATE_ANNEX_SKELETON), { ...root, annexe }, { state: renderState })),
        }));
      return { document, annexes };
    },
  };
}

function runTemplate(name: string, template: TemplateDelegate, context: object, data: object): string {
  try {
    return template(context, { data, allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  } catch (error) {
    if (error instanceof RenderError) throw error;
    throw templateError(name, error);
  }
}

/**
 * Handlebars' errors, said in French with the template that holds the mistake and its line: what
 * strict mode reports (a field or a helper that does not exist), a partial not found, a syntax
 * error found when a template is first compiled. Anything else keeps its first line.
 */
export function templateError(name: string, error: unknown): RenderError {
  const message = error instanceof Error ? error.message : String(error);
  let match = /^"([^"]*)" not defined in .* - (\d+):(\d+)$/s.exec(message);
  if (match) {
    return new RenderError(
      `gabarit « ${name} », ligne ${match[2]}, colonne ${Number(match[3]) + 1} : « ${match[1]} » n'existe ni dans le modèle ni parmi les fonctions des gabarits`,
      'gabarit-invalide',
    );
  }
  match = /^The partial (.*) could not be found$/s.exec(message);
  if (match) return new RenderError(`gabarit « ${name} » : gabarit « ${match[1]} » introuvable`, 'gabarit-introuvable');
  match = /^Parse error on line (\d+)/.exec(message) ?? /^(?:.* )?- (\d+):\d+$/m.exec(message);
  if (match) return new RenderError(`gabarit « ${name} » : syntaxe Handlebars invalide, ligne ${match[1]}`, 'gabarit-invalide');
  match = /^Missing helper: "([^"]*)"/.exec(message);
  if (match) return new RenderError(`gabarit « ${name} » : fonction « ${match[1]} » inconnue`, 'gabarit-invalide');
  return new RenderError(`gabarit « ${name} » : ${message.split('\n')[0]}`, 'gabarit-invalide');
}

/** Collapses the blank lines left by optional blocks: no empty paragraph reaches the document. */
function tidy(markdown: string): string {
  return markdown.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

/**
 * Characters that Markdown (or our containers) would interpret inside a value. Backslash escapes
 * are valid before any ASCII punctuation, so over-escaping is harmless.
 */
const INLINE_SPECIAL = /[\\`*_[\]<>|~#&!]/g;
/** A line starting like a list item or a container fence; a backslash escapes punctuation only. */
const LINE_START_SPECIAL = /^(\s*)(?:([-+:=])|(\d+)([.)]))/gm;
/**
 * A line starting with a space or a tab: after a blank line, Markdown reads four spaces or a tab
 * as a code block. A space cannot be escaped by a backslash: the first one is written as a
 * character reference, which docx.ts reads back (after the inline escapes, so that its `&` stays).
 */
const LINE_START_SPACE = /^[ \t]/gm;

export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_SPECIAL, '\\$&')
    .replace(LINE_START_SPECIAL, (_m, space: string, mark?: string, digits?: string, delimiter?: string) =>
      mark ? `${space}\\${mark}` : `${space}${digits}\\${delimiter}`,
    )
    .replace(LINE_START_SPACE, (space) => (space === ' ' ? '&#32;' : '&#9;'));
}

/**
 * The model with its strings escaped. An object the model holds in several places (a party is in
 * `parties`, at its place, among the referents' and signatories' parties) is escaped once.
 */
function escapeView(value: unknown, done = new Map<object, unknown>()): unknown {
  if (typeof value === 'string') return escapeMarkdown(value);
  if (!value || typeof value !== 'object') return value;
  const known = done.get(value);
  if (known !== undefined) return known;
  const escaped = Array.isArray(value)
    ? value.map((item) => escapeView(item, done))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeView(v, done)]));
  done.set(value, escaped);
  return escaped;
}

const templateSets = new Map<string, Promise<TemplateSet>>();

/**
 * The bundled templates overlaid by `overlays`, compiled once per process and per set of overlays:
 * a batch of documents does not read and compile its templates again for each one.
 */
export function templatesFor(overlays: readonly string[] = []): Promise<TemplateSet> {
  const key = overlays.join('\0');
  let set = templateSets.get(key);
  if (!set) {
    set = loadTemplateSet(overlays);
    templateSets.set(key, set);
    // A set that failed (an overlay folder missing) is not kept: the next call says why again.
    set.catch(() => templateSets.delete(key));
  }
  return set;
}

/** Renders a model with a set of templates (`templatesFor()` gives the bundled ones). */
export function renderMarkdown(model: DocumentModel, templates: TemplateSet): RenderedDocument {
  return templates.render(model);
}
