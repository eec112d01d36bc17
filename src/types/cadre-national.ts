/**
 * Type `cadre-national`: the Cnam and one national partner (an operator such as France Travail, a
 * union of networks such as the UNML or the UNCCAS). The articles are grouped in titles ("TITRE I :
 * …") and numbered across them; the commitments, publics and the socle and options of the local
 * conventions are data of the YAML, the standard clauses are the type's templates.
 */
import { clauseCandidates, composeDuration, composeParty, composeReferents, composeRgpd, composeSignature, groupReferents, numberAnnexes, numberArticles, paragraphs, partyByRole } from '../core/compose.js';
import { capitalize, oneOrMore, withA, withArticle, withDe } from '../core/french.js';
import type { PartyView } from '../core/model.js';
import type { RgpdRegime } from '../core/rgpd.js';
import type { Bloc, CadreNationalConvention, Point } from './generated/cadre-national.js';
import type { BlocView, CadreNationalArticleView, CadreNationalView, CommitmentSectionView, GenericPartyView, NamesView, NetworkView, PointView } from './cadre-national-view.js';

import { TYPE, getCatalogue, MEETINGS, ARTICLE_REFERENCE, commitmentIds, joinedAnnexes, articlePlan } from './cadre-national-rules.js';
export { checkRules } from './cadre-national-rules.js';

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
    unOuDes: oneOrMore(pluriel, feminin),
  };
}

function genericParty(party: { nom: string; genre: string }): GenericPartyView {
  return { sigle: party.nom, nomCourt: party.nom, nom: party.nom, feminin: party.genre === 'féminin', sansArticle: false };
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
    rgpdLocal: {
      ...rgpd,
      responsable: rgpd.sousTraitance ? genericParty(cat.annexe_rgpd.responsable) : null,
      sousTraitant: rgpd.sousTraitance ? reseau : null,
    },
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
