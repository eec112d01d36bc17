/**
 * Stage 3, compose: validated YAML data and its type's catalogue → the document model (parties and
 * their places, referents, signature, duration, RGPD regimes and annexes, préambule, articles
 * numbered, options, meta). One compose for every type: what a type needs is data of its catalogue.
 * Pure: no disk, no printing.
 */
import { capitalize, dateInWords, euros, fullName, numberInWords, possessive, streetLocation, withArticle, withDe, yearsInWords } from './french.js';
import { holds, modelOf, placeOf, valueAt, variantsOf, withDefaults } from './conditions.js';
import type { Catalogue } from './generated/catalogue.js';
import type { Adresse, Dpo, Duree, Financement, Partie, Referent, Representant, Signature } from './generated/common.js';
import type {
  AnnexView,
  ArticleView,
  DesignationData,
  DocumentModel,
  DpoView,
  FundingView,
  PartyView,
  ReferentView,
  RepresentativeView,
  RgpdView,
  SignatoryView,
} from './model.js';
import { fillText, groupHeadings, planAnnexes, planArticles, regimesOf } from './plan.js';
import type { TypeDefinition } from './registry.js';
import type { RgpdRegime } from './rgpd.js';
import { ARTICLE_REFERENCE, factsOf, referringTexts } from './type-rules.js';

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
    plusieurs: false,
    pluriel: null,
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

/** The financial provisions of a convention that has them (validation checked the parties and the sums). */
export function composeFunding(funding: Financement | undefined | null, parties: readonly PartyView[]): FundingView | null {
  if (!funding) return null;
  return {
    montant: euros(funding.montant),
    payeur: partyByRole(parties, funding.payeur),
    beneficiaire: partyByRole(parties, funding.beneficiaire),
    objet: funding.objet ?? null,
    echeances: funding.echeancier.map((step) => ({
      montant: euros(step.montant),
      date: step.date ? dateInWords(step.date) : null,
      evenement: step.evenement ?? null,
    })),
    justificatifs: funding.justificatifs,
    delaiMois: funding.delai_justification_mois ?? 6,
    reliquat: funding.reliquat ?? 'reversement',
  };
}

/**
 * Partials that may hold a clause, most specific first: the type's variant for the drafting model,
 * the type's own, then the one shared by every type.
 */
export function clauseCandidates(type: string, folder: string, id: string, modele: string): string[] {
  return [`${type}/${folder}/${id}.${modele}`, `${type}/${folder}/${id}`, `common/${folder}/${id}`];
}

type Data = Record<string, unknown>;
type Place = NonNullable<Catalogue['parties'][string]>;

/**
 * Several parties at one place, named together: `le`, `du`, `au` give « les Missions Locales
 * signataires », `Chaque` « Chaque Mission Locale signataire ». Built on the first party so that
 * it has every field of a party.
 */
function together(first: PartyView, place: Place): PartyView {
  return { ...distributive(first, place), plusieurs: true, pluriel: place.plusieurs?.pluriel ?? place.designation_pluriel ?? place.designation };
}

/** Several parties at one place, named one by one (« la Mission Locale signataire »: each of them). */
function distributive(first: PartyView, place: Place): PartyView {
  const name = place.plusieurs?.singulier ?? place.designation;
  return {
    ...first,
    role: Object.keys(place.roles)[0]!,
    nom: name,
    nomCourt: name,
    sigle: name,
    denominations: [name],
    feminin: place.genre === 'féminin',
    sansArticle: false,
    siret: null,
    courriel: null,
    presentation: null,
  };
}

/** « [article:information] » in the YAML's texts → « article 3 », once the articles are numbered. */
function resolveReferences(value: unknown, numbers: ReadonlyMap<string, number>): unknown {
  if (typeof value === 'string') {
    return value.includes('[article:') ? value.replace(ARTICLE_REFERENCE, (whole, id: string) => (numbers.has(id) ? `article ${numbers.get(id)}` : whole)) : value;
  }
  if (Array.isArray(value)) return value.map((item) => resolveReferences(item, numbers));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, numbers)]));
  return value;
}

function composeRgpd(
  catalogue: Catalogue,
  regimes: readonly RgpdRegime[],
  donnees: Data,
  dpo: DpoView[],
  parties: ReadonlyMap<string, PartyView[]>,
): RgpdView {
  const sousTraitance = regimes.includes('sous-traitance');
  const roles = sousTraitance ? catalogue.rgpd['sous-traitance'] : undefined;
  const one = (place: string | undefined): PartyView | null => {
    const members = place ? (parties.get(place) ?? []) : [];
    if (members.length <= 1) return members[0] ?? null;
    return distributive(members[0]!, catalogue.parties[place!]!);
  };
  type Who = NonNullable<typeof roles>['responsable'];
  /** A place's party (or its parties one by one), a designation of the YAML, or one the catalogue names. */
  const who = (value: Who): PartyView | DesignationData | null => {
    if (value === undefined) return null;
    if (typeof value === 'string') return one(value);
    if ('donnees' in value) return (valueAt(donnees, value.donnees.split('.')) as DesignationData | null) ?? null;
    return { singulier: value.designation.singulier, pluriel: value.designation.pluriel ?? null, genre: value.designation.genre };
  };
  return {
    sousTraitance,
    responsablesDistincts: regimes.includes('responsables-distincts'),
    sansEchange: regimes.includes('sans-echange'),
    conventionsApplication: regimes.includes('conventions-application'),
    donneesDetecteurs: sousTraitance && (roles?.donnees_detecteurs === true || valueAt(donnees, ['rgpd', 'donnees_detecteurs']) === true),
    responsable: who(roles?.responsable),
    sousTraitant: who(roles?.sous_traitant),
    dpo,
  };
}

/** The document model of a convention valid against its type's schema and rules. */
export function composeConvention(data: Data, definition: TypeDefinition): DocumentModel {
  const { catalogue, id: type } = definition;
  const modeleId = modelOf(catalogue, data);
  const modele = catalogue.modeles[modeleId]!;
  const filled = withDefaults(definition.form, data);
  const parties = (data.parties as Partie[]).map(composeParty);

  const membres = new Map<string, PartyView[]>();
  const places: Record<string, PartyView | null> = {};
  for (const [place, definitionOfPlace] of Object.entries(catalogue.parties)) {
    const members = parties.filter((p) => placeOf(catalogue, p.role) === place);
    membres.set(place, members);
    places[place] = members.length === 0 ? null : members.length === 1 ? members[0]! : together(members[0]!, definitionOfPlace!);
  }

  const regimes = regimesOf(filled);
  const annexPlan = planAnnexes(catalogue, filled, regimes, factsOf(definition, data, () => filled), type);
  const facts = factsOf(definition, data, () => filled, () => ({ annexes: annexPlan.length }));
  const planned = planArticles(catalogue, modeleId, filled, facts);
  // The YAML's texts with their « [article:id] » numbered (most have none: no copy then).
  const numbers = new Map(planned.map((a, index) => [a.id, index + 1]));
  const referring = referringTexts(filled, [], []).length > 0;
  const resolve = <T>(value: T): T => (referring ? (resolveReferences(value, numbers) as T) : value);
  const donnees = resolve(filled);
  const headings = groupHeadings(catalogue, planned, donnees);
  const articles: ArticleView[] = planned.map((article, index) => ({
    id: article.id,
    numero: index + 1,
    titre: resolve(article.titre),
    candidats: clauseCandidates(type, 'articles', article.gabarit, modeleId),
    groupe: article.groupe !== null && article.groupe !== planned[index - 1]?.groupe ? headings.get(article.groupe)! : null,
    source: article.source,
    parametres: article.parametres,
    element: resolve(article.element),
    dernier: article.dernier,
  }));
  const annexes: AnnexView[] = annexPlan.map((annex, index) => ({
    id: annex.id,
    numero: index + 1,
    titre: fillText(annex.titre, donnees),
    partial: annex.gabarit,
    separee: annex.gabarit !== null && modele.annexes_separees === true,
    // Validate refuses an annex provided by no means; one left so could only be handed over apart.
    fourniture: annex.fourniture ?? 'joint-separement',
    fichier: annex.fichier,
  }));

  const referents = composeReferents(data.referents as Referent[], parties);
  const chosen = catalogue.options ? valueAt(filled, catalogue.options.champ.split('.')) : undefined;
  const signature = data.signature as Signature;
  const presentRoles = parties.map((p) => p.role);
  const defaultOrder = catalogue.ordre_signature
    ? [...catalogue.ordre_signature.filter((r) => presentRoles.includes(r)), ...presentRoles.filter((r) => !catalogue.ordre_signature!.includes(r))]
    : undefined;
  const finalBlock = catalogue.bloc_final && holds(catalogue.bloc_final.si, facts) ? catalogue.bloc_final.gabarit : null;
  const auteur = catalogue.auteur ? places[catalogue.auteur] : null;

  const model: DocumentModel = {
    type,
    modele: modeleId,
    titre: modele.titre,
    parties,
    nombreParties: parties.length,
    plusieursAutresParties: parties.length > 2,
    membres: Object.fromEntries(membres),
    donnees,
    options: (modele.options ?? []).filter((o) => Array.isArray(chosen) && chosen.includes(o)),
    libelles: catalogue.libelles ?? {},
    variantes: variantsOf(catalogue, facts),
    financement: composeFunding(data.financement as Financement | undefined, parties),
    referents,
    referentsParPartie: groupReferents(referents, parties),
    rgpd: composeRgpd(catalogue, regimes, donnees, composeDpo((valueAt(data, ['rgpd', 'dpo']) as Dpo[] | undefined) ?? [], parties), membres),
    duree: composeDuration(data.duree as Duree),
    preambule: [`${type}/preambule.${modeleId}`, `${type}/preambule`],
    blocFinal: finalBlock === null ? null : finalBlock.includes('/') ? finalBlock : `${type}/${finalBlock}`,
    articles,
    annexes,
    signature: composeSignature({ ...signature, ordre: signature.ordre ?? defaultOrder }, parties),
    meta: {
      title: `${modele.titre.charAt(0)}${modele.titre.slice(1).toLocaleLowerCase('fr-FR')} – ${parties.map((p) => p.nomCourt).join(', ')}`,
      subject: catalogue.description,
      creator: (auteur ?? parties[0]!).nom,
      dateSignature: signature.date,
    },
  };
  // Each place is a field of the model too (`{{Le caisse}}`); assigned rather than spread into the
  // literal, which would make every model an object V8 reads slowly.
  for (const place in places) (model as unknown as Record<string, unknown>)[place] = places[place];
  return model;
}
