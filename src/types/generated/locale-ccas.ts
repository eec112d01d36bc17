/* Generated from schemas/locale-ccas.schema.json by scripts/schema-types.mjs: do not edit, run `npm run types`. */

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
 * Adresse électronique, par exemple prenom.nom@assurance-maladie.fr.
 */
export type Courriel = string;
/**
 * Numéro de téléphone français à dix chiffres, par exemple 04 77 58 04 55.
 */
export type Telephone = string;
/**
 * Date au format AAAA-MM-JJ, par exemple 2024-11-14.
 */
export type Date = string;

/**
 * Convention locale de partenariat entre une caisse primaire (CPAM), le cas échéant la CARSAT pour le service social, et un centre communal ou intercommunal d'action sociale (CCAS ou CIAS).
 */
export interface LocaleCcasConvention {
  /**
   * Chemin du schéma, pour les éditeurs (facultatif).
   */
  $schema?: string;
  /**
   * Toujours « locale-ccas » pour ce modèle.
   */
  type: 'locale-ccas';
  /**
   * « unccas-2022 » : modèle national UNCCAS–Cnam (thématiques, tronc commun et tronc optionnel) ; « departemental » : modèle départemental (information, accueil, dossiers CSS/AME, indicateurs).
   */
  modele: 'unccas-2022' | 'departemental';
  /**
   * La CPAM, la CARSAT si le service social s'engage, et le CCAS ou CIAS, dans l'ordre où le document les présente.
   *
   * @minItems 2
   * @maxItems 3
   */
  parties: (Partie & {
    /**
     * « cpam » (caisse primaire, ou CGSS), « carsat » (service social de l'Assurance Maladie), « ccas » ou « cias ».
     */
    role?: 'cpam' | 'carsat' | 'ccas' | 'cias';
  })[];
  /**
   * Vrai si la convention s'adosse à la convention Espace Partenaires déjà signée par le partenaire (la mention est ajoutée après les parties).
   */
  espace_partenaires?: boolean;
  /**
   * Date de la lettre d'intention nationale dont la convention est le pendant local (modèle unccas-2022).
   */
  lettre_intention?: string;
  /**
   * Identifiants des thématiques du catalogue à citer à l'article des engagements (modèle unccas-2022 ; par défaut, toutes).
   */
  thematiques?: (
    | 'acces-droits'
    | 'parcours-soins'
    | 'renoncement-soins'
    | 'prevention-sante'
    | 'service-social'
    | 'action-sanitaire-sociale'
    | 'services-en-ligne'
    | '1000-premiers-jours'
    | 'mon-soutien-psy'
  )[];
  /**
   * Engagements optionnels choisis dans le catalogue du type, et engagements propres à cette convention. Le socle du modèle est toujours inclus.
   */
  engagements?: {
    /**
     * Identifiants du catalogue : « prevention-offres-complementaires » et « initiatives-locales » (tronc optionnel du modèle unccas-2022), « dossiers-css-ame » (modèle départemental). « initiatives-locales » n'a pas de texte type : il exige la rubrique « initiatives_locales ».
     */
    options?: ('prevention-offres-complementaires' | 'initiatives-locales' | 'dossiers-css-ame')[];
    /**
     * Texte de l'engagement optionnel « initiatives-locales », exigé quand il est choisi : les initiatives locales convenues pour améliorer l'accès aux droits et aux soins des publics en situation de précarité, et les moyens que les parties y consacrent.
     */
    initiatives_locales?: {
      /**
       * Les initiatives convenues, par exemple « Permanence mensuelle d'un conseiller de la CPAM au CCAS » ; une ligne vide sépare deux paragraphes.
       */
      actions: string;
      /**
       * Les moyens que l'Assurance Maladie et le partenaire consacrent à ces initiatives ; une ligne vide sépare deux paragraphes.
       */
      moyens: string;
    };
    /**
     * Délai, en jours calendaires, dans lequel la caisse instruit les dossiers CSS et AME transmis (engagement « dossiers-css-ame » ; 30 par défaut).
     */
    delai_instruction_jours?: number;
    /**
     * Engagements rédigés pour cette convention, ajoutés après ceux du catalogue.
     */
    specifiques?: ({} & {
      /**
       * Intitulé de l'engagement, qui devient un sous-article numéroté.
       */
      titre: string;
      /**
       * Texte de l'engagement ; une ligne vide sépare deux paragraphes.
       */
      texte?: string;
      /**
       * Points énumérés après le texte.
       *
       * @minItems 1
       */
      liste?: string[];
    })[];
  };
  /**
   * Au moins un référent par partie signataire.
   *
   * @minItems 1
   */
  referents: Referent[];
  /**
   * Fréquence du comité de pilotage ou de suivi et, pour le modèle départemental, indicateurs du bilan annuel.
   */
  suivi?: {
    /**
     * « annuelle », « semestrielle » ou « trimestrielle » (annuelle par défaut).
     */
    frequence?: 'annuelle' | 'semestrielle' | 'trimestrielle';
    /**
     * Indicateurs du bilan annuel (modèle départemental ; par défaut ceux du catalogue).
     *
     * @minItems 1
     */
    indicateurs?: string[];
  };
  /**
   * Régimes RGPD des échanges prévus par la convention et coordonnées des délégués à la protection des données.
   */
  rgpd: {
    /**
     * « sous-traitance » : le partenaire transmet des détections pour le compte de la caisse (annexe RGPD jointe) ; « responsables-distincts » : autres échanges, chaque partie responsable de ses traitements ; « sans-echange » : aucune donnée personnelle échangée.
     *
     * @minItems 1
     */
    regimes: ('sous-traitance' | 'responsables-distincts' | 'sans-echange' | 'conventions-application')[];
    /**
     * Coordonnées du délégué de chaque partie concernée ; requises pour la sous-traitance (caisse et partenaire).
     */
    dpo?: Dpo[];
  };
  /**
   * Documents joints à la convention, par identifiant du catalogue (« flyer-eps », « brochure-carsat », « 1000-premiers-jours », « supports-numeriques », « suivi-indicateurs ») ou par intitulé. L'annexe RGPD est ajoutée d'office quand le régime l'exige.
   */
  annexes?: (
    | ('flyer-eps' | 'brochure-carsat' | '1000-premiers-jours' | 'supports-numeriques' | 'suivi-indicateurs')
    | {
        /**
         * Intitulé du document joint.
         */
        titre: string;
      }
  )[];
  duree: Duree;
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
 * Coordonnées du délégué à la protection des données (DPO) d'une partie, reproduites dans l'annexe RGPD.
 */
export interface Dpo {
  /**
   * Rôle de la partie dont c'est le délégué (cpam, ccas…).
   */
  partie: string;
  civilite?: Civilite;
  /**
   * Prénom, tel qu'il s'écrit (« Ingrid »).
   */
  prenom: string;
  /**
   * Nom de famille ; il est écrit en capitales dans le document (« CERDA »).
   */
  nom: string;
  courriel: Courriel;
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
