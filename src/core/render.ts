/**
 * Stage 4, render: the document model through the Handlebars templates of its type, giving the
 * Markdown that `docx.ts` turns into Word structures. Strings from the YAML are escaped for Markdown
 * before the templates see them, so a value is always printed literally.
 */
import Handlebars, { type HelperOptions } from 'handlebars';
import { readTemplates, TEMPLATES_DIR, type TemplateSource } from './assets.js';
import { RenderError } from './errors.js';
import { helpers, state, type RenderState } from './helpers.js';
import type { AnnexView, ArticleView, DocumentModel } from './model.js';

const SKELETON = 'common/document';
const SEPARATE_ANNEX_SKELETON = 'common/annexe-separee';

/** The convention's Markdown, and that of each annex written as a document of its own. */
export interface RenderedDocument {
  document: string;
  annexes: { numero: number; titre: string; markdown: string }[];
}

export interface TemplateSet {
  render(model: DocumentModel): RenderedDocument;
  has(name: string): boolean;
}

/** Compiles the bundled templates, overlaid by the folders given (same name wins, last first). */
export function loadTemplateSet(overlays: readonly string[] = []): TemplateSet {
  const sources = new Map<string, TemplateSource>();
  for (const root of [TEMPLATES_DIR, ...overlays]) for (const source of readTemplates(root)) sources.set(source.name, source);
  const hb = Handlebars.create();
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const compile = (name: string): Handlebars.TemplateDelegate => {
    let template = compiled.get(name);
    if (!template) {
      const source = sources.get(name);
      if (!source) throw new RenderError(`gabarit « ${name} » introuvable`, 'gabarit-introuvable');
      template = hb.compile(source.text, { strict: true, noEscape: true, preventIndent: true });
      compiled.set(name, template);
    }
    return template;
  };
  for (const [name, source] of sources) hb.registerPartial(name, source.text);
  hb.registerHelper(helpers);
  hb.registerHelper('corps', function (this: unknown, name: string, options: HelperOptions) {
    const hash = options.hash as { article?: ArticleView; annexe?: AnnexView };
    const s = state(options);
    const previous = s.currentArticle;
    if (hash.article) s.currentArticle = hash.article;
    try {
      return runTemplate(name, compile(name), { ...(options.data as { root: object }).root, ...hash }, options.data);
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
      const document = tidy(runTemplate(SKELETON, compile(SKELETON), root, { state: renderState }));
      const annexes = view.annexes
        .filter((annexe) => annexe.partial !== null && annexe.separee)
        .map((annexe) => ({
          numero: annexe.numero,
          titre: annexe.titre,
          markdown: tidy(runTemplate(SEPARATE_ANNEX_SKELETON, compile(SEPARATE_ANNEX_SKELETON), { ...root, annexe }, { state: renderState })),
        }));
      return { document, annexes };
    },
  };
}

function runTemplate(name: string, template: Handlebars.TemplateDelegate, context: object, data: object): string {
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

export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_SPECIAL, '\\$&')
    .replace(LINE_START_SPECIAL, (_m, space: string, mark?: string, digits?: string, delimiter?: string) =>
      mark ? `${space}\\${mark}` : `${space}${digits}\\${delimiter}`,
    );
}

function escapeView(value: unknown): unknown {
  if (typeof value === 'string') return escapeMarkdown(value);
  if (Array.isArray(value)) return value.map(escapeView);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeView(v)]));
  }
  return value;
}

const templateSets = new Map<string, TemplateSet>();

/**
 * The bundled templates overlaid by `overlays`, compiled once per process and per set of overlays:
 * a batch of documents does not read and compile its templates again for each one.
 */
export function templatesFor(overlays: readonly string[] = []): TemplateSet {
  const key = overlays.join('\0');
  let set = templateSets.get(key);
  if (!set) {
    set = loadTemplateSet(overlays);
    templateSets.set(key, set);
  }
  return set;
}

/** Renders a model with the bundled templates, or the set given. */
export function renderMarkdown(model: DocumentModel, templates: TemplateSet = templatesFor()): RenderedDocument {
  return templates.render(model);
}
