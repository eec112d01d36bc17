/* Generated from templates/catalogue.schema.json by scripts/schema-types.mjs: do not edit, run `npm run types`. */

/**
 * Une place de « parties » (ses parties signent, leurs délégués à la protection des données sont exigés) ; ou { donnees: <chemin> } : une désignation écrite dans le YAML (singulier, pluriel, genre), comme le réseau local d'un partenaire national ; ou { designation: { singulier, genre } } : un organisme nommé par sa seule nature (« la caisse »).
 */
export type Qui =
  | string
  | {
      donnees: Chemin;
    }
  | {
      /**
       * Le nom sans article et son genre : { singulier: caisse, genre: féminin }.
       */
      designation: {
        /**
         * Sans article : « caisse ».
         */
        singulier: string;
        /**
         * Sans article : « caisses » (facultatif).
         */
        pluriel?: string;
        /**
         * « féminin » ou « masculin ».
         */
        genre: 'féminin' | 'masculin';
      };
    };
/**
 * Rubrique du YAML, ses niveaux séparés par des points : « engagements.options », « rgpd.regimes ». « parties.<place> » désigne la première partie d'une place (« parties.caisse.adresse.code_postal ») ; « document.annexes » désigne les annexes du document (jointes et produites).
 */
export type Chemin = string;
/**
 * Nom d'un gabarit (son chemin sous templates/, sans « .md.hbs ») : « common/annexes/rgpd-sous-traitance ». Un nom sans « / » est cherché dans le dossier du type.
 */
export type Gabarit = string;
/**
 * Une valeur (la rubrique la vaut), une liste de valeurs (la rubrique vaut l'une d'elles), ou un objet : « contient » (la liste contient cette valeur), « present » (la rubrique est donnée dans le YAML, ou la liste n'est pas vide), « motif » (le texte correspond à cette expression régulière), « depuis » et « avant » (la date est ce jour ou après, ou avant ce jour), « non » (le test contraire) ; plusieurs tests d'un objet doivent tous être vrais ({ depuis: "2018-01-01", avant: "2023-01-01" }).
 */
export type Test =
  | Valeur
  | Valeur[]
  | {
      contient?: Valeur;
      /**
       * Vrai : la rubrique est donnée dans le YAML (et n'est pas une liste vide) ; faux : elle ne l'est pas. Une valeur égale à celle par défaut du schéma compte comme absente.
       */
      present?: boolean;
      /**
       * Expression régulière que le texte de la rubrique doit contenir, par exemple « ^97[1-6] ».
       */
      motif?: string;
      /**
       * La date de la rubrique (AAAA-MM-JJ) est ce jour ou un jour suivant : { signature.date: { depuis: "2024-01-01" } }.
       */
      depuis?: string;
      /**
       * La date de la rubrique (AAAA-MM-JJ) précède ce jour : { signature.date: { avant: "2024-01-01" } }.
       */
      avant?: string;
      non?: Test;
    };
/**
 * Un texte, un nombre ou vrai/faux.
 */
export type Valeur = string | number | boolean;

/**
 * Ce que le moteur doit savoir d'un type de convention, à côté de son schéma (schemas/<type>.schema.json) et de ses gabarits : les parties et leurs rôles, les régimes RGPD admis, les modèles de rédaction et leurs articles, les options, les annexes, les conditions sur les rubriques du YAML. Chaque type a le sien, templates/<type>/catalogue.yaml.
 */
export interface Catalogue {
  /**
   * Chemin de ce schéma, pour les éditeurs (facultatif).
   */
  $schema?: string;
  /**
   * Une ligne : l'objet des documents de ce type (propriété « Objet » du DOCX).
   */
  description: string;
  /**
   * Place dont la partie est l'auteur du document (propriétés du DOCX) ; par défaut la première partie.
   */
  auteur?: string;
  /**
   * Les places que les parties occupent, dans l'ordre où les règles les vérifient. Le nom d'une place est celui sous lequel les gabarits voient sa partie : {{Le caisse}}, {{du partenaire}}.
   */
  parties: {
    /**
     * Une place : les rôles qui l'occupent, combien de parties elle compte, comment les messages la nomment.
     */
    [k: string]:
      | {
          /**
           * Rôles (valeurs de « role » dans le YAML) qui occupent cette place, chacun avec son libellé.
           */
          roles: {
            [k: string]: string | undefined;
          };
          /**
           * Vrai : un rôle suivi d'un suffixe (« mission-locale-nord ») occupe aussi la place, pour en distinguer plusieurs.
           */
          suffixes?: boolean;
          /**
           * Nom de la place dans les messages : « CPAM », « CCAS ou CIAS », « Mission Locale ».
           */
          designation: string;
          /**
           * La même au pluriel, pour une place qui peut compter plusieurs parties : « Missions Locales ».
           */
          designation_pluriel?: string;
          /**
           * Genre de la désignation (« une et une seule CPAM », « un et un seul CCAS »), et genre proposé pour une partie de cette place par l'assistant.
           */
          genre: 'féminin' | 'masculin';
          /**
           * Nombre minimal de parties à cette place (0 : place facultative).
           */
          min?: number;
          /**
           * Nombre maximal de parties à cette place.
           */
          max?: number;
          /**
           * Comment le texte nomme les parties de la place quand il y en a plusieurs : au pluriel (« les Missions Locales signataires ») et une à une (« la Mission Locale signataire »).
           */
          plusieurs?: {
            /**
             * Sans article : « Mission Locale signataire ».
             */
            singulier: string;
            /**
             * Sans article : « Missions Locales signataires ».
             */
            pluriel: string;
          };
        }
      | undefined;
  };
  /**
   * Rôles dans l'ordre des blocs de signature, quand le YAML n'en donne pas (par défaut l'ordre des parties).
   *
   * @minItems 1
   */
  ordre_signature?: string[];
  /**
   * Les régimes que le type admet, dans l'ordre où les messages les citent : « sous-traitance », « responsables-distincts », « sans-echange », « conventions-application ».
   */
  rgpd: {
    [k: string]: Regime | undefined;
  };
  /**
   * Où le YAML choisit les options du modèle de rédaction (rubrique « options » de chaque modèle), et comment les messages les nomment.
   */
  options?: {
    champ: Chemin;
    /**
     * Début du message d'une option hors du modèle, article compris : « L'engagement ».
     */
    designation: string;
    /**
     * Les options dans ce message : « engagements optionnels ».
     */
    designation_pluriel: string;
    /**
     * Options sans texte type : le document imprime les mots des parties, pris dans la rubrique du YAML nommée ici, que le choix de l'option exige (l'outil n'imprime jamais un texte à compléter) ; donnée sans l'option, la rubrique n'est pas imprimée (avertissement).
     */
    textes?: {
      /**
       * L'identifiant de l'option en clé ; la rubrique de ses mots et la consigne du message.
       */
      [k: string]:
        | {
            champ: Chemin;
            /**
             * Ce que le message demande d'écrire quand la rubrique manque : « décrivez les actions et les moyens convenus entre les parties ».
             */
            consigne: string;
          }
        | undefined;
    };
  };
  /**
   * Les groupes (« TITRE I : … ») et leur intitulé ; ils sont numérotés dans l'ordre où leurs articles paraissent.
   */
  groupes?: {
    [k: string]: string | undefined;
  };
  titres_groupes?: Chemin;
  /**
   * Les modèles de rédaction du type ; le YAML choisit le sien dans la rubrique « modele » quand il y en a plusieurs.
   */
  modeles: {
    /**
     * Titre du document, articles dans l'ordre, options proposées.
     */
    [k: string]:
      | {
          /**
           * Nom du modèle pour un lecteur.
           */
          libelle?: string;
          /**
           * « CONVENTION LOCALE DE PARTENARIAT ».
           */
          titre: string;
          /**
           * Vrai : les annexes que le moteur rédige sont écrites dans des documents à part (…-annexe-6.docx).
           */
          annexes_separees?: boolean;
          /**
           * Identifiants des options que ce modèle propose, dans l'ordre du document.
           */
          options?: string[];
          /**
           * Les articles, dans l'ordre du document ; ceux dont la condition est fausse sont omis et la numérotation suit.
           *
           * @minItems 1
           */
          articles: Article[];
        }
      | undefined;
  };
  /**
   * Rubriques du YAML qui n'ont d'effet que si une condition est vraie : données quand elle est fausse, elles sont refusées (avec le message donné) ; l'assistant ne les demande pas.
   */
  champs?: {
    /**
     * Le chemin de la rubrique en clé ; sa condition et le message de l'erreur.
     */
    [k: string]:
      | {
          si: Condition;
          /**
           * Ce que dit l'erreur quand la rubrique est donnée hors de sa condition.
           */
          message: string;
        }
      | undefined;
  };
  /**
   * Les annexes que le YAML nomme par leur identifiant (rubrique « annexes »), ou jointes d'office.
   */
  annexes?: {
    [k: string]: Annexe | undefined;
  };
  /**
   * Pour une rubrique à valeurs fixées (une liste du schéma), le texte de chaque valeur : {{libelle "suivi.frequence"}} dans un gabarit.
   */
  libelles?: {
    [k: string]:
      | {
          [k: string]: string | undefined;
        }
      | undefined;
  };
  /**
   * Des textes dont la vérité dépend de la convention (sa date de signature, le territoire ou la nature de la caisse) : pour chacun, ses versions et la condition de chacune. Le document prend la première version dont la condition est vraie ({{variantes.cog}} dans un gabarit) ; si aucune ne convient, « validate » avertit (variante-sans-version) et le gabarit reçoit null (il omet alors la phrase), comme pour une version dont le texte est null.
   */
  variantes?: {
    /**
     * Le nom du texte en clé ; ce qu'il désigne et ses versions.
     */
    [k: string]:
      | {
          /**
           * Ce que le texte désigne, pour le message quand aucune version ne convient : « la convention d'objectifs et de gestion en vigueur ».
           */
          designation: string;
          /**
           * Les versions, dans l'ordre où elles sont essayées.
           *
           * @minItems 1
           *
           * Items: Un texte et la condition où il est vrai (sans condition : toujours).
           */
          versions: {
            si?: Condition;
            /**
             * Le texte de cette version : « Convention d'Objectifs et de Gestion 2023-2027 » ; null : pendant cette période ou en ce lieu, le document ne cite rien (un dispositif qui n'existe pas encore), sans avertissement.
             */
            texte: string | null;
          }[];
        }
      | undefined;
  };
  /**
   * Gabarit placé après les signatures (l'en-tête d'un partenaire), sous condition.
   */
  bloc_final?: {
    gabarit: Gabarit;
    si?: Condition;
  };
  /**
   * Problèmes que « validate » signale quand une condition est vraie.
   */
  regles?: {
    /**
     * Code du problème, à décrire dans le tableau des codes du README.
     */
    code: string;
    /**
     * « erreur » (la convention est refusée) ou « avertissement ».
     */
    gravite: 'erreur' | 'avertissement';
    si: Condition;
    chemin: Chemin;
    /**
     * Message en français.
     */
    message: string;
  }[];
  /**
   * Point de départ du squelette : organismes types des parties (identifiants de templates/wizard/presets.yaml) et valeurs de rubriques écrites telles quelles. Seuls des faits y ont leur place (le seul régime qu'un type admet), jamais un choix des parties (modèle, régime, durée…) : le squelette laisse ceux-là « À COMPLÉTER », pour que rien n'y soit valide avant que l'utilisateur l'ait fourni.
   */
  squelette?: {
    /**
     * Identifiants des organismes types, dans l'ordre des parties.
     */
    parties?: string[];
    /**
     * Valeurs de rubriques du squelette, imbriquées comme dans la convention.
     */
    valeurs?: {};
  };
}
/**
 * Ce que le régime veut dire pour ce type : les places du responsable du traitement et du sous-traitant (leurs délégués à la protection des données sont alors exigés), l'annexe qu'il produit.
 */
export interface Regime {
  responsable?: Qui;
  sous_traitant?: Qui;
  /**
   * Places dont les délégués à la protection des données sont exigés sous ce régime, en plus de ceux du responsable et du sous-traitant : par exemple [carsat] pour qu'une CARSAT qui signe et échange des données ait sa ligne de délégué.
   */
  dpo?: string[];
  /**
   * Vrai : l'annexe de sous-traitance traite aussi des données des professionnels qui détectent (section 10). Le YAML peut aussi le dire (rgpd.donnees_detecteurs).
   */
  donnees_detecteurs?: boolean;
  /**
   * Intitulé et gabarit de l'annexe que le régime produit, s'ils diffèrent de ceux du moteur. L'intitulé peut citer une rubrique du YAML entre accolades : « par les {reseau.pluriel} ».
   */
  annexe?: {
    /**
     * Intitulé de l'annexe.
     */
    titre?: string;
    gabarit?: Gabarit;
  };
}
/**
 * Un article du modèle de rédaction, à sa place dans l'ordre du document.
 */
export interface Article {
  /**
   * Identifiant de l'article : les gabarits y renvoient ({{ref "rgpd"}}) et son texte est le gabarit <type>/articles/<id>.<modèle>, sinon <type>/articles/<id>, sinon common/articles/<id>.
   */
  id: string;
  /**
   * Titre de l'article (« Article 3 : <titre> »). Obligatoire, sauf pour un article répété, qui prend le titre de chaque élément.
   */
  titre?: string;
  /**
   * Identifiant du groupe (rubrique « groupes ») qui réunit l'article et les suivants sous un « TITRE I : … ».
   */
  groupe?: string;
  si?: Condition;
  repeter?: Chemin;
  /**
   * Gabarit du texte, quand il ne se déduit pas de l'identifiant (par exemple un article répété).
   */
  gabarit?: string;
  /**
   * Valeurs que le gabarit lit dans article.parametres : pour une clause commune (templates/common/articles), la rédaction choisie et ses options (voir le guide docs/nouveau-type.md).
   */
  parametres?: {};
}
/**
 * Des rubriques du YAML et le test de chacune ; toutes doivent être vraies. « ou » : une liste de conditions dont l'une au moins doit être vraie ; « non » : une condition qui doit être fausse. Une rubrique absente du YAML vaut sa valeur par défaut du schéma.
 */
export interface Condition {
  /**
   * Conditions dont l'une au moins doit être vraie.
   *
   * @minItems 1
   */
  ou?: Condition[];
  non?: Condition;
  [k: string]: Test | Condition[] | Condition | undefined;
}
/**
 * Une annexe du catalogue : une annexe que le moteur rédige avec un gabarit, ou un document que le YAML fournit (fichier PDF ou DOCX) ou déclare joint séparément (rubrique « annexes »).
 */
export interface Annexe {
  /**
   * Intitulé de l'annexe.
   */
  titre: string;
  titre_depuis?: Chemin;
  /**
   * Vrai : l'annexe est toujours jointe (après celles que le YAML nomme). Faux : seulement quand la rubrique « annexes » du YAML la nomme.
   */
  d_office?: boolean;
  gabarit?: Gabarit;
  gabarit_si?: Condition;
  /**
   * Identifiants des articles dont le texte type cite l'annexe ({{annexe "<id>"}}) : quand l'annexe n'est ni rédigée, ni fournie, ni déclarée jointe séparément, validate nomme ces articles (annexe-non-fournie). La compilation vérifie que chacun est un article d'un modèle du type.
   */
  citee_dans?: string[];
}
