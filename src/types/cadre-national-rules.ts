/**
 * Domain rules of the cadre-national type, apart from its compose step, so that `validate` loads neither
 * the compose code nor its dependencies (date-fns, the French helpers).
 */
import { readCatalogue } from '../core/assets.js';
import type { ArticlePlan } from '../core/compose.js';
import type { UnplacedProblem } from '../core/problem.js';
import { toPointer } from '../core/problem.js';
import { checkRegimes, regimeProblems, type RgpdRegime } from '../core/rgpd.js';
import { didYouMean } from '../core/suggest.js';
import type { CadreNationalConvention } from './generated/cadre-national.js';
import { checkCommonRules } from './common-rules.js';

export const TYPE = 'cadre-national';

export type GroupId = 'objectifs' | 'national' | 'local' | 'dispositions';

export interface Catalogue {
  description: string;
  titre: string;
  groupes: Record<GroupId, string>;
  articles: { id: string; titre?: string; groupe: GroupId; optionnel?: boolean; si?: string }[];
  annexes: Record<string, string>;
  annexe_rgpd: { partial: string; titre: string; responsable: { nom: string; genre: 'féminin' | 'masculin' } };
}

export function getCatalogue(): Catalogue {
  return readCatalogue<Catalogue>(TYPE);
}

export const MEETINGS: Record<string, string> = {
  'autant-que-necessaire': 'autant que nécessaire',
  annuelle: 'une fois par an',
  semestrielle: 'deux fois par an',
  'deux-puis-annuelle': 'deux fois la première année, puis une fois par an',
};

export const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** « [article:information] » in a text of the YAML: a reference to an article by its id. */
export const ARTICLE_REFERENCE = /\[article:([a-z0-9-]+)\]/g;

/** Ids of the commitment articles: the YAML's, or « engagements », « engagements-2 »… */
export function commitmentIds(convention: CadreNationalConvention): string[] {
  return convention.engagements.map((e, index) => e.id ?? (index === 0 ? 'engagements' : `engagements-${index + 1}`));
}

export function joinedAnnexes(convention: CadreNationalConvention): { id: string; titre: string }[] {
  const cat = getCatalogue();
  return (convention.annexes ?? []).map((annex) =>
    typeof annex === 'string' ? { id: annex, titre: cat.annexes[annex]! } : { id: `jointe-${annex.titre}`, titre: annex.titre },
  );
}

/** The articles kept, in catalogue order, the commitment articles in place of `engagements`. */
export function articlePlan(convention: CadreNationalConvention, hasAnnexes: boolean): ArticlePlan[] {
  const cat = getCatalogue();
  const chosen = new Set<string>(convention.articles_optionnels ?? []);
  const ids = commitmentIds(convention);
  const groupTitles = { ...cat.groupes, ...(convention.titres ?? {}) } as Record<GroupId, string>;
  const kept = cat.articles.filter((a) => (!a.optionnel || chosen.has(a.id)) && (a.si !== 'annexes' || hasAnnexes));
  const groupsInOrder = [...new Set(kept.map((a) => a.groupe))];
  const heading = (group: GroupId) =>
    `TITRE ${ROMAN[groupsInOrder.indexOf(group)]} : ${groupTitles[group].toLocaleUpperCase('fr-FR')}`;
  return kept.flatMap((article) =>
    article.id === 'engagements'
      ? convention.engagements.map((e, index) => ({ id: ids[index]!, titre: e.titre, groupe: heading(article.groupe) }))
      : [{ id: article.id, titre: article.titre!, groupe: heading(article.groupe) }],
  );
}

export function* strings(value: unknown, path: (string | number)[] = []): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, [...path, i]);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* strings(item, [...path, key]);
}

export function checkRules(data: Record<string, unknown>): UnplacedProblem[] {
  const convention = data as unknown as CadreNationalConvention;
  const problems: UnplacedProblem[] = [];
  const roles = convention.parties.map((p) => p.role);
  for (const role of ['cnam', 'partenaire'] as const) {
    if (!roles.includes(role)) {
      problems.push({
        code: 'parties-roles',
        severity: 'error',
        path: '/parties',
        message: `La convention-cadre réunit la Cnam (rôle « cnam ») et un partenaire national (rôle « partenaire ») : il manque le rôle « ${role} ».`,
      });
    }
  }
  problems.push(...checkCommonRules({ parties: convention.parties, referents: convention.referents, signature: convention.signature }));

  // Commitment articles: distinct ids, none taken by a standard article.
  const standard = getCatalogue().articles.map((a) => a.id);
  const seen = new Set<string>();
  commitmentIds(convention).forEach((id, index) => {
    if (seen.has(id) || (standard.includes(id) && id !== 'engagements')) {
      problems.push({
        code: 'doublon',
        severity: 'error',
        path: toPointer(['engagements', index, 'id']),
        message: `L'identifiant d'article « ${id} » est déjà pris : donnez à cet article d'engagements un identifiant distinct.`,
      });
    }
    seen.add(id);
  });

  // References to articles written in the YAML's texts.
  const planIds = articlePlan(convention, true).map((a) => a.id);
  for (const [text, path] of strings(convention)) {
    for (const match of text.matchAll(ARTICLE_REFERENCE)) {
      if (!planIds.includes(match[1]!)) {
        problems.push({
          code: 'valeur-inconnue',
          severity: 'error',
          path: toPointer(path),
          message: `Le renvoi « ${match[0]} » désigne un article absent de cette convention ; articles : ${planIds.join(', ')}.${didYouMean(match[1]!, planIds)}`,
        });
      }
    }
  }

  const regimes = convention.rgpd.regimes as RgpdRegime[];
  // Neither signatory is controller or processor: the sous-traitance annex is a model for the
  // local conventions (the caisse, controller; the partner's local structure, processor).
  problems.push(...regimeProblems(checkRegimes(TYPE, regimes, [], { controllerRole: null, processorRole: null })));
  if (convention.rgpd.donnees_detecteurs && !regimes.includes('sous-traitance')) {
    problems.push({
      code: 'valeur-invalide',
      severity: 'error',
      path: '/rgpd/donnees_detecteurs',
      message: "Les données des détecteurs ne sont traitées que dans l'annexe de sous-traitance : ajoutez le régime « sous-traitance » ou retirez donnees_detecteurs.",
    });
  }
  if (convention.site_internet && !(convention.articles_optionnels ?? []).includes('ouverture-donnees')) {
    problems.push({
      code: 'valeur-invalide',
      severity: 'error',
      path: '/site_internet',
      message: "Le site internet du partenaire n'est cité que par l'article « ouverture-donnees » : ajoutez-le aux articles_optionnels ou retirez site_internet.",
    });
  }
  if (convention.conventions_application && !(convention.articles_optionnels ?? []).includes('documents-contractuels')) {
    problems.push({
      code: 'valeur-invalide',
      severity: 'error',
      path: '/conventions_application',
      message: "Les conventions d'application ne sont citées que par l'article « documents-contractuels » : ajoutez-le aux articles_optionnels ou retirez conventions_application.",
    });
  }
  return problems;
}

/** Names of a party with its article, or without one. */
