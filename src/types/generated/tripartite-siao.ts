/* Generated from schemas/tripartite-siao.schema.json by scripts/schema-types.mjs: do not edit, run `npm run types`. */

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
 * Convention départementale de partenariat entre la caisse d'assurance maladie (CPAM ou CGSS), la caisse d'allocations familiales (Caf) et le service intégré de l'accueil et de l'orientation (SIAO), pour l'accès aux droits et aux soins des personnes hébergées en structure d'hébergement d'urgence ou à l'hôtel.
 */
export interface TripartiteSiaoConvention {
  /**
   * Chemin du schéma, pour les éditeurs (facultatif).
   */
  $schema?: string;
  /**
   * Toujours « tripartite-siao » pour ce modèle.
   */
  type: 'tripartite-siao';
  /**
   * Les trois signataires, dans l'ordre où le document les présente : la caisse d'assurance maladie (CPAM ou CGSS), la Caf et le SIAO. La présentation facultative d'une partie (par exemple l'association qui porte le SIAO) suit le texte type de son rôle à l'article « Objet ».
   *
   * @minItems 3
   * @maxItems 3
   */
  parties: (Partie & {
    /**
     * « caisse » (caisse primaire d'assurance maladie, ou caisse générale de sécurité sociale outre-mer), « caf » (caisse d'allocations familiales) ou « siao » (service intégré de l'accueil et de l'orientation).
     */
    role?: 'caisse' | 'caf' | 'siao';
  })[];
  /**
   * La direction déconcentrée de l'État informée des transmissions du SIAO et membre du comité de pilotage local (par défaut la DDETS, direction départementale de l'emploi, du travail et des solidarités ; outre-mer, la DEETS ou la DGCOPOP).
   */
  direction_etat?: {
    /**
     * Sigle de la direction, par exemple « DDETS » ou « DEETS ».
     */
    sigle: string;
    /**
     * Nom de la direction, sans article et en minuscules initiales : « direction de l'économie, de l'emploi, du travail et des solidarités ».
     */
    nom: string;
  };
  /**
   * Choix locaux de l'article « Actions communes » : modalités de déploiement de l'offre de service et intervention du service social de l'Assurance Maladie.
   */
  accompagnement?: {
    /**
     * « permanence-recurrente » (dossiers non identifiés à l'avance), « permanence-ponctuelle » (dossiers identifiés et regroupés par les structures d'hébergement), « rendez-vous » (téléphoniques ou physiques dans les locaux de la structure). Par défaut, les trois.
     *
     * @minItems 1
     */
    modalites?: ('permanence-recurrente' | 'permanence-ponctuelle' | 'rendez-vous')[];
    /**
     * Vrai si le service social de l'Assurance Maladie peut intervenir en niveau 2 pour les situations psychosociales complexes (vrai par défaut).
     */
    service_social?: boolean;
  };
  /**
   * Engagements ajoutés, partie par partie, à ceux du modèle national (toujours inclus).
   */
  engagements?: {
    /**
     * Points ajoutés à la liste des engagements du SIAO, rédigés à l'infinitif (« Transmettre… »).
     *
     * @minItems 1
     */
    siao?: string[];
    /**
     * Points ajoutés à la liste des engagements de la Caf, rédigés à l'infinitif.
     *
     * @minItems 1
     */
    caf?: string[];
    /**
     * Points ajoutés à la liste des engagements de la CPAM ou de la CGSS, rédigés à l'infinitif.
     *
     * @minItems 1
     */
    caisse?: string[];
  };
  /**
   * Au moins un référent local par partie signataire (rôles « caisse », « caf », « siao »).
   *
   * @minItems 3
   */
  referents: Referent[];
  /**
   * Annexe des indicateurs de l'évaluation annuelle : document joint tel quel, ou liste des indicateurs reproduite en annexe.
   */
  evaluation?: {
    /**
     * Intitulé de l'annexe (par défaut « Indicateurs de suivi et d'évaluation »).
     */
    titre_annexe?: string;
    /**
     * Indicateurs de l'évaluation annuelle ; s'ils sont donnés, l'annexe les reproduit, sinon elle est un document joint.
     *
     * @minItems 1
     */
    indicateurs?: string[];
  };
  /**
   * La convention tripartite ne prévoit aucun échange de données personnelles : seul le régime « sans-echange » est admis (c'est aussi la valeur par défaut).
   */
  rgpd?: {
    /**
     * « sans-echange » : aucune donnée personnelle n'est échangée entre les parties. Les autres régimes sont refusés pour ce type.
     *
     * @minItems 1
     */
    regimes: ('sous-traitance' | 'responsables-distincts' | 'sans-echange' | 'conventions-application')[];
  };
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
