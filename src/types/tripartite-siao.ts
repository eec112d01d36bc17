/**
 * Type `tripartite-siao`: the caisse d'assurance maladie (CPAM, or CGSS overseas), the Caf and the
 * SIAO, for people sheltered in emergency housing or hotels (national model, seed 003). The standard
 * clauses live in the templates; what differs between two conventions is data: the parties and
 * their referents, the deployment modes of the offer, added commitments, the indicators annex.
 */
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
  partyByRole,
} from '../core/compose.js';
import type { RgpdRegime } from '../core/rgpd.js';
import type { TripartiteSiaoConvention } from './generated/tripartite-siao.js';
import type { TripartiteSiaoView } from './tripartite-siao-view.js';

import { TYPE, DEFAULT_REGIMES, INDICATORS_ANNEX, getCatalogue } from './tripartite-siao-rules.js';
export { checkRules } from './tripartite-siao-rules.js';

export function compose(data: Record<string, unknown>): TripartiteSiaoView {
  const convention = data as unknown as TripartiteSiaoConvention;
  const cat = getCatalogue();
  const parties = convention.parties.map(composeParty);
  const caisse = partyByRole(parties, 'caisse');
  const caf = partyByRole(parties, 'caf');
  const siao = partyByRole(parties, 'siao');
  const referents = composeReferents(convention.referents, parties);
  const regimes = (convention.rgpd?.regimes ?? DEFAULT_REGIMES) as RgpdRegime[];

  // The evaluation article always cites the indicators annex: reproduced when the YAML lists the
  // indicators, otherwise a document joined as is.
  const indicateurs = convention.evaluation?.indicateurs ?? null;
  const titreAnnexe = convention.evaluation?.titre_annexe ?? cat.annexes[INDICATORS_ANNEX]!;
  const annexes = numberAnnexes(
    [{ id: INDICATORS_ANNEX, titre: titreAnnexe }],
    regimes,
    false,
  ).map((annex) =>
    annex.id === INDICATORS_ANNEX && indicateurs ? { ...annex, partial: `${TYPE}/annexes/${INDICATORS_ANNEX}` } : annex,
  );
  const articles = numberArticles(cat.articles, (id) => clauseCandidates(TYPE, 'articles', id, null));

  const chosen = new Set<string>(convention.accompagnement?.modalites ?? cat.modalites);
  const modalites = cat.modalites.filter((m) => chosen.has(m));

  return {
    type: TYPE,
    modele: 'national',
    titre: cat.titre,
    parties,
    nombreParties: parties.length,
    plusieursAutresParties: parties.length > 2,
    caisse,
    caf,
    siao,
    directionEtat: convention.direction_etat ?? cat.direction_etat,
    accompagnement: {
      modalites,
      plusieursModalites: modalites.length > 1,
      serviceSocial: convention.accompagnement?.service_social ?? true,
    },
    engagementsSpecifiques: {
      siao: convention.engagements?.siao ?? [],
      caf: convention.engagements?.caf ?? [],
      caisse: convention.engagements?.caisse ?? [],
    },
    evaluation: { annexe: INDICATORS_ANNEX, titreAnnexe, indicateurs },
    referents,
    referentsParPartie: groupReferents(referents, parties),
    rgpd: composeRgpd(regimes, [], { responsable: null, sousTraitant: null }),
    duree: composeDuration(convention.duree),
    preambule: [`${TYPE}/preambule`],
    blocFinal: null,
    articles,
    annexes,
    signature: composeSignature({ ...convention.signature, ordre: convention.signature.ordre ?? cat.ordre_signature }, parties),
    meta: {
      title: `${cat.titre.charAt(0)}${cat.titre.slice(1).toLocaleLowerCase('fr-FR')} – ${parties.map((p) => p.nomCourt).join(', ')}`,
      subject: cat.description,
      creator: caisse.nom,
      dateSignature: convention.signature.date,
    },
  };
}
