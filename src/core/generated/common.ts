/* Generated from schemas/common.schema.json by scripts/schema-types.mjs: do not edit, run `npm run types`. */

/**
 * Texte libre, sans balise ni mise en forme.
 */
export type Texte = string;
/**
 * Genre du nom de l'organisme, pour accorder le texte : « La Caisse … Située … Représentée » (féminin) ou « Le Centre … Situé … Représenté » (masculin).
 */
export type Genre = 'féminin' | 'masculin';
/**
 * « Madame » ou « Monsieur » : accorde la fonction (« sa Directrice », « son Président »).
 */
export type Civilite = 'Madame' | 'Monsieur';
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
 * Quatorze chiffres, espaces permis : « 264 210 295 000 20 ».
 */
export type Siret = string;

export interface CommonDefinitions {
  texte: Texte;
  genre: Genre;
  civilite: Civilite;
  courriel: Courriel;
  telephone: Telephone;
  date: Date;
  adresse: Adresse;
  personne: Personne;
  representant: Representant;
  siret: Siret;
  partie: Partie;
  referent: Referent;
  dpo: Dpo;
  duree: Duree;
  financement: Financement;
  signature: Signature;
  annexe: Annexe;
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
 * Une personne nommée : civilité, prénom et nom.
 */
export interface Personne {
  civilite: Civilite;
  /**
   * Prénom, tel qu'il s'écrit (« Ingrid »).
   */
  prenom: string;
  /**
   * Nom de famille ; il est écrit en capitales dans le document (« CERDA »).
   */
  nom: string;
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
  courriel?: Courriel;
  /**
   * Paragraphe propre à l'organisme, placé dans le préambule (facultatif ; le texte type de l'Assurance Maladie est ajouté d'office) ; une ligne vide sépare deux paragraphes.
   */
  presentation?: string;
  /**
   * Image PNG ou JPEG du logo de l'organisme, chemin relatif au fichier YAML (par exemple logos/cpam.png) ; placée en tête de la première page (facultatif, 1 Mo au plus).
   */
  logo?: string;
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
 * Somme qu'une partie verse à une autre pour la mise en œuvre de la convention : montant, qui verse à qui, échéancier, justificatifs, sort des sommes non employées. Sans cette rubrique, la convention est conclue sans contrepartie financière.
 */
export interface Financement {
  /**
   * Montant total versé, en euros, sans espace ni symbole : 60000 (le document écrit « 60 000 € »).
   */
  montant: number;
  /**
   * Rôle de la partie qui verse la somme, par exemple « ars » ou « cpam ».
   */
  payeur: string;
  /**
   * Rôle de la partie qui reçoit la somme, par exemple « association ».
   */
  beneficiaire: string;
  /**
   * Ce que la somme finance, sans majuscule initiale ni point final : « les permanences d'accès aux droits tenues par les bénévoles de l'association » (facultatif).
   */
  objet?: string;
  /**
   * Les versements, dans l'ordre : chacun un montant en euros et une date (AAAA-MM-JJ) ou l'évènement qui le déclenche (« à la remise du bilan d'activité annuel »). Leur somme est le montant total.
   *
   * @minItems 1
   */
  echeancier: ({} & {
    /**
     * Montant de ce versement, en euros : 30000.
     */
    montant: number;
    date?: Date;
    /**
     * Ce qui déclenche le versement, sans majuscule initiale : « à la signature de la convention », « à la remise du bilan d'activité annuel ».
     */
    evenement?: string;
  })[];
  /**
   * Ce que la partie qui reçoit produit pour justifier l'emploi de la somme, sans majuscule initiale : « un bilan d'activité annuel », « un compte rendu financier signé par le président ».
   *
   * @minItems 1
   */
  justificatifs: string[];
  /**
   * Nombre de mois après la fin de chaque année de la convention dans lequel les justificatifs sont remis (6 par défaut).
   */
  delai_justification_mois?: number;
  /**
   * Sort des sommes non employées ou non justifiées : « reversement » (reversées à la partie qui verse) ou « deduction » (déduites du versement suivant, puis reversées au terme de la convention).
   */
  reliquat?: 'reversement' | 'deduction';
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
/**
 * Une annexe de la convention. Les annexes sont numérotées dans l'ordre de cette liste, puis viennent celles que l'outil ajoute d'office (l'annexe RGPD…) : chaque renvoi du texte type à une annexe (« annexe 2 ») reprend son numéro, et ajouter ou retirer une annexe renumérote tous les renvois. Une annexe est soit une annexe du catalogue du type, désignée par « id » (le texte type la cite), soit un document propre à la convention, désigné par son seul « titre ». Une annexe que l'outil ne rédige pas doit être fournie : par un fichier (« fichier »), ou déclarée jointe séparément (« joint_separement: true ») ; sinon validate la refuse (annexe-non-fournie).
 */
export interface Annexe {
  /**
   * Identifiant d'une annexe du catalogue du type, celui auquel le texte type renvoie (par exemple note-methode) ; les identifiants admis sont donnés par la rubrique « annexes » du type. Sans identifiant, l'annexe est un document propre à la convention, que nomme son titre.
   */
  id?: string;
  /**
   * Intitulé imprimé dans la liste des annexes (« Annexe 2 : <intitulé> »). Facultatif pour une annexe du catalogue, qui a son intitulé ; obligatoire pour un document propre à la convention.
   */
  titre?: string;
  /**
   * Chemin du fichier de l'annexe, relatif au fichier YAML (par exemple annexes/formulaire-detection.pdf) : un PDF (.pdf) ou un document Word (.docx) de 10 Mo au plus, placé dans le dossier du YAML ou l'un de ses sous-dossiers. La liste des annexes le dit « document annexé » ; avec render --pdf, ses pages sont ajoutées au PDF de la convention à la place de l'annexe, sur une nouvelle page (un document Word est d'abord converti en PDF par LibreOffice).
   */
  fichier?: string;
  /**
   * Vrai : l'annexe n'est ni rédigée par l'outil ni fournie en fichier, elle est remise à part avec la convention (document national, brochure imprimée…) ; la liste des annexes le dit (« document joint séparément »). Ne se donne pas avec « fichier ».
   */
  joint_separement?: boolean;
}
