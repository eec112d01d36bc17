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
  const templates = new Map<string, TemplateDelegate>();
  for (const [name, source] of sources) {
    const spec = precompiled.get(name);
    // Both defer the work to the first call: only the templates a document uses are evaluated or
    // compiled. The spec is code the build wrote into dist/, trusted as the bundle's code is.
    const template = spec
      ? deferred(() => hb.template(new Function(`return (${spec});`)() as TemplateSpecification))
      : (hb as typeof HandlebarsCompiler).compile(source.text, { ...COMPILE_OPTIONS });
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

  return {
    has: (name) => sources.has(name),
    render(model) {
      const view = escapeView(model) as DocumentModel;
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
    // Handlebars' strict mode names the missing field and the line: keep that, add the template.
    throw new RenderError(`gabarit « ${name} » : ${(error as Error).message.split('\n')[0]}`, 'gabarit-invalide');
  }
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

function escapeView(value: unknown): unknown {
  if (typeof value === 'string') return escapeMarkdown(value);
  if (Array.isArray(value)) return value.map(escapeView);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeView(v)]));
  }
  return value;
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
