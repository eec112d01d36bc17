/**
 * Type `locale-ccas`: CPAM (+ CARSAT when the service social signs) and one CCAS or CIAS. One
 * template set expresses every drafting model of the catalogue; what differs between two
 * conventions is data (model, options, parties…).
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
import { dateInWords } from '../core/french.js';
import type { RgpdRegime } from '../core/rgpd.js';
import type { LocaleCcasConvention } from './generated/locale-ccas.js';
import type { LocaleCcasView } from './locale-ccas-view.js';

import { TYPE, getCatalogue, ALL_THEMES, FREQUENCIES, partnerRole } from './locale-ccas-rules.js';
export { checkRules } from './locale-ccas-rules.js';

export function compose(data: Record<string, unknown>): LocaleCcasView {
  const convention = data as unknown as LocaleCcasConvention;
  const cat = getCatalogue();
  const modele = cat.modeles[convention.modele]!;
  const parties = convention.parties.map(composeParty);
  const caisse = partyByRole(parties, 'cpam');
  const partenaire = partyByRole(parties, partnerRole(convention)!);
  const carsat = parties.find((p) => p.role === 'carsat') ?? null;
  const referents = composeReferents(convention.referents, parties);
  const regimes = convention.rgpd.regimes as RgpdRegime[];

  const joined = (convention.annexes ?? []).map((annex) =>
    typeof annex === 'string' ? { id: annex, titre: cat.annexes[annex]! } : { id: `jointe-${annex.titre}`, titre: annex.titre },
  );
  const annexes = numberAnnexes(joined, regimes, modele.annexes_separees);
  const articles = numberArticles(
    modele.articles.filter((a) => a.si !== 'annexes' || annexes.length > 0),
    (id) => clauseCandidates(TYPE, 'articles', id, convention.modele),
  );
  const selectedOptions = new Set(convention.engagements?.options ?? []);
  const selectedThemes = new Set(convention.thematiques ?? ALL_THEMES);
  const frequence = convention.suivi?.frequence ?? 'annuelle';
  const initiatives = convention.engagements?.initiatives_locales;

  return {
    type: TYPE,
    modele: convention.modele,
    titre: modele.titre,
    parties,
    nombreParties: parties.length,
    plusieursAutresParties: parties.length > 2,
    caisse,
    carsat,
    partenaire,
    espacePartenaires: convention.espace_partenaires ?? false,
    lettreIntention: convention.lettre_intention ? dateInWords(convention.lettre_intention) : null,
    thematiques: ALL_THEMES.filter((t) => selectedThemes.has(t)),
    engagements: {
      options: modele.options.filter((o) => selectedOptions.has(o as never)),
      specifiques: (convention.engagements?.specifiques ?? []).map((s) => ({
        titre: s.titre,
        paragraphes: s.texte ? paragraphs(s.texte) : [],
        liste: s.liste ?? [],
      })),
      delaiInstructionJours: convention.engagements?.delai_instruction_jours ?? 30,
      initiativesLocales: initiatives
        ? { actions: paragraphs(initiatives.actions), moyens: paragraphs(initiatives.moyens) }
        : null,
    },
    suivi: { frequence, parAn: FREQUENCIES[frequence]!, indicateurs: convention.suivi?.indicateurs ?? null },
    referents,
    referentsParPartie: groupReferents(referents, parties),
    rgpd: composeRgpd(regimes, composeDpo(convention.rgpd.dpo ?? [], parties), { responsable: caisse, sousTraitant: partenaire }),
    duree: composeDuration(convention.duree),
    preambule: [`${TYPE}/preambule.${convention.modele}`, `${TYPE}/preambule`],
    blocFinal: null,
    articles,
    annexes,
    signature: composeSignature(convention.signature, parties),
    meta: {
      title: `${modele.titre.charAt(0)}${modele.titre.slice(1).toLocaleLowerCase('fr-FR')} – ${parties.map((p) => p.nomCourt).join(', ')}`,
      subject: cat.description,
      creator: parties[0]!.nom,
      dateSignature: convention.signature.date,
    },
  };
}
