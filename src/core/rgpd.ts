/**
 * RGPD regimes as a rule of the product (../shared/DOMAIN.md, "RGPD regimes"): what each regime
 * means whatever the type — which combinations are impossible, whether it needs the DPOs of the
 * controller and the processor, which annex it generates. Which regimes a type admits, and which of
 * its parties are controller and processor, is data of the type's catalogue (`rgpd:`).
 */

export type RgpdRegime = 'sous-traitance' | 'responsables-distincts' | 'sans-echange' | 'conventions-application';

export interface RegimeRule {
  libelle: string;
  /** The regime brings a generated annex (its partial), or only article text (null). */
  annexe: { id: string; titre: string; gabarit: string } | null;
  /** The regime needs the DPO contacts of the controller and the processor. */
  dpoRequis: boolean;
  /** The regime cannot be declared together with any other. */
  exclusif: boolean;
}

export const REGIMES: Record<RgpdRegime, RegimeRule> = {
  'sous-traitance': {
    libelle: 'sous-traitance (le partenaire traite des données pour le compte de la caisse)',
    annexe: {
      id: 'rgpd',
      titre: "Protection des données personnelles dans le cadre de l'accès aux droits et aux soins",
      gabarit: 'common/annexes/rgpd-sous-traitance',
    },
    dpoRequis: true,
    exclusif: false,
  },
  'responsables-distincts': {
    libelle: 'responsables de traitement distincts',
    annexe: null,
    dpoRequis: false,
    exclusif: false,
  },
  'sans-echange': {
    libelle: 'aucun échange de données personnelles',
    annexe: null,
    dpoRequis: false,
    exclusif: true,
  },
  'conventions-application': {
    libelle: "échanges encadrés par des conventions d'application",
    annexe: null,
    dpoRequis: false,
    exclusif: false,
  },
};
