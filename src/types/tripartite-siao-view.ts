/** What the tripartite-siao templates see beyond the common document model. */
import type { DocumentModel, PartyView } from '../core/model.js';

export interface TripartiteSiaoView extends DocumentModel {
  /** The CPAM, or the CGSS overseas (role « caisse »). */
  caisse: PartyView;
  /** The caisse d'allocations familiales. */
  caf: PartyView;
  /** The service intégré de l'accueil et de l'orientation. */
  siao: PartyView;
  /** The State directorate (DDETS, or DEETS / DGCOPOP overseas): acronym and name in words. */
  directionEtat: { sigle: string; nom: string };
  accompagnement: {
    /** Deployment modes kept, in the model's order: "permanence-recurrente", "permanence-ponctuelle", "rendez-vous". */
    modalites: string[];
    /** More than one mode: "Il pourra s'agir :" rather than "Il s'agira :". */
    plusieursModalites: boolean;
    /** The service social of the Assurance Maladie may take level-2 situations. */
    serviceSocial: boolean;
  };
  /** Commitments added by the YAML to each party's stock list. */
  engagementsSpecifiques: { siao: string[]; caf: string[]; caisse: string[] };
  evaluation: {
    /** Id of the indicators annex, cited by the evaluation article. */
    annexe: string;
    /** Title of the indicators annex, cited when the annex is a joined document. */
    titreAnnexe: string;
    /** Indicators reproduced in the annex, or null when the annex is a joined document. */
    indicateurs: string[] | null;
  };
}
