/**
 * RGPD regimes as a rule of the product (../shared/DOMAIN.md, "RGPD regimes"): which regimes each
 * convention type allows, which combinations are impossible, and what each regime brings into the
 * document. This table is the only place where these rules live.
 */
import { toPointer, type UnplacedProblem } from './problem.js';

export type RgpdRegime = 'sous-traitance' | 'responsables-distincts' | 'sans-echange' | 'conventions-application';

export interface RegimeRule {
  libelle: string;
  /** The regime brings a generated annex (its partial), or only article text (null). */
  annexe: { id: string; titre: string; partial: string } | null;
  /** The regime needs the DPO contacts of these roles' groups (controller and processor). */
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
      partial: 'common/annexes/rgpd-sous-traitance',
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

/** Which regimes each convention type allows. */
export const REGIMES_BY_TYPE: Record<string, readonly RgpdRegime[]> = {
  'locale-ccas': ['sous-traitance', 'responsables-distincts', 'sans-echange'],
  'cadre-national': ['conventions-application', 'sous-traitance', 'responsables-distincts'],
  'tripartite-siao': ['sans-echange'],
  'mission-locale': ['sous-traitance', 'responsables-distincts'],
};

export interface RegimeProblem {
  code: 'rgpd-regime-interdit' | 'rgpd-regime-exclusif' | 'rgpd-dpo-manquant';
  message: string;
  /** Index in the regimes list, or the role whose DPO is missing. */
  index?: number;
  role?: string;
}

/**
 * Checks a type's declared regimes against the table. `dpoRoles` are the roles that have a DPO
 * entry; `controllerRole` and `processorRole` those that sous-traitance needs.
 */
export function checkRegimes(
  type: string,
  regimes: readonly RgpdRegime[],
  dpoRoles: readonly string[],
  parties: { controllerRole: string | null; processorRole: string | null },
): RegimeProblem[] {
  const problems: RegimeProblem[] = [];
  const allowed = REGIMES_BY_TYPE[type] ?? [];
  regimes.forEach((regime, index) => {
    if (!allowed.includes(regime)) {
      problems.push({
        code: 'rgpd-regime-interdit',
        index,
        message: `Le régime RGPD « ${regime} » n'est pas admis pour ce type de convention ; régimes admis : ${allowed.join(', ')}.`,
      });
    }
    if (REGIMES[regime].exclusif && regimes.length > 1) {
      problems.push({
        code: 'rgpd-regime-exclusif',
        index,
        message: `Le régime « ${regime} » (${REGIMES[regime].libelle}) ne peut pas être déclaré avec un autre régime.`,
      });
    }
  });
  if (regimes.some((r) => REGIMES[r].dpoRequis)) {
    for (const role of [parties.controllerRole, parties.processorRole]) {
      if (role && !dpoRoles.includes(role)) {
        problems.push({
          code: 'rgpd-dpo-manquant',
          role,
          message: `La sous-traitance exige les coordonnées du délégué à la protection des données de la partie « ${role} » (rubrique rgpd.dpo).`,
        });
      }
    }
  }
  return problems;
}

/** Regime problems as problems of the convention, pointing at the regime or at the rgpd section. */
export function regimeProblems(problems: readonly RegimeProblem[]): UnplacedProblem[] {
  return problems.map((problem) => ({
    code: problem.code,
    severity: 'error',
    path: problem.index !== undefined ? toPointer(['rgpd', 'regimes', problem.index]) : '/rgpd',
    message: problem.message,
  }));
}

/** The generated annexes the declared regimes bring, in table order. */
export function annexesForRegimes(regimes: readonly RgpdRegime[]): { id: string; titre: string; partial: string }[] {
  return (Object.keys(REGIMES) as RgpdRegime[])
    .filter((r) => regimes.includes(r))
    .map((r) => REGIMES[r].annexe)
    .filter((a): a is NonNullable<typeof a> => a !== null);
}
