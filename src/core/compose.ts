/**
 * Stage 3, compose: shared building blocks that every type's compose uses to turn validated YAML
 * data into the document model (parties, people, referents, signatures, articles and annexes
 * numbered). Pure: no disk, no printing.
 */
import { capitalize, dateInWords, fullName, numberInWords, possessive, streetLocation, withArticle, withDe, yearsInWords } from './french.js';
import type {
  AnnexView,
  ArticleView,
  DocumentModel,
  DpoView,
  PartyView,
  ReferentView,
  RepresentativeView,
  RgpdView,
  SignatoryView,
} from './model.js';
import { annexesForRegimes, type RgpdRegime } from './rgpd.js';
import type { Adresse, Dpo, Duree, Partie, Referent, Representant, Signature } from '../types/generated/locale-ccas.js';

export function composeAddress(address: Adresse): string {
  return [address.voie, address.complement, `${address.code_postal} ${address.commune}`].filter(Boolean).join(', ');
}

/** The address as the words after « Située » (« au 1 parvis …, 42027 Saint-Étienne »), or null (see streetLocation). */
export function composeLocation(address: Adresse): string | null {
  const street = streetLocation(address.voie);
  return street === null ? null : composeAddress({ ...address, voie: street });
}

export function composeRepresentative(person: Representant): RepresentativeView {
  const feminin = person.civilite === 'Madame';
  const nomComplet = fullName(person.prenom, person.nom);
  return {
    civilite: person.civilite,
    nomComplet,
    nomAvecCivilite: `${person.civilite} ${nomComplet}`,
    feminin,
    fonction: person.fonction,
    fonctionPossessive: possessive(person.fonction, feminin),
    fonctionArticle: capitalize(withArticle(person.fonction, feminin)),
    qualite: person.qualite ?? null,
    delegataire: person.delegataire
      ? { nomComplet: fullName(person.delegataire.prenom, person.delegataire.nom), fonction: person.delegataire.fonction }
      : null,
  };
}

/** Splits free text into paragraphs at blank lines. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

export function composeParty(party: Partie): PartyView {
  return {
    role: party.role,
    nom: party.nom,
    nomCourt: party.nom_court,
    feminin: party.genre === 'féminin',
    sansArticle: party.sans_article ?? false,
    sigle: party.denominations[0]!,
    denominations: party.denominations,
    adresse: composeAddress(party.adresse),
    situation: composeLocation(party.adresse),
    representant: composeRepresentative(party.representant),
    siret: party.siret ?? null,
    courriel: party.courriel ?? null,
    presentation: party.presentation ? paragraphs(party.presentation) : null,
  };
}

export function partyByRole(parties: readonly PartyView[], role: string): PartyView {
  const party = parties.find((p) => p.role === role);
  if (!party) throw new Error(`partie absente : ${role}`);
  return party;
}

export function composeReferents(referents: readonly Referent[], parties: readonly PartyView[]): ReferentView[] {
  return referents.map((r) => ({
    partie: partyByRole(parties, r.partie),
    nomComplet: r.prenom && r.nom ? fullName(r.prenom, r.nom) : null,
    fonction: r.fonction,
    courriel: r.courriel ?? null,
    telephone: r.telephone ?? null,
  }));
}

/** Referents grouped by party, in the order of the parties. */
export function groupReferents(referents: readonly ReferentView[], parties: readonly PartyView[]) {
  return parties
    .map((partie) => ({ partie, referents: referents.filter((r) => r.partie === partie) }))
    .filter((group) => group.referents.length > 0);
}

export function composeDpo(dpo: readonly Dpo[], parties: readonly PartyView[]): DpoView[] {
  return dpo.map((d) => ({
    partie: partyByRole(parties, d.partie),
    nomComplet: fullName(d.prenom, d.nom),
    courriel: d.courriel,
    telephone: d.telephone ?? null,
  }));
}

export function composeRgpd(
  regimes: readonly RgpdRegime[],
  dpo: readonly DpoView[],
  roles: { responsable: PartyView | null; sousTraitant: PartyView | null },
  donneesDetecteurs = false,
): RgpdView {
  const sousTraitance = regimes.includes('sous-traitance');
  return {
    sousTraitance,
    responsablesDistincts: regimes.includes('responsables-distincts'),
    sansEchange: regimes.includes('sans-echange'),
    conventionsApplication: regimes.includes('conventions-application'),
    donneesDetecteurs: sousTraitance && donneesDetecteurs,
    responsable: sousTraitance ? roles.responsable : null,
    sousTraitant: sousTraitance ? roles.sousTraitant : null,
    dpo: [...dpo],
  };
}

export function composeDuration(duree: Duree): DocumentModel['duree'] {
  return {
    annees: duree.annees,
    texte: yearsInWords(duree.annees),
    tacite: duree.renouvellement === 'tacite',
    preavisMois: duree.preavis_mois ?? null,
  };
}

export function composeSignatories(parties: readonly PartyView[], order: readonly string[] | undefined): SignatoryView[] {
  const ordered = order ? order.map((role) => partyByRole(parties, role)) : parties;
  return ordered.map((partie) => ({
    partie,
    titre: `${partie.representant.fonctionArticle} ${withDe(partie.nomCourt, partie.feminin, partie.sansArticle)}`,
    nomComplet: partie.representant.nomAvecCivilite,
    delegataire: partie.representant.delegataire,
  }));
}

export function composeSignature(signature: Signature, parties: readonly PartyView[]): DocumentModel['signature'] {
  const signataires = composeSignatories(parties, signature.ordre);
  return {
    lieu: signature.lieu,
    date: dateInWords(signature.date),
    exemplaires: signataires.length,
    exemplairesEnLettres: numberInWords(signataires.length),
    signataires,
  };
}

export interface ArticlePlan {
  id: string;
  titre: string;
  /** Heading of the group ("TITRE I : …") the article belongs to, if articles are grouped. */
  groupe?: string;
}

/**
 * Partials that may hold a clause, most specific first: the type's variant for the drafting model,
 * the type's own, then the one shared by every type.
 */
export function clauseCandidates(type: string, folder: string, id: string, modele: string | null): string[] {
  return [...(modele ? [`${type}/${folder}/${id}.${modele}`] : []), `${type}/${folder}/${id}`, `common/${folder}/${id}`];
}

/** Numbers the articles kept, in order and across groups; the first article of a group opens it. */
export function numberArticles(plan: readonly ArticlePlan[], candidates: (id: string) => string[]): ArticleView[] {
  return plan.map((article, index) => ({
    id: article.id,
    titre: article.titre,
    numero: index + 1,
    candidats: candidates(article.id),
    groupe: article.groupe !== undefined && article.groupe !== plan[index - 1]?.groupe ? article.groupe : null,
  }));
}

/** Joined documents first (in the YAML's order), then the annexes the RGPD regimes generate. */
export function numberAnnexes(
  joined: readonly { id: string; titre: string }[],
  regimes: readonly RgpdRegime[],
  generatedAnnexesSeparate: boolean,
): AnnexView[] {
  const all = [
    ...joined.map((a) => ({ ...a, partial: null as string | null })),
    ...annexesForRegimes(regimes).map((a) => ({ ...a, partial: a.partial as string | null })),
  ];
  return all.map((annex, index) => ({ ...annex, numero: index + 1, separee: annex.partial !== null && generatedAnnexesSeparate }));
}
