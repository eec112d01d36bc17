/**
 * Handlebars helpers: French agreement and references, computed in one place. Every helper returns
 * Markdown-safe text (its inputs are already escaped strings from the view).
 */
import type { HelperDelegate, HelperOptions } from 'handlebars';
import { paragraphs } from './compose.js';
import { articleNumber, capitalize, dateInWords, numberInWords, oneOrMore, withA, withArticle, withDe } from './french.js';
import type { AnnexView, ArticleView, DesignationData, DesignationView } from './model.js';
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

/** A party, several parties named together, or a designation of the YAML ({singulier, pluriel, genre}). */
interface Named {
  word: string;
  feminine: boolean;
  noArticle: boolean;
  /** The plural without article, when the name stands for several (or the YAML gives one). */
  plural: string | null;
  /** Names several parties together: the singular forms give the plural. */
  several: boolean;
}

function named(value: unknown, helper: string, options: HelperOptions): Named {
  if (value && typeof value === 'object' && 'feminin' in value && 'sigle' in value) {
    const party = value as DesignationView;
    const form = (options.hash as { forme?: string }).forme ?? 'sigle';
    const word = form === 'court' ? party.nomCourt : form === 'nom' ? party.nom : form === 'sigle' ? party.sigle : undefined;
    if (word === undefined) throw new RenderError(`forme « ${form} » inconnue (attendu : sigle, court ou nom)`, 'gabarit-helper');
    return { word, feminine: party.feminin, noArticle: party.sansArticle, plural: party.pluriel ?? null, several: party.plusieurs === true };
  }
  if (value && typeof value === 'object' && 'singulier' in value && 'genre' in value) {
    const data = value as DesignationData;
    return { word: data.singulier, feminine: data.genre === 'féminin', noArticle: false, plural: data.pluriel ?? null, several: false };
  }
  throw new RenderError(`le helper « ${helper} » attend une partie ou une désignation`, 'gabarit-helper');
}

/** « la CPAM »…, or for several parties named together « les Missions Locales signataires ». */
const singularHelper =
  (name: string, build: (word: string, feminine: boolean, noArticle: boolean) => string, plural: (words: string) => string): HelperDelegate =>
  (value: unknown, options: HelperOptions) => {
    const n = named(value, name, options);
    return n.several ? plural(n.plural!) : build(n.word, n.feminine, n.noArticle);
  };

/** « les Missions Locales », « des structures locales de France Travail »: needs a plural. */
const pluralHelper =
  (name: string, build: (words: string) => string): HelperDelegate =>
  (value: unknown, options: HelperOptions) => {
    const n = named(value, name, options);
    if (n.plural === null) throw new RenderError(`le helper « ${name} » attend une désignation qui a un pluriel`, 'gabarit-helper');
    return build(n.plural);
  };

/** « La Mission Locale », or « Chaque Mission Locale signataire » for several parties: a singular subject. */
const eachHelper =
  (capital: boolean): HelperDelegate =>
  (value: unknown, options: HelperOptions) => {
    const n = named(value, capital ? 'Chaque' : 'chaque', options);
    const text = n.several ? `chaque ${n.word}` : withArticle(n.word, n.feminine, n.noArticle);
    return capital ? capitalize(text) : text;
  };

/** Handlebars' truthiness: an empty list is false, as `{{#if}}` reads it. */
const truthy = (value: unknown) => (Array.isArray(value) ? value.length > 0 : Boolean(value));

/** A value of the model by dotted path, from the root. */
function rootValue(options: HelperOptions, path: string): unknown {
  let node: unknown = (options.data as { root: { donnees: unknown } }).root.donnees;
  for (const key of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

export const helpers: Record<string, HelperDelegate> = {
  le: singularHelper('le', withArticle, (w) => `les ${w}`),
  Le: singularHelper('Le', (w, f, n) => capitalize(withArticle(w, f, n)), (w) => `Les ${w}`),
  du: singularHelper('du', withDe, (w) => `des ${w}`),
  au: singularHelper('au', withA, (w) => `aux ${w}`),
  les: pluralHelper('les', (w) => `les ${w}`),
  Les: pluralHelper('Les', (w) => `Les ${w}`),
  des: pluralHelper('des', (w) => `des ${w}`),
  aux: pluralHelper('aux', (w) => `aux ${w}`),
  /** « une ou des Missions Locales », « un ou des CCAS »: the indefinite article agrees with the noun. */
  unOuDes(value: unknown, options: HelperOptions) {
    const n = named(value, 'unOuDes', options);
    if (n.plural === null) throw new RenderError('le helper « unOuDes » attend une désignation qui a un pluriel', 'gabarit-helper');
    return oneOrMore(n.plural, n.feminine);
  },
  chaque: eachHelper(false),
  Chaque: eachHelper(true),
  accord(value: unknown, masculine: string, feminine: string, options: HelperOptions) {
    return named(value, 'accord', options).feminine ? feminine : masculine;
  },
  ref(id: string, options: HelperOptions) {
    const article = state(options).articles.find((a) => a.id === id);
    if (!article) throw new RenderError(`renvoi à l'article « ${id} », absent de cette convention`, 'renvoi-article-absent');
    return `article ${articleNumber(article.numero)}`;
  },
  /** « à l'article 2 », « aux articles 2, 3 et 4 »: every article made from one catalogue entry. */
  renvoiA(source: string, options: HelperOptions) {
    const numbers = state(options).articles.filter((a) => a.source === source).map((a) => a.numero);
    if (numbers.length === 0) throw new RenderError(`renvoi aux articles « ${source} », absents de cette convention`, 'renvoi-article-absent');
    return numbers.length === 1 ? `à l'article ${numbers[0]}` : `aux articles ${numbers.slice(0, -1).join(', ')} et ${numbers[numbers.length - 1]}`;
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
  /** The catalogue's text for the value of a rubrique with fixed values: {{libelle "suivi.frequence"}}. */
  libelle(path: string, options: HelperOptions) {
    const value = rootValue(options, path);
    const table = (options.data as { root: { libelles: Record<string, Record<string, string> | undefined> } }).root.libelles[path];
    const text = table && typeof value === 'string' && Object.hasOwn(table, value) ? table[value] : undefined;
    if (text === undefined) throw new RenderError(`pas de libellé pour « ${path} » = ${JSON.stringify(value)} (catalogue, rubrique libelles)`, 'gabarit-helper');
    return text;
  },
  /** Paragraphs of a text of the YAML (a blank line separates two); none for an absent text. */
  paragraphes: (text: unknown) => (typeof text === 'string' ? paragraphs(text) : []),
  /** « 2 décembre 2022 » for 2022-12-02. */
  dateEnLettres: (date: unknown) => {
    if (typeof date !== 'string') throw new RenderError('dateEnLettres attend une date AAAA-MM-JJ', 'gabarit-helper');
    return dateInWords(date);
  },
  enLettres: (n: unknown) => numberInWords(Number(n)),
  numeroArticle: (n: unknown) => articleNumber(Number(n)),
  eq: (a: unknown, b: unknown) => a === b,
  inclut: (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value),
  /** More than one element: « Il pourra s'agir : » rather than « Il s'agira : ». */
  plusieurs: (list: unknown) => Array.isArray(list) && list.length > 1,
  et: (...args: unknown[]) => args.slice(0, -1).every(truthy),
  ou: (...args: unknown[]) => args.slice(0, -1).some(truthy),
  non: (value: unknown) => !truthy(value),
  concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
};
