/** What the locale-ccas templates see beyond the common document model. */
import type { DocumentModel, PartyView, SpecificCommitmentView } from '../core/model.js';

export interface LocaleCcasView extends DocumentModel {
  /** The CPAM (or CGSS). */
  caisse: PartyView;
  /** The CARSAT when the service social signs, else null. */
  carsat: PartyView | null;
  /** The CCAS or CIAS. */
  partenaire: PartyView;
  espacePartenaires: boolean;
  /** Date of the national UNCCAS–Cnam letter of intent, in words ("2 décembre 2022"), or null. */
  lettreIntention: string | null;
  /** Selected theme ids, in catalogue (schema) order. */
  thematiques: string[];
  engagements: {
    /** Selected option ids, in catalogue order. */
    options: string[];
    specifiques: SpecificCommitmentView[];
    delaiInstructionJours: number;
    /** The parties' words for the option « initiatives-locales » (required with it), or null. */
    initiativesLocales: { actions: string[]; moyens: string[] } | null;
  };
  suivi: {
    /** "annuelle", "semestrielle", "trimestrielle". */
    frequence: string;
    /** "une fois par an", "deux fois par an", "quatre fois par an". */
    parAn: string;
    /** Indicators given in the YAML, or null (the template then lists the stock ones). */
    indicateurs: string[] | null;
  };
}
