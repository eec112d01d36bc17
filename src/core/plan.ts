/**
 * The plan of a document, from its type's catalogue and its YAML: which articles it has, in which
 * order and group, and which annexes. Validate uses it (references to articles, the articles a
 * condition keeps) as compose does, so both see the same document. Light: no French helpers.
 */
import { holds, valueAt, type Facts } from './conditions.js';
import type { Article, Catalogue } from './generated/catalogue.js';
import { REGIMES, type RgpdRegime } from './rgpd.js';

type Data = Record<string, unknown>;

export interface PlannedArticle {
  id: string;
  /** The catalogue entry it comes from (several articles for a repeated entry). */
  source: string;
  titre: string;
  /** Id of its group in the catalogue's `groupes`, or null. */
  groupe: string | null;
  /** Partial name it is written by, below `<type>/articles/` or `common/articles/`. */
  gabarit: string;
  parametres: Record<string, unknown>;
  /** The YAML list element a repeated article is made of; null for the others. */
  element: unknown;
  /** Last (or only) article made from its catalogue entry. */
  dernier: boolean;
}

/** Ids of a repeated entry's articles: the elements' `id`, or `<id>`, `<id>-2`, `<id>-3`… */
export function repeatedIds(entry: Article, elements: readonly unknown[]): string[] {
  return elements.map((element, index) => {
    const own = (element as { id?: unknown } | null)?.id;
    return typeof own === 'string' ? own : index === 0 ? entry.id : `${entry.id}-${index + 1}`;
  });
}

/** The articles kept, in catalogue order, each repeated entry replaced by its articles. */
export function planArticles(catalogue: Catalogue, modele: string, filled: Data, facts: Facts): PlannedArticle[] {
  const planned: PlannedArticle[] = [];
  // Plain loops and object literals: this runs for every document of a batch.
  for (const entry of catalogue.modeles[modele]?.articles ?? []) {
    if (!holds(entry.si, facts)) continue;
    const groupe = entry.groupe ?? null;
    const gabarit = entry.gabarit ?? entry.id;
    const parametres = (entry.parametres ?? {}) as Record<string, unknown>;
    if (!entry.repeter) {
      planned.push({ id: entry.id, source: entry.id, titre: entry.titre ?? entry.id, groupe, gabarit, parametres, element: null, dernier: true });
      continue;
    }
    const list = valueAt(filled, entry.repeter.split('.'));
    const elements = Array.isArray(list) ? list : [];
    const ids = repeatedIds(entry, elements);
    elements.forEach((element, index) => {
      const titre = String((element as { titre?: unknown }).titre ?? entry.titre ?? entry.id);
      planned.push({ id: ids[index]!, source: entry.id, titre, groupe, gabarit, parametres, element, dernier: index === elements.length - 1 });
    });
  }
  return planned;
}

/** « TITRE I : … » headings by group id, numbered in the order the kept articles open them. */
export function groupHeadings(catalogue: Catalogue, articles: readonly PlannedArticle[], filled: Data): Map<string, string> {
  const own = catalogue.titres_groupes ? (valueAt(filled, catalogue.titres_groupes.split('.')) as Record<string, unknown> | null) : null;
  const order = [...new Set(articles.map((a) => a.groupe).filter((g): g is string => g !== null))];
  return new Map(
    order.map((group, index) => {
      const title = typeof own?.[group] === 'string' ? (own[group] as string) : (catalogue.groupes?.[group] ?? group);
      return [group, `TITRE ${roman(index + 1)} : ${upperCase(title)}`];
    }),
  );
}

const upperCases = new Map<string, string>();

/** French capitals of a group's title, computed once per title (ICU's case mapping costs every document). */
function upperCase(text: string): string {
  let upper = upperCases.get(text);
  if (upper === undefined) {
    upper = text.toLocaleUpperCase('fr-FR');
    if (upperCases.size < 1000) upperCases.set(text, upper);
  }
  return upper;
}

function roman(n: number): string {
  const numerals: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let rest = n;
  let text = '';
  for (const [value, numeral] of numerals) {
    while (rest >= value) {
      text += numeral;
      rest -= value;
    }
  }
  return text;
}

export interface PlannedAnnex {
  id: string;
  titre: string;
  /** Partial that writes the annex, or null for a document the YAML supplies or joins separately. */
  gabarit: string | null;
  /**
   * How the annex reaches the reader: written by the tool (`redigee`), a file the YAML names
   * (`fichier`), a document handed over separately (`joint-separement`); null when the YAML says
   * neither for an annex the tool does not write (validate refuses it: annexe-non-fournie).
   */
  fourniture: 'redigee' | 'fichier' | 'joint-separement' | null;
  /** The file the YAML names, relative to the YAML's folder (`fourniture: 'fichier'`). */
  fichier: string | null;
  /** Its index in the YAML's `annexes` list, or null for an annex added of the catalogue's or a regime's accord. */
  element: number | null;
}

/** An element of the YAML's `annexes` list, as the schema admits it. */
export interface ListedAnnex {
  id?: string;
  titre?: string;
  fichier?: string;
  joint_separement?: boolean;
}

export function fillText(text: string, filled: Data): string {
  return text.replace(/\{([A-Za-z0-9_.-]+)\}/g, (whole, path: string) => {
    const value = valueAt(filled, path.split('.'));
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });
}

/**
 * The annexes, in the order of their numbers: those the YAML lists (catalogue ids or titled
 * documents of its own), those the catalogue joins of its own accord, then those the declared RGPD
 * regimes generate. Each says how it is provided; the text's citations take their numbers from here.
 */
export function planAnnexes(catalogue: Catalogue, filled: Data, regimes: readonly RgpdRegime[], facts: Facts, type: string): PlannedAnnex[] {
  const stock = catalogue.annexes ?? {};
  const partial = (name: string) => (name.includes('/') ? name : `${type}/annexes/${name}`);
  const supplied = (listed: ListedAnnex | undefined, gabarit: string | null): Pick<PlannedAnnex, 'fourniture' | 'fichier'> => {
    // An annex the tool writes stays the tool's (a file beside it is refused by validate).
    if (gabarit !== null) return { fourniture: 'redigee', fichier: null };
    if (typeof listed?.fichier === 'string') return { fourniture: 'fichier', fichier: listed.fichier };
    return { fourniture: listed?.joint_separement === true ? 'joint-separement' : null, fichier: null };
  };
  const fromStock = (id: string, listed: ListedAnnex | undefined, element: number | null): PlannedAnnex => {
    const entry = stock[id]!;
    const own = entry.titre_depuis ? valueAt(filled, entry.titre_depuis.split('.')) : undefined;
    const gabarit = entry.gabarit && holds(entry.gabarit_si, facts) ? partial(entry.gabarit) : null;
    return {
      id,
      titre: listed?.titre ?? (typeof own === 'string' ? own : entry.titre),
      gabarit,
      ...supplied(listed, gabarit),
      element,
    };
  };
  const listed = Array.isArray(filled.annexes) ? (filled.annexes as ListedAnnex[]) : [];
  const joined = listed.map((annex, index): PlannedAnnex =>
    typeof annex.id === 'string' && stock[annex.id]
      ? fromStock(annex.id, annex, index)
      : { id: `jointe-${annex.titre ?? index}`, titre: annex.titre ?? '', gabarit: null, ...supplied(annex, null), element: index },
  );
  const named = new Set(listed.map((annex) => annex.id));
  const always = Object.entries(stock)
    .filter(([id, entry]) => entry?.d_office === true && !named.has(id))
    .map(([id]) => fromStock(id, undefined, null));
  const generated = (Object.keys(REGIMES) as RgpdRegime[])
    .filter((regime) => regimes.includes(regime) && REGIMES[regime].annexe)
    .map((regime): PlannedAnnex => {
      const standard = REGIMES[regime].annexe!;
      const own = catalogue.rgpd[regime]?.annexe;
      return { id: standard.id, titre: fillText(own?.titre ?? standard.titre, filled), gabarit: partial(own?.gabarit ?? standard.gabarit), fourniture: 'redigee', fichier: null, element: null };
    });
  return [...joined, ...always, ...generated];
}

/** The regimes a convention declares (the schema's default standing for an absent rubrique). */
export function regimesOf(filled: Data): RgpdRegime[] {
  const regimes = valueAt(filled, ['rgpd', 'regimes']);
  return Array.isArray(regimes) ? (regimes as RgpdRegime[]) : [];
}
