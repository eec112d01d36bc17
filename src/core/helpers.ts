/**
 * Handlebars helpers: French agreement and references, computed in one place. Every helper returns
 * Markdown-safe text (its inputs are already escaped strings from the view).
 */
import type { HelperDelegate, HelperOptions } from 'handlebars';
import { articleNumber, capitalize, numberInWords, withA, withArticle, withDe } from './french.js';
import type { AnnexView, ArticleView, PartyView } from './model.js';
import { RenderError } from './errors.js';

/** Per-render state shared by helpers through Handlebars' `@data`. */
export interface RenderState {
  articles: ArticleView[];
  annexes: AnnexView[];
  /** The article whose body is being rendered (set by the `corps` helper). */
  currentArticle: ArticleView | null;
  /** Last sub-article number given, by article number. */
  subArticles: Map<number, number>;
}

export function state(options: HelperOptions): RenderState {
  return (options.data as { state: RenderState }).state;
}

function partyWord(party: PartyView, options: HelperOptions): string {
  const form = (options.hash as { forme?: string }).forme ?? 'sigle';
  if (form === 'court') return party.nomCourt;
  if (form === 'nom') return party.nom;
  if (form === 'sigle') return party.sigle;
  throw new RenderError(`forme « ${form} » inconnue (attendu : sigle, court ou nom)`, 'gabarit-helper');
}

function requireParty(value: unknown, helper: string): PartyView {
  if (!value || typeof value !== 'object' || !('feminin' in value) || !('sigle' in value)) {
    throw new RenderError(`le helper « ${helper} » attend une partie`, 'gabarit-helper');
  }
  return value as PartyView;
}

const partyHelper =
  (name: string, build: (word: string, feminine: boolean, noArticle: boolean) => string): HelperDelegate =>
  (party: unknown, options: HelperOptions) => {
    const p = requireParty(party, name);
    return build(partyWord(p, options), p.feminin, p.sansArticle);
  };

export const helpers: Record<string, HelperDelegate> = {
  le: partyHelper('le', withArticle),
  Le: partyHelper('Le', (w, f, n) => capitalize(withArticle(w, f, n))),
  du: partyHelper('du', withDe),
  au: partyHelper('au', withA),
  accord(party: unknown, masculine: string, feminine: string) {
    return requireParty(party, 'accord').feminin ? feminine : masculine;
  },
  ref(id: string, options: HelperOptions) {
    const article = state(options).articles.find((a) => a.id === id);
    if (!article) throw new RenderError(`renvoi à l'article « ${id} », absent de cette convention`, 'renvoi-article-absent');
    return `article ${articleNumber(article.numero)}`;
  },
  annexe(id: string, options: HelperOptions) {
    const annex = state(options).annexes.find((a) => a.id === id);
    if (!annex) throw new RenderError(`renvoi à l'annexe « ${id} », absente de cette convention`, 'renvoi-annexe-absente');
    return `annexe ${annex.numero}`;
  },
  aAnnexe(id: string, options: HelperOptions) {
    return state(options).annexes.some((a) => a.id === id);
  },
  sousArticle(title: string, options: HelperOptions) {
    const article = state(options).currentArticle;
    if (!article) throw new RenderError('sousArticle employé hors d’un article', 'gabarit-helper');
    const counters = state(options).subArticles;
    const next = (counters.get(article.numero) ?? 0) + 1;
    counters.set(article.numero, next);
    return `### ${article.numero}.${next} ${title}`;
  },
  enLettres: (n: unknown) => numberInWords(Number(n)),
  numeroArticle: (n: unknown) => articleNumber(Number(n)),
  eq: (a: unknown, b: unknown) => a === b,
  inclut: (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value),
  concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
};
