/**
 * Type `mission-locale`: the local convention between a caisse (CPAM, CGSS or CCSS) and one or
 * more Missions Locales, as Titre III of the national Cnam–UNML convention-cadre describes it. The
 * standard clauses (local transcription of the national information and collaboration commitments,
 * referents, local COPIL, frais, RGPD annex for detections) live in the templates; publics, local
 * cooperations, referents and parties are data.
 */
import { readCatalogue } from '../core/assets.js';
import {
  clauseCandidates,
  composeDpo,
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
} from '../core/compose.js';
import { capitalize, dateInWords, withA, withArticle, withDe } from '../core/french.js';
import type { PartyView } from '../core/model.js';
import type { UnplacedProblem } from '../core/problem.js';
import { toPointer } from '../core/problem.js';
import { checkRegimes, type RgpdRegime } from '../core/rgpd.js';
import { checkCommonRules } from './common-rules.js';
import type { MissionLocaleConvention } from './generated/mission-locale.js';
import type { MissionLocaleView } from './mission-locale-view.js';

const TYPE = 'mission-locale';
const CAISSE = 'caisse';

interface Catalogue {
  description: string;
  modele: string;
  titre: string;
  annexes_separees: boolean;
  titre_annexe_rgpd: string;
  articles: { id: string; titre: string; groupe?: string; si?: string }[];
  annexes: Record<string, string>;
}

let catalogue: Catalogue | undefined;
function getCatalogue(): Catalogue {
  return (catalogue ??= readCatalogue<Catalogue>(TYPE));
}

/** Publics in the schema's order. */
const ALL_PUBLICS = ['cej', 'pacea', 'accompagnement-personnalise'] as const;

/** How the text names several Missions Locales read one by one (the RGPD annex's processor). */
const SIGNATAIRE = 'Mission Locale signataire';

const isMissionLocale = (role: string) => role === 'mission-locale' || role.startsWith('mission-locale-');

export function checkRules(data: Record<string, unknown>): UnplacedProblem[] {
  const convention = data as unknown as MissionLocaleConvention;
  const problems: UnplacedProblem[] = [];
  const roles = convention.parties.map((p) => p.role as string);
  const caisses = roles.filter((r) => r === CAISSE).length;
  const missionsLocales = roles.filter(isMissionLocale);

  if (caisses !== 1) {
    problems.push({
      code: 'parties-roles',
      severity: 'error',
      path: '/parties',
      message: `La convention doit compter une et une seule caisse (rôle « caisse » : CPAM, CGSS ou CCSS) ; elle en compte ${caisses}.`,
    });
  }
  if (missionsLocales.length === 0) {
    problems.push({
      code: 'parties-roles',
      severity: 'error',
      path: '/parties',
      message: 'La convention doit compter au moins une Mission Locale (rôle « mission-locale », ou « mission-locale-… » pour en distinguer plusieurs).',
    });
  }
  for (const problem of checkCommonRules(convention as Parameters<typeof checkCommonRules>[0])) {
    const duplicateMissionLocale = problem.code === 'partie-en-double' && missionsLocales.length > 1 && problem.message.includes('« mission-locale');
    problems.push(
      duplicateMissionLocale
        ? { ...problem, message: `${problem.message} Donnez à chaque Mission Locale un rôle « mission-locale-… » qui lui est propre (mission-locale-nord, mission-locale-est).` }
        : problem,
    );
  }

  // checkRegimes knows one controller and one processor: the caisse and the first Mission Locale
  // are checked with the regimes themselves; every other Mission Locale is a processor too, whose
  // DPO the sous-traitance annex needs as well.
  const regimes = convention.rgpd.regimes as RgpdRegime[];
  const dpoRoles = (convention.rgpd.dpo ?? []).map((d) => d.partie);
  const regimeProblems = [
    ...checkRegimes(TYPE, regimes, dpoRoles, { controllerRole: CAISSE, processorRole: missionsLocales[0] ?? null }),
    ...missionsLocales
      .slice(1)
      .flatMap((role) => checkRegimes(TYPE, regimes, dpoRoles, { controllerRole: null, processorRole: role }))
      .filter((p) => p.code === 'rgpd-dpo-manquant'),
  ];
  for (const problem of regimeProblems) {
    problems.push({
      code: problem.code,
      severity: 'error',
      path: problem.index !== undefined ? toPointer(['rgpd', 'regimes', problem.index]) : '/rgpd',
      message: problem.message,
    });
  }
  return problems;
}

/** « la Mission Locale signataire », read as each of the signatory Missions Locales. */
function signatoryMissionLocale(first: PartyView): PartyView {
  return {
    ...first,
    role: 'missions-locales',
    nom: SIGNATAIRE,
    nomCourt: SIGNATAIRE,
    feminin: true,
    sigle: SIGNATAIRE,
    denominations: [SIGNATAIRE],
    siret: null,
    courriel: null,
    presentation: null,
  };
}

export function compose(data: Record<string, unknown>): MissionLocaleView {
  const convention = data as unknown as MissionLocaleConvention;
  const cat = getCatalogue();
  const parties = convention.parties.map((p) => composeParty(p as Parameters<typeof composeParty>[0]));
  const caisse = partyByRole(parties, CAISSE);
  const missionsLocales = parties.filter((p) => isMissionLocale(p.role));
  const plusieurs = missionsLocales.length > 1;
  const missionLocale = plusieurs ? signatoryMissionLocale(missionsLocales[0]!) : missionsLocales[0]!;
  const referents = composeReferents(convention.referents, parties);
  const regimes = convention.rgpd.regimes as RgpdRegime[];

  const joined = (convention.annexes ?? []).map((annex) =>
    typeof annex === 'string' ? { id: annex, titre: cat.annexes[annex]! } : { id: `jointe-${annex.titre}`, titre: annex.titre },
  );
  const annexes = numberAnnexes(joined, regimes, cat.annexes_separees).map((annex) =>
    annex.id === 'rgpd' && annex.partial !== null ? { ...annex, titre: cat.titre_annexe_rgpd } : annex,
  );
  const articles = numberArticles(
    cat.articles.filter((a) => a.si !== 'annexes' || annexes.length > 0),
    (id) => clauseCandidates(TYPE, 'articles', id, null),
  );
  const selectedPublics = new Set<string>(convention.publics);
  const single = missionsLocales[0]!;

  return {
    type: TYPE,
    modele: cat.modele,
    titre: cat.titre,
    parties,
    nombreParties: parties.length,
    plusieursAutresParties: parties.length > 2,
    caisse,
    missionsLocales,
    plusieursMissionsLocales: plusieurs,
    missionLocale,
    ml: plusieurs
      ? { le: 'les Missions Locales signataires', du: 'des Missions Locales signataires', au: 'aux Missions Locales signataires', chaque: `Chaque ${SIGNATAIRE}` }
      : {
          le: withArticle(single.sigle, single.feminin),
          du: withDe(single.sigle, single.feminin),
          au: withA(single.sigle, single.feminin),
          chaque: capitalize(withArticle(single.sigle, single.feminin)),
        },
    espacePartenaires: convention.espace_partenaires ?? false,
    conventionCadre: convention.convention_cadre ? dateInWords(convention.convention_cadre) : null,
    publics: ALL_PUBLICS.filter((p) => selectedPublics.has(p)),
    cooperations: (convention.cooperations_locales ?? []).map((c) => ({
      titre: c.titre,
      paragraphes: c.texte ? paragraphs(c.texte) : [],
      liste: c.liste ?? [],
    })),
    referents,
    referentsParPartie: groupReferents(referents, parties),
    rgpd: composeRgpd(regimes, composeDpo(convention.rgpd.dpo ?? [], parties), { responsable: caisse, sousTraitant: missionLocale }, true),
    duree: composeDuration(convention.duree),
    preambule: [`${TYPE}/preambule`],
    blocFinal: null,
    articles,
    annexes,
    signature: composeSignature(convention.signature, parties),
    meta: {
      title: `${cat.titre.charAt(0)}${cat.titre.slice(1).toLocaleLowerCase('fr-FR')} – ${parties.map((p) => p.nomCourt).join(', ')}`,
      subject: cat.description,
      creator: parties[0]!.nom,
      dateSignature: convention.signature.date,
    },
  };
}
