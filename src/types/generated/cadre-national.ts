/* Generated from schemas/cadre-national.schema.json by scripts/schema-types.mjs: do not edit, run `npm run types`. */

/**
 * Genre du nom de l'organisme, pour accorder le texte : « La Caisse … Située … Représentée » (féminin) ou « Le Centre … Situé … Représenté » (masculin).
 */
export type Genre = 'féminin' | 'masculin';
/**
 * « Madame » ou « Monsieur » : accorde la fonction (« sa Directrice », « son Président »).
 */
export type Civilite = 'Madame' | 'Monsieur';
/**
 * Quatorze chiffres, espaces permis : « 264 210 295 000 20 ».
 */
export type Siret = string;
/**
 * Un intertitre facultatif, des paragraphes (une ligne vide les sépare) et une liste à puces facultative.
 */
export type Bloc = Bloc1 & {
  /**
   * Intertitre en gras placé avant le bloc (facultatif).
   */
  intertitre?: string;
  /**
   * Texte du bloc ; une ligne vide sépare deux paragraphes.
   */
  texte?: string;
  liste?: Liste;
};
export type Bloc1 = {
  [k: string]: unknown | undefined;
};
/**
 * Un point d'une liste à puces : un texte, ou un objet avec un texte et des sous-points. « [article:ID] » dans un texte renvoie au numéro de l'article d'identifiant ID (par exemple [article:information]).
 */
export type Point =
  | string
  | {
      /**
       * Texte du point, suivi de ses sous-points.
       */
      texte: string;
      /**
       * Sous-points énumérés sous ce point.
       *
       * @minItems 1
       */
      liste: string[];
    };
/**
 * Points énumérés, dans l’ordre.
 *
 * @minItems 1
 */
export type Liste = Point[];
/**
 * Présentation propre à cette convention (par exemple une stratégie dédiée au public) ; à défaut, le texte type de l'Assurance Maladie au niveau national.
 *
 * @minItems 1
 */
export type Blocs = Bloc[];
/**
 * Présentation du partenaire national : missions, réseau, ambitions.
 *
 * @minItems 1
 */
export type Blocs1 = Bloc[];
/**
 * Texte de l’article des objectifs ; à défaut, le texte type (renforcer et homogénéiser les relations, initier de nouvelles coopérations, définir un cadre pour ces coopérations).
 *
 * @minItems 1
 */
export type Blocs2 = Bloc[];
/**
 * Points énumérés, dans l’ordre.
 *
 * @minItems 1
 */
export type Liste1 = Point[];
/**
 * Points énumérés, dans l’ordre.
 *
 * @minItems 1
 */
export type Liste2 = Point[];
/**
 * Points énumérés, dans l’ordre.
 *
 * @minItems 1
 */
export type Liste3 = Point[];
/**
 * Publics au bénéfice desquels la convention est conclue.
 *
 * @minItems 1
 */
export type Blocs3 = Bloc[];
/**
 * Adresse électronique, par exemple prenom.nom@assurance-maladie.fr.
 */
export type Courriel = string;
/**
 * Numéro de téléphone français à dix chiffres, par exemple 04 77 58 04 55.
 */
export type Telephone = string;
/**
 * Points énumérés, dans l’ordre.
 *
 * @minItems 1
 */
export type Liste4 = Point[];
/**
 * Points énumérés, dans l’ordre.
 *
 * @minItems 1
 */
export type Liste5 = Point[];
/**
 * Points énumérés, dans l’ordre.
 *
 * @minItems 1
 */
export type Liste6 = Point[];
/**
 * Points énumérés, dans l’ordre.
 *
 * @minItems 1
 */
export type Liste7 = Point[];
/**
 * Date au format AAAA-MM-JJ, par exemple 2024-11-14.
 */
export type Date = string;

/**
 * Convention-cadre de partenariat entre la Caisse nationale d'Assurance Maladie (Cnam) et un partenaire national (opérateur, union de réseau) : engagements communs et propres à chaque partie, publics, référents et comité de pilotage nationaux, cadre des conventions locales (socle et options), dispositions générales.
 */
export interface CadreNationalConvention {
  /**
   * Chemin du schéma, pour les éditeurs (facultatif).
   */
  $schema?: string;
  /**
   * Toujours « cadre-national » pour ce modèle.
   */
  type: 'cadre-national';
  /**
   * La Cnam (rôle « cnam ») et le partenaire national (rôle « partenaire »), dans l’ordre où le document les présente.
   *
   * @minItems 2
   * @maxItems 2
   */
  parties: (Partie & {
    /**
     * « cnam » (Caisse nationale d’Assurance Maladie) ou « partenaire » (le partenaire national).
     */
    role?: 'cnam' | 'partenaire';
  })[];
  /**
   * Les structures locales du partenaire avec lesquelles les caisses concluent les conventions locales (« Mission Locale », « agence France Travail »).
   */
  reseau: {
    /**
     * Sans article : « Mission Locale », « structure locale de France Travail ».
     */
    singulier: string;
    /**
     * Sans article : « Missions Locales », « structures locales de France Travail ».
     */
    pluriel: string;
    genre: Genre;
  };
  /**
   * Présentations des parties et phrase de conclusion du préambule.
   */
  preambule?: {
    /**
     * Vrai pour faire précéder chaque présentation du nom de la partie en intertitre.
     */
    intertitres?: boolean;
    assurance_maladie?: Blocs;
    partenaire?: Blocs1;
    /**
     * Complète la phrase finale « … une relation privilégiée entre les partenaires signataires, au bénéfice des … » : « assurés demandeurs d'emploi accompagnés par France Travail » (facultatif).
     */
    beneficiaires?: string;
  };
  objectifs?: Blocs2;
  /**
   * Intitulés propres à cette convention des titres qui regroupent les articles (facultatif ; le numéro « TITRE I » est ajouté d’office).
   */
  titres?: {
    /**
     * Par défaut « Objectifs de la convention-cadre ».
     */
    objectifs?: string;
    /**
     * Par défaut « Partenariat national ».
     */
    national?: string;
    /**
     * Par défaut « Partenariats locaux ».
     */
    local?: string;
    /**
     * Par défaut « Modalités applicables au national et au local ».
     */
    dispositions?: string;
  };
  /**
   * Un article par entrée : engagements communs, puis ceux de la Cnam et ceux du partenaire.
   *
   * @minItems 1
   */
  engagements: ({
    [k: string]: unknown | undefined;
  } & {
    /**
     * Identifiant de l'article, pour y renvoyer par [article:ID] (par défaut « engagements », « engagements-2 »…).
     */
    id?: string;
    /**
     * « Engagements réciproques », « Information / connaissance réciproque »…
     */
    titre: string;
    /**
     * Paragraphes placés avant les engagements (facultatif).
     */
    introduction?: string;
    communs?: Liste1;
    cnam?: Liste2;
    partenaire?: Liste3;
  })[];
  publics: Blocs3;
  /**
   * Au moins un référent par partie : une personne nommée, ou une direction désignée par sa seule fonction.
   *
   * @minItems 1
   */
  referents: Referent[];
  /**
   * Composition, missions et fréquence du comité de pilotage national.
   */
  comite_pilotage?: {
    /**
     * « autant-que-necessaire », « annuelle », « semestrielle » ou « deux-puis-annuelle » (deux fois la première année, puis une fois par an ; par défaut).
     */
    frequence?: 'autant-que-necessaire' | 'annuelle' | 'semestrielle' | 'deux-puis-annuelle';
    /**
     * Vrai si le comité associe les directions métiers de chaque réseau concernées par les actions.
     */
    directions_metiers?: boolean;
    /**
     * Vrai si le comité établit et suit chaque année un programme de travail commun.
     */
    programme_travail?: boolean;
    /**
     * Vrai si le comité complète des échanges réguliers informels entre les parties.
     */
    echanges_informels?: boolean;
    /**
     * Vrai si le comité suit des indicateurs, non contractuels, déterminés à son initiative.
     */
    indicateurs?: boolean;
  };
  /**
   * Cadre des conventions que les caisses concluent avec les structures locales du partenaire.
   */
  conventions_locales?: {
    /**
     * Paragraphes placés en tête du titre des partenariats locaux (facultatif).
     */
    introduction?: string;
    /**
     * Vrai si les conventions peuvent être régionales et associer CPAM, CES et CARSAT, coordonnées par les caisses régionales référentes.
     */
    echelon_regional?: boolean;
    /**
     * Vrai si les conventions locales transcrivent les engagements des articles d’engagements (par défaut vrai).
     */
    transcription?: boolean;
    /**
     * Vrai si les conventions locales peuvent être complétées de coopérations co-construites localement.
     */
    cooperations_locales?: boolean;
    /**
     * Coopérations que toute convention locale peut reprendre, par thème (information, orientation…).
     *
     * @minItems 1
     */
    socle?: {
      /**
       * « Information », « Orientation », « Prévention de la désinsertion professionnelle (PDP) », « Animation de la convention »…
       */
      theme: string;
      liste: Liste;
    }[];
    options?: Liste4;
    missions_referents?: Liste5;
    /**
     * Ce pour quoi le référent de chaque partie peut solliciter celui de l’autre (facultatif).
     */
    sollicitations?: {
      partenaire: Liste6;
      cnam: Liste7;
    };
    /**
     * Période de la réunion annuelle du comité de pilotage local, par exemple « janvier – février » (facultatif).
     */
    periode_copil?: string;
  };
  /**
   * « ouverture-donnees » (ouverture des données publiques), « documents-contractuels », « frais » (aucun flux financier), « communication » ; texte type du catalogue.
   */
  articles_optionnels?: ('ouverture-donnees' | 'documents-contractuels' | 'frais' | 'communication')[];
  /**
   * Adresse où le partenaire publie la convention (article « ouverture-donnees »).
   */
  site_internet?: string;
  /**
   * Conventions d'application nationales qui complètent la convention-cadre (article « documents-contractuels »).
   *
   * @minItems 1
   */
  conventions_application?: {
    /**
     * Thème de la convention d'application, par exemple « accès aux droits et aux soins ».
     */
    theme: string;
    /**
     * Intitulé complet de la convention d'application.
     */
    intitule: string;
  }[];
  /**
   * Lignes du bloc d'en-tête du partenaire (nom, adresse, téléphone, SIRET…), reproduit après les signatures (facultatif).
   *
   * @minItems 1
   */
  en_tete_partenaire?: string[];
  /**
   * Régimes RGPD des échanges que la convention-cadre encadre.
   */
  rgpd: {
    /**
     * « conventions-application » : chaque échange de données fait l'objet d'une convention d'application (pas d'annexe) ; « sous-traitance » : les structures locales du partenaire détectent des assurés pour le compte des caisses (annexe « application locale » jointe) ; « responsables-distincts » : autres échanges, chaque partie responsable de ses traitements.
     *
     * @minItems 1
     */
    regimes: ('conventions-application' | 'sous-traitance' | 'responsables-distincts')[];
    /**
     * Vrai si l'annexe de sous-traitance traite aussi des données des professionnels qui détectent (formulaire de détection, conservées deux ans).
     */
    donnees_detecteurs?: boolean;
  };
  /**
   * Documents joints à la convention-cadre, par identifiant du catalogue (« modele-convention-locale », « note-methode ») ou par intitulé. L’annexe RGPD est ajoutée d’office quand le régime l’exige.
   */
  annexes?: (
    | ('modele-convention-locale' | 'note-methode')
    | {
        /**
         * Intitulé du document joint.
         */
        titre: string;
      }
  )[];
  /**
   * Un an (renouvellement tacite, le plus souvent) ou trois ans (renouvellement exprès, le plus souvent), à compter de la signature.
   */
  duree: Duree & {
    /**
     * 1 ou 3 ans.
     */
    annees?: 1 | 3;
  };
  signature: Signature;
}
/**
 * Un organisme signataire de la convention.
 */
export interface Partie {
  /**
   * Rôle de l'organisme dans la convention ; les rôles admis dépendent du type de convention.
   */
  role: string;
  /**
   * Nom complet de l'organisme, sans article : « Caisse Primaire d'Assurance Maladie de la Loire ».
   */
  nom: string;
  genre: Genre;
  /**
   * Vrai pour un organisme dont le nom s'emploie sans article (« Pôle emploi », « France Travail ») : le texte écrit « de France Travail », jamais « du France Travail ».
   */
  sans_article?: boolean;
  /**
   * Nom abrégé qui désigne l'organisme dans le texte et les signatures, sans article : « CPAM de la Loire », « CCAS de Montbrison ».
   */
  nom_court: string;
  /**
   * Ce que la convention appelle ensuite l'organisme : « Ci-après dénommée « CPAM » ou « l'Assurance Maladie » ». La première est le sigle employé dans le texte.
   *
   * @minItems 1
   * @maxItems 3
   */
  denominations: string[];
  adresse: Adresse;
  representant: Representant;
  siret?: Siret;
  /**
   * Boîte fonctionnelle de l'organisme pour ses partenaires (facultatif), citée là où le texte y renvoie.
   */
  courriel?: string;
  /**
   * Paragraphe propre à l'organisme, placé dans le préambule (facultatif ; le texte type de l'Assurance Maladie est ajouté d'office).
   */
  presentation?: string;
  /**
   * Image PNG ou JPEG du logo de l'organisme, chemin relatif au fichier YAML (par exemple logos/cpam.png) ; placée en tête de la première page (facultatif, 1 Mo au plus).
   */
  logo?: string;
}
/**
 * Adresse postale du siège de l'organisme.
 */
export interface Adresse {
  /**
   * Numéro et nom de la voie, par exemple « 1 Parvis Pierre Laroque ».
   */
  voie: string;
  /**
   * Bâtiment, boîte postale… (facultatif).
   */
  complement?: string;
  /**
   * Code postal ou code CEDEX à cinq chiffres, par exemple 42027.
   */
  code_postal: string;
  /**
   * Commune, suivie le cas échéant de la mention CEDEX, par exemple « Lyon CEDEX 3 ».
   */
  commune: string;
}
/**
 * La personne qui représente l'organisme et, sauf délégation, signe la convention.
 */
export interface Representant {
  civilite: Civilite;
  /**
   * Prénom, tel qu'il s'écrit (« Ingrid »).
   */
  prenom: string;
  /**
   * Nom de famille ; il est écrit en capitales dans le document (« CERDA »).
   */
  nom: string;
  /**
   * Fonction accordée à la civilité, sans article : « Directrice », « Directeur général », « Président ».
   */
  fonction: string;
  /**
   * Autre qualité mentionnée après le nom (facultatif), par exemple « Maire de Marolles-en-Hurepoix ».
   */
  qualite?: string;
  /**
   * Personne qui signe « P.O. » (pour ordre) à la place du représentant, avec sa fonction (facultatif).
   */
  delegataire?: {
    civilite?: Civilite;
    /**
     * Prénom, tel qu'il s'écrit (« Ingrid »).
     */
    prenom: string;
    /**
     * Nom de famille ; il est écrit en capitales dans le document (« CERDA »).
     */
    nom: string;
    /**
     * Fonction complète, article compris : « Le Directeur de la Santé au Travail et de l'Accompagnement Social ».
     */
    fonction: string;
  };
}
/**
 * Interlocuteur désigné par une partie pour faire vivre la convention.
 */
export interface Referent {
  /**
   * Rôle de la partie qui désigne ce référent (cpam, carsat, ccas…).
   */
  partie: string;
  civilite?: Civilite;
  /**
   * Prénom, tel qu'il s'écrit (« Ingrid »).
   */
  prenom?: string;
  /**
   * Nom de famille ; il est écrit en capitales dans le document (« CERDA »).
   */
  nom?: string;
  /**
   * Fonction, par exemple « Chargée de mission partenariats » ; pour un référent désigné par sa seule fonction, écrire la fonction avec son article : « le responsable du pôle précarité ».
   */
  fonction: string;
  courriel?: Courriel;
  telephone?: Telephone;
}
/**
 * Durée de la convention à compter de sa signature et mode de renouvellement.
 */
export interface Duree {
  /**
   * Durée initiale, en années (1 à 5).
   */
  annees: number;
  /**
   * « tacite » : reconduite sans formalité ; « expresse » : renouvelée par décision écrite des parties.
   */
  renouvellement: 'tacite' | 'expresse';
  /**
   * Délai, en mois, dans lequel une partie peut résilier par lettre recommandée avant l'échéance (facultatif).
   */
  preavis_mois?: number;
}
/**
 * Lieu et date de signature, et ordre des blocs de signature.
 */
export interface Signature {
  /**
   * Commune où la convention est signée (« Fait à … »).
   */
  lieu: string;
  date: Date;
  /**
   * Rôles des parties dans l'ordre des blocs de signature (facultatif ; par défaut l'ordre des parties).
   */
  ordre?: string[];
  /**
   * Vrai quand la date de signature est à venir (convention préparée à l'avance) ; sinon une date future est refusée.
   */
  prevue?: boolean;
  /**
   * Facultatif : s'il est donné, il doit être égal au nombre de signataires (un exemplaire original par signataire).
   */
  exemplaires?: number;
}
