/**
 * The document model: what compose decides and what templates see. Every optional value is present
 * as `null` (never missing), because templates run in Handlebars strict mode, where a missing field
 * is an error rather than an empty string in a signed document.
 */

export interface PersonView {
  civilite: 'Madame' | 'Monsieur' | null;
  /** "Ingrid CERDA": first name as written, surname in capitals. */
  nomComplet: string;
  /** "Madame Ingrid CERDA", or "Ingrid CERDA" without civility. */
  nomAvecCivilite: string;
  feminin: boolean;
}

export interface RepresentativeView extends PersonView {
  /** "Directrice", as the YAML gives it. */
  fonction: string;
  /** "sa Directrice", "son Directeur", "son Adjointe" (elision before a vowel). */
  fonctionPossessive: string;
  /** "La Directrice", "Le Président", "L'Administratrice". */
  fonctionArticle: string;
  qualite: string | null;
  /** The "P.O." signatory, when the representative delegates the signature. */
  delegataire: { nomComplet: string; fonction: string } | null;
}

/**
 * How the text names something (a party, several parties at one place, a partner's network): what
 * the helpers `le`, `du`, `au`, `accord`… need.
 */
export interface DesignationView {
  /** Full name without article: "Caisse Primaire d'Assurance Maladie de la Loire". */
  nom: string;
  nomCourt: string;
  /** First denomination: the acronym used in the text ("CPAM", "CCAS"). */
  sigle: string;
  feminin: boolean;
  /** The name is used without article ("France Travail", "de France Travail"). */
  sansArticle: boolean;
  /**
   * Names the several parties of one place at once: `le`, `du`, `au` then give the plural
   * ("les Missions Locales signataires") and `Chaque` the distributive ("Chaque Mission Locale
   * signataire").
   */
  plusieurs: boolean;
  /** The plural without article when `plusieurs` ("Missions Locales signataires"), else null. */
  pluriel: string | null;
}

export interface PartyView extends DesignationView {
  role: string;
  denominations: string[];
  adresse: string;
  /** The address after « Située » : « au 1 parvis Pierre Laroque, … », « place de l'Europe, … »; null when it names no street (« BP 12 »). */
  situation: string | null;
  representant: RepresentativeView;
  siret: string | null;
  courriel: string | null;
  presentation: string[] | null;
}

/**
 * A designation written in the YAML rather than a party (the local structures of a national
 * partner): the helpers accept it as they accept a party.
 */
export interface DesignationData {
  singulier: string;
  pluriel: string | null;
  genre: 'féminin' | 'masculin';
}

export interface ReferentView {
  partie: PartyView;
  /** "Aurélie SEGA MARCONNET", or null for a referent named by function only. */
  nomComplet: string | null;
  fonction: string;
  courriel: string | null;
  telephone: string | null;
}

export interface DpoView {
  partie: PartyView;
  nomComplet: string;
  courriel: string;
  telephone: string | null;
}

export interface ArticleView {
  id: string;
  numero: number;
  titre: string;
  /** Partials that may render the body, most specific first; render uses the first that exists. */
  candidats: string[];
  /** Heading of the group ("TITRE I : …") this article opens, or null. */
  groupe: string | null;
  /** Id of the catalogue entry it comes from (the same for every article of a repeated entry). */
  source: string;
  /** The catalogue's parameters of the article (the wording a shared clause takes). */
  parametres: Record<string, unknown>;
  /** The YAML list element a repeated article is made of, or null. */
  element: unknown;
  /** Last (or only) article of its catalogue entry. */
  dernier: boolean;
}

export interface AnnexView {
  id: string;
  numero: number;
  titre: string;
  /** Partial that renders a generated annex; null for a document joined as is. */
  partial: string | null;
  /** A generated annex written as a document of its own rather than at the end of the convention. */
  separee: boolean;
  /**
   * How it reaches the reader: written by the tool (`redigee`), a file the YAML names, appended to
   * the PDF (`fichier`), or a document handed over separately (`joint-separement`).
   */
  fourniture: 'redigee' | 'fichier' | 'joint-separement';
  /** The file the YAML names (relative to the YAML's folder), for `fourniture: 'fichier'`. */
  fichier: string | null;
}

export interface SignatoryView {
  partie: PartyView;
  /** "La Directrice de la CPAM de la Loire". */
  titre: string;
  nomComplet: string;
  delegataire: { nomComplet: string; fonction: string } | null;
}

export interface RgpdView {
  sousTraitance: boolean;
  responsablesDistincts: boolean;
  sansEchange: boolean;
  conventionsApplication: boolean;
  /** The processor's detecting staff's data are processed too (Mission Locale annex, section 10). */
  donneesDetecteurs: boolean;
  /**
   * Controller and processor when the regime is sous-traitance, from the catalogue's places; the
   * processor is one party, or several named one by one (« la Mission Locale signataire »), or a
   * designation of the YAML (a national partner's local structures).
   */
  responsable: PartyView | DesignationData | null;
  sousTraitant: PartyView | DesignationData | null;
  dpo: DpoView[];
}

export interface DocumentModel {
  type: string;
  modele: string;
  titre: string;
  parties: PartyView[];
  /** Number of parties, and whether the text says "les autres parties" rather than "l'autre partie". */
  nombreParties: number;
  plusieursAutresParties: boolean;
  /**
   * The parties at each place of the type's catalogue (`membres.missionLocale`). Each place is also
   * a field of the model: its party, a view of its several parties, or null (`{{Le caisse}}`).
   */
  membres: Record<string, PartyView[]>;
  /**
   * The YAML as written, with the schema's defaults for absent fields (`null` where none), lists of
   * fixed values in the schema's order, and `[article:id]` replaced by the article's number: what a
   * type's templates read beyond the views (`donnees.suivi.frequence`).
   */
  donnees: Record<string, unknown>;
  /** Options of the drafting model the YAML chose, in the model's order. */
  options: string[];
  /** The catalogue's texts for fixed values, by path (see the `libelle` helper). */
  libelles: Record<string, Record<string, string | undefined> | undefined>;
  /** The financial provisions (the YAML's `financement`), or null: the convention is then concluded without financial consideration. */
  financement: FundingView | null;
  /** The catalogue's texts that depend on the date or the place (`variantes`), the version that fits, or null. */
  variantes: Record<string, string | null>;
  referents: ReferentView[];
  referentsParPartie: { partie: PartyView; referents: ReferentView[] }[];
  rgpd: RgpdView;
  duree: {
    annees: number;
    /** "un an", "trois ans". */
    texte: string;
    tacite: boolean;
    preavisMois: number | null;
  };
  /** Partials that may render the préambule, most specific first. */
  preambule: string[];
  /** Partial rendered after the signatures (a partner's letterhead block), or null. */
  blocFinal: string | null;
  articles: ArticleView[];
  annexes: AnnexView[];
  signature: {
    lieu: string;
    /** "14 novembre 2024". */
    date: string;
    exemplaires: number;
    /** "trois" (in letters up to ten). */
    exemplairesEnLettres: string;
    signataires: SignatoryView[];
  };
  meta: {
    title: string;
    subject: string;
    creator: string;
    /** ISO date of signature, used for the document's fixed dates. */
    dateSignature: string;
  };
}

/** A sum one party pays another, with its schedule (common block `financement`). */
export interface FundingView {
  /** « 60 000 € ». */
  montant: string;
  payeur: PartyView;
  beneficiaire: PartyView;
  /** What the sum funds, or null. */
  objet: string | null;
  echeances: { montant: string; date: string | null; evenement: string | null }[];
  justificatifs: string[];
  /** Months after each year of the convention within which the justification is given. */
  delaiMois: number;
  reliquat: string;
}
