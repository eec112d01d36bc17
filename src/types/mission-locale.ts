/**
 * Type `mission-locale`: the local convention between a caisse (CPAM, CGSS or CCSS) and one or
 * more Missions Locales, as Titre III of the national Cnam–UNML convention-cadre describes it. The
 * standard clauses (local transcription of the national information and collaboration commitments,
 * referents, local COPIL, frais, RGPD annex for detections) live in the templates; publics, local
 * cooperations, referents and parties are data.
 */
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
import type { RgpdRegime } from '../core/rgpd.js';
import type { MissionLocaleConvention } from './generated/mission-locale.js';
import type { MissionLocaleView } from './mission-locale-view.js';

import { TYPE, CAISSE, getCatalogue, ALL_PUBLICS, SIGNATAIRE, isMissionLocale } from './mission-locale-rules.js';
export { checkRules } from './mission-locale-rules.js';

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
    annex.id === 'rgpd' && annex.partial !== null ? { ...annex, partial: cat.annexe_rgpd.partial, titre: cat.annexe_rgpd.titre } : annex,
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
