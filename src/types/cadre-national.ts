/**
 * Type `cadre-national`: the Cnam and one national partner (an operator such as France Travail, a
 * union of networks such as the UNML or the UNCCAS). The articles are grouped in titles ("TITRE I :
 * …") and numbered across them; the commitments, publics and the socle and options of the local
 * conventions are data of the YAML, the standard clauses are the type's templates.
 */
import { readCatalogue } from '../core/assets.js';
import {
  clauseCandidates,
  composeDuration,
  composeParty,
  composeReferents,
  composeRgpd,
  composeSignature,
  groupReferents,
  numberAnnexes,
  numberArticles,
  paragraphs,
  partyByRole,
  type ArticlePlan,
} from '../core/compose.js';
import { capitalize, withA, withArticle, withDe } from '../core/french.js';
import type { PartyView } from '../core/model.js';
import type { UnplacedProblem } from '../core/problem.js';
import { toPointer } from '../core/problem.js';
import { checkRegimes, type RgpdRegime } from '../core/rgpd.js';
import { didYouMean } from '../core/suggest.js';
import type { Bloc, CadreNationalConvention, Point } from './generated/cadre-national.js';
import type { BlocView, CadreNationalArticleView, CadreNationalView, CommitmentSectionView, NamesView, NetworkView, PointView } from './cadre-national-view.js';
import { checkCommonRules } from './common-rules.js';

const TYPE = 'cadre-national';

type GroupId = 'objectifs' | 'national' | 'local' | 'dispositions';

interface Catalogue {
  description: string;
  titre: string;
  groupes: Record<GroupId, string>;
  articles: { id: string; titre?: string; groupe: GroupId; optionnel?: boolean; si?: string }[];
  annexes: Record<string, string>;
  annexe_rgpd: { partial: string; titre: string };
}

let catalogue: Catalogue | undefined;
function getCatalogue(): Catalogue {
  return (catalogue ??= readCatalogue<Catalogue>(TYPE));
}

const MEETINGS: Record<string, string> = {
  'autant-que-necessaire': 'autant que nécessaire',
  annuelle: 'une fois par an',
  semestrielle: 'deux fois par an',
  'deux-puis-annuelle': 'deux fois la première année, puis une fois par an',
};

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** « [article:information] » in a text of the YAML: a reference to an article by its id. */
const ARTICLE_REFERENCE = /\[article:([a-z0-9-]+)\]/g;

/** Ids of the commitment articles: the YAML's, or « engagements », « engagements-2 »… */
function commitmentIds(convention: CadreNationalConvention): string[] {
  return convention.engagements.map((e, index) => e.id ?? (index === 0 ? 'engagements' : `engagements-${index + 1}`));
}

function joinedAnnexes(convention: CadreNationalConvention): { id: string; titre: string }[] {
  const cat = getCatalogue();
  return (convention.annexes ?? []).map((annex) =>
    typeof annex === 'string' ? { id: annex, titre: cat.annexes[annex]! } : { id: `jointe-${annex.titre}`, titre: annex.titre },
  );
}

/** The articles kept, in catalogue order, the commitment articles in place of `engagements`. */
function articlePlan(convention: CadreNationalConvention, hasAnnexes: boolean): ArticlePlan[] {
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

function* strings(value: unknown, path: (string | number)[] = []): Generator<[string, (string | number)[]]> {
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
  for (const problem of checkRegimes(TYPE, regimes, [], { controllerRole: null, processorRole: null })) {
    problems.push({
      code: problem.code,
      severity: 'error',
      path: problem.index !== undefined ? toPointer(['rgpd', 'regimes', problem.index]) : '/rgpd',
      message: problem.message,
    });
  }
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
function names(word: string, fullName: string, feminine: boolean, withoutArticle: boolean): NamesView {
  if (withoutArticle) return { LeNom: capitalize(fullName), le: word, Le: capitalize(word), du: `de ${word}`, au: `à ${word}` };
  return {
    LeNom: capitalize(withArticle(fullName, feminine)),
    le: withArticle(word, feminine),
    Le: capitalize(withArticle(word, feminine)),
    du: withDe(word, feminine),
    au: withA(word, feminine),
  };
}

function network(convention: CadreNationalConvention): NetworkView {
  const { singulier, pluriel, genre } = convention.reseau;
  const feminin = genre === 'féminin';
  return {
    ...names(singulier, singulier, feminin, false),
    sigle: singulier,
    nomCourt: singulier,
    nom: singulier,
    feminin,
    pluriel,
    les: `les ${pluriel}`,
    des: `des ${pluriel}`,
    aux: `aux ${pluriel}`,
  };
}

export function compose(data: Record<string, unknown>): CadreNationalView {
  const raw = data as unknown as CadreNationalConvention;
  const cat = getCatalogue();
  const joined = joinedAnnexes(raw);
  const regimes = raw.rgpd.regimes as RgpdRegime[];
  const annexes = numberAnnexes(joined, regimes, false).map((annex) =>
    annex.partial === null ? annex : { ...annex, partial: cat.annexe_rgpd.partial, titre: cat.annexe_rgpd.titre.replace('{reseau}', `les ${raw.reseau.pluriel}`) },
  );
  const plan = articlePlan(raw, annexes.length > 0);
  const ids = commitmentIds(raw);
  // Every commitment article, whatever its id, is written by the `engagements` partial.
  const numbered = numberArticles(plan, (id) => clauseCandidates(TYPE, 'articles', ids.includes(id) ? 'engagements' : id, null));
  const numberOf = (id: string) => numbered.find((a) => a.id === id)?.numero;

  // References written in the YAML's texts, now that the articles are numbered.
  const resolve = (text: string) => text.replace(ARTICLE_REFERENCE, (whole, id: string) => (numberOf(id) ? `article ${numberOf(id)}` : whole));
  const point = (p: Point): PointView =>
    typeof p === 'string' ? { texte: resolve(p), sousPoints: [] } : { texte: resolve(p.texte), sousPoints: p.liste.map(resolve) };
  const points = (list: Point[] | undefined): PointView[] => (list ?? []).map(point);
  const text = (value: string | undefined): string[] => (value ? paragraphs(resolve(value)) : []);
  const blocs = (list: Bloc[] | undefined): BlocView[] | null =>
    list ? list.map((b) => ({ intertitre: b.intertitre ? resolve(b.intertitre) : null, paragraphes: text(b.texte), points: points(b.liste) })) : null;

  const parties = raw.parties.map(composeParty);
  const cnam = partyByRole(parties, 'cnam');
  const partenaire = partyByRole(parties, 'partenaire');
  const reseau = network(raw);
  const referents = composeReferents(raw.referents, parties);

  const sections = new Map<string, CommitmentSectionView>(
    raw.engagements.map((e, index) => {
      const communs = points(e.communs);
      const cnamPoints = points(e.cnam);
      const partenairePoints = points(e.partenaire);
      return [
        ids[index]!,
        {
          titre: e.titre,
          introduction: text(e.introduction),
          communs,
          cnam: cnamPoints,
          partenaire: partenairePoints,
          sousArticles: communs.length > 0 && cnamPoints.length + partenairePoints.length > 0,
          dernier: index === raw.engagements.length - 1,
        },
      ];
    }),
  );
  const articles: CadreNationalArticleView[] = numbered.map((a) => ({ ...a, engagement: sections.get(a.id) ?? null }));
  const commitmentNumbers = ids.map((id) => numberOf(id)!);
  const renvoiEngagements =
    commitmentNumbers.length === 1
      ? `à l'article ${commitmentNumbers[0]}`
      : `aux articles ${commitmentNumbers.slice(0, -1).join(', ')} et ${commitmentNumbers[commitmentNumbers.length - 1]}`;

  const rgpd = composeRgpd(regimes, [], { responsable: null, sousTraitant: null }, raw.rgpd.donnees_detecteurs ?? false);
  const signature = composeSignature(raw.signature, parties);
  const local = raw.conventions_locales ?? {};
  const copil = raw.comite_pilotage ?? {};

  return {
    type: TYPE,
    modele: TYPE,
    titre: cat.titre,
    parties,
    nombreParties: parties.length,
    plusieursAutresParties: false,
    cnam,
    partenaire,
    reseau,
    presentations: {
      intertitres: raw.preambule?.intertitres ?? false,
      assuranceMaladie: blocs(raw.preambule?.assurance_maladie),
      partenaire: blocs(raw.preambule?.partenaire),
      beneficiaires: raw.preambule?.beneficiaires ?? null,
    },
    objectifs: blocs(raw.objectifs),
    renvoiEngagements,
    publics: blocs(raw.publics)!,
    copil: {
      reunions: MEETINGS[copil.frequence ?? 'deux-puis-annuelle']!,
      directionsMetiers: copil.directions_metiers ?? false,
      programmeTravail: copil.programme_travail ?? false,
      echangesInformels: copil.echanges_informels ?? false,
      indicateurs: copil.indicateurs ?? false,
    },
    local: {
      introduction: text(local.introduction),
      echelonRegional: local.echelon_regional ?? false,
      pistes: Boolean(local.socle ?? local.options),
      transcription: local.transcription ?? true,
      cooperationsLocales: local.cooperations_locales ?? false,
      socle: (local.socle ?? []).map((s) => ({ theme: s.theme, points: points(s.liste) })),
      options: points(local.options),
      missionsReferents: local.missions_referents ? points(local.missions_referents) : null,
      sollicitations: local.sollicitations ? { cnam: points(local.sollicitations.cnam), partenaire: points(local.sollicitations.partenaire) } : null,
      periodeCopil: local.periode_copil ?? null,
    },
    siteInternet: raw.site_internet ?? null,
    conventionsApplication: raw.conventions_application ?? [],
    enTete: raw.en_tete_partenaire ?? null,
    referents,
    referentsParPartie: groupReferents(referents, parties),
    rgpd,
    rgpdLocal: { ...rgpd, sousTraitant: rgpd.sousTraitance ? reseau : null },
    duree: composeDuration(raw.duree),
    preambule: [`${TYPE}/preambule`],
    blocFinal: raw.en_tete_partenaire ? `${TYPE}/en-tete-partenaire` : null,
    articles,
    annexes,
    signature,
    meta: {
      title: `Convention-cadre de partenariat – ${parties.map((p: PartyView) => p.nomCourt).join(', ')}`,
      subject: cat.description,
      creator: cnam.nom,
      dateSignature: raw.signature.date,
    },
  };
}
