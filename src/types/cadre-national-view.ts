/** What the cadre-national templates see beyond the common document model. */
import type { ArticleView, DocumentModel, PartyView, RgpdView } from '../core/model.js';

/** A point of a bullet list, with its sub-points. */
export interface PointView {
  texte: string;
  sousPoints: string[];
}

/** A block of text: an optional bold heading, paragraphs, a bullet list. */
export interface BlocView {
  intertitre: string | null;
  paragraphes: string[];
  points: PointView[];
}

/**
 * How the text names a party, with its article or without (« Pôle emploi », « France Travail »
 * take none): « la Cnam », « La Cnam », « de la Cnam », « à la Cnam »; « France Travail »,
 * « de France Travail », « à France Travail ».
 */
export interface NamesView {
  /** The full name with its article, capitalised: « L'Union Nationale des Missions Locales ». */
  LeNom: string;
  le: string;
  Le: string;
  du: string;
  au: string;
}

/**
 * The partner's local structures (« la Mission Locale », « les Missions Locales »). It carries
 * `sigle`, `nomCourt`, `nom` and `feminin`, so the party helpers (le, du, accord…) accept it.
 */
export interface NetworkView extends NamesView {
  sigle: string;
  nomCourt: string;
  nom: string;
  feminin: boolean;
  pluriel: string;
  /** « les Missions Locales », « des Missions Locales », « aux Missions Locales ». */
  les: string;
  des: string;
  aux: string;
  /** « une ou des Missions Locales », « un ou des CCAS ». */
  unOuDes: string;
}

/** A party named by its kind rather than by its name (« la caisse »), for the party helpers. */
export interface GenericPartyView {
  sigle: string;
  nomCourt: string;
  nom: string;
  feminin: boolean;
  sansArticle: boolean;
}

export interface CommitmentSectionView {
  titre: string;
  introduction: string[];
  communs: PointView[];
  cnam: PointView[];
  partenaire: PointView[];
  /** Both common and party-specific commitments: the article gets two sub-articles. */
  sousArticles: boolean;
  /** The last commitment article (where the conventions d'application paragraph goes). */
  dernier: boolean;
}

export interface CadreNationalArticleView extends ArticleView {
  /** The commitments of an engagement article, else null. */
  engagement: CommitmentSectionView | null;
}

export interface CadreNationalView extends DocumentModel {
  articles: CadreNationalArticleView[];
  cnam: PartyView;
  partenaire: PartyView;
  reseau: NetworkView;
  presentations: {
    intertitres: boolean;
    /** Bespoke presentation of the Assurance Maladie, or null for the stock national text. */
    assuranceMaladie: BlocView[] | null;
    partenaire: BlocView[] | null;
    beneficiaires: string | null;
  };
  /** Bespoke objectives, or null for the stock text. */
  objectifs: BlocView[] | null;
  /** « à l'article 2 », « aux articles 2 et 3 »: the commitment articles. */
  renvoiEngagements: string;
  publics: BlocView[];
  copil: {
    /** « autant que nécessaire », « une fois par an »… */
    reunions: string;
    directionsMetiers: boolean;
    programmeTravail: boolean;
    echangesInformels: boolean;
    indicateurs: boolean;
  };
  local: {
    introduction: string[];
    echelonRegional: boolean;
    /** Socle or options given: the article lists the cooperations local conventions may pick. */
    pistes: boolean;
    transcription: boolean;
    cooperationsLocales: boolean;
    socle: { theme: string; points: PointView[] }[];
    options: PointView[];
    missionsReferents: PointView[] | null;
    sollicitations: { cnam: PointView[]; partenaire: PointView[] } | null;
    periodeCopil: string | null;
  };
  siteInternet: string | null;
  conventionsApplication: { theme: string; intitule: string }[];
  enTete: string[] | null;
  /**
   * The RGPD view of the annex for local application, for the shared sous-traitance clauses: the
   * caisse, named generically, as controller; the partner's local structure as processor.
   */
  rgpdLocal: Omit<RgpdView, 'responsable' | 'sousTraitant'> & { responsable: GenericPartyView | null; sousTraitant: NetworkView | null };
}
