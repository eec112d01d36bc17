/** What the mission-locale templates see beyond the common document model. */
import type { DocumentModel, PartyView, SpecificCommitmentView } from '../core/model.js';

export interface MissionLocaleView extends DocumentModel {
  /** The CPAM, CGSS or CCSS. */
  caisse: PartyView;
  /** Every signatory Mission Locale, in the order of the parties. */
  missionsLocales: PartyView[];
  plusieursMissionsLocales: boolean;
  /**
   * The Mission Locale as a singular subject: the only one, or, with several, « la Mission Locale
   * signataire » read distributively (each of them). The RGPD annex names the processor with it.
   */
  missionLocale: PartyView;
  /** Plural-aware designations of the Mission(s) Locale(s): « la Mission Locale » / « les Missions Locales signataires ». */
  ml: {
    le: string;
    du: string;
    au: string;
    /** Subject of a singular verb at the start of a sentence: « La Mission Locale » / « Chaque Mission Locale signataire ». */
    chaque: string;
  };
  espacePartenaires: boolean;
  /** Date of the national Cnam–UNML convention-cadre, in words, or null. */
  conventionCadre: string | null;
  /** Selected public ids, in schema order. */
  publics: string[];
  /** Local cooperations written by the parties. */
  cooperations: SpecificCommitmentView[];
}
