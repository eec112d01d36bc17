/**
 * Domain rules of the tripartite-siao type, apart from its compose step, so that `validate` loads neither
 * the compose code nor its dependencies (date-fns, the French helpers).
 */
import { readCatalogue } from '../core/assets.js';
import type { UnplacedProblem } from '../core/problem.js';
import { toPointer } from '../core/problem.js';
import { checkRegimes, regimeProblems, type RgpdRegime } from '../core/rgpd.js';
import type { TripartiteSiaoConvention } from './generated/tripartite-siao.js';
import { checkCommonRules } from './common-rules.js';

export const TYPE = 'tripartite-siao';
export const ROLES = ['caisse', 'caf', 'siao'] as const;
/** The national model has no data exchange: the regime when the YAML declares none. */
export const DEFAULT_REGIMES: RgpdRegime[] = ['sans-echange'];
export const INDICATORS_ANNEX = 'indicateurs';

export interface Catalogue {
  description: string;
  titre: string;
  roles: Record<string, { libelle: string }>;
  ordre_signature: string[];
  articles: { id: string; titre: string }[];
  modalites: string[];
  direction_etat: { sigle: string; nom: string };
  annexes: Record<string, string>;
}

export function getCatalogue(): Catalogue {
  return readCatalogue<Catalogue>(TYPE);
}

export function checkRules(data: Record<string, unknown>): UnplacedProblem[] {
  const convention = data as unknown as TripartiteSiaoConvention;
  const problems: UnplacedProblem[] = [];
  const roles = convention.parties.map((p) => p.role);
  const missing = ROLES.filter((role) => !roles.includes(role));
  if (missing.length > 0) {
    problems.push({
      code: 'parties-roles',
      severity: 'error',
      path: '/parties',
      message: `La convention réunit une caisse (rôle « caisse »), une Caf (« caf ») et un SIAO (« siao ») ; il manque ${missing.map((r) => `« ${r} »`).join(', ')}.`,
    });
  }
  problems.push(...checkCommonRules({ parties: convention.parties, referents: convention.referents, signature: convention.signature }));
  problems.push(...checkOverseasDirectorate(convention));

  const regimes = (convention.rgpd?.regimes ?? DEFAULT_REGIMES) as RgpdRegime[];
  problems.push(...regimeProblems(checkRegimes(TYPE, regimes, [], { controllerRole: 'caisse', processorRole: null })));
  return problems;
}

/**
 * Overseas (postal codes 971 to 976) there is no DDETS: the State directorate is the DEETS (the
 * DGCOPOP in Guyane), which the YAML must then name rather than inherit the default.
 */
export function checkOverseasDirectorate(convention: TripartiteSiaoConvention): UnplacedProblem[] {
  const index = convention.parties.findIndex((p) => p.role === 'caisse');
  const caisse = convention.parties[index];
  if (!caisse || convention.direction_etat || !/^97[1-6]/.test(caisse.adresse.code_postal)) return [];
  return [
    {
      code: 'direction-etat-outre-mer',
      severity: 'warning',
      path: toPointer(['parties', index, 'adresse', 'code_postal']),
      message:
        "La caisse est en outre-mer, où la DDETS n'existe pas : indiquez la direction de l'État associée dans la rubrique direction_etat (DEETS, ou DGCOPOP en Guyane).",
    },
  ];
}

