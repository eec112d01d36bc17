/**
 * Domain rules of the mission-locale type, apart from its compose step, so that `validate` loads neither
 * the compose code nor its dependencies (date-fns, the French helpers).
 */
import { readCatalogue } from '../core/assets.js';
import type { UnplacedProblem } from '../core/problem.js';
import { checkRegimes, regimeProblems, type RgpdRegime } from '../core/rgpd.js';
import { checkCommonRules } from './common-rules.js';
import type { MissionLocaleConvention } from './generated/mission-locale.js';

export const TYPE = 'mission-locale';
export const CAISSE = 'caisse';

export interface Catalogue {
  description: string;
  modele: string;
  titre: string;
  annexes_separees: boolean;
  annexe_rgpd: { partial: string; titre: string };
  articles: { id: string; titre: string; groupe?: string; si?: string }[];
  annexes: Record<string, string>;
}

export function getCatalogue(): Catalogue {
  return readCatalogue<Catalogue>(TYPE);
}

/** Publics in the schema's order. */
export const ALL_PUBLICS = ['cej', 'pacea', 'accompagnement-personnalise'] as const;

/** How the text names several Missions Locales read one by one (the RGPD annex's processor). */
export const SIGNATAIRE = 'Mission Locale signataire';

export const isMissionLocale = (role: string) => role === 'mission-locale' || role.startsWith('mission-locale-');

export function checkRules(data: Record<string, unknown>): UnplacedProblem[] {
  const convention = data as unknown as MissionLocaleConvention;
  const problems: UnplacedProblem[] = [];
  const roles = convention.parties.map((p) => p.role as string);
  const caisses = roles.filter((r) => r === CAISSE).length;
  const missionsLocales = roles.filter(isMissionLocale);

  if (caisses !== 1) {
    problems.push({
      code: 'parties-roles',
      severity: 'error',
      path: '/parties',
      message: `La convention doit compter une et une seule caisse (rôle « caisse » : CPAM, CGSS ou CCSS) ; elle en compte ${caisses}.`,
    });
  }
  if (missionsLocales.length === 0) {
    problems.push({
      code: 'parties-roles',
      severity: 'error',
      path: '/parties',
      message: 'La convention doit compter au moins une Mission Locale (rôle « mission-locale », ou « mission-locale-… » pour en distinguer plusieurs).',
    });
  }
  for (const problem of checkCommonRules(convention as Parameters<typeof checkCommonRules>[0])) {
    const duplicateMissionLocale = problem.code === 'partie-en-double' && missionsLocales.length > 1 && problem.message.includes('« mission-locale');
    problems.push(
      duplicateMissionLocale
        ? { ...problem, message: `${problem.message} Donnez à chaque Mission Locale un rôle « mission-locale-… » qui lui est propre (mission-locale-nord, mission-locale-est).` }
        : problem,
    );
  }

  // checkRegimes knows one controller and one processor: the caisse and the first Mission Locale
  // are checked with the regimes themselves; every other Mission Locale is a processor too, whose
  // DPO the sous-traitance annex needs as well.
  const regimes = convention.rgpd.regimes as RgpdRegime[];
  const dpoRoles = (convention.rgpd.dpo ?? []).map((d) => d.partie);
  problems.push(
    ...regimeProblems([
      ...checkRegimes(TYPE, regimes, dpoRoles, { controllerRole: CAISSE, processorRole: missionsLocales[0] ?? null }),
      ...missionsLocales
        .slice(1)
        .flatMap((role) => checkRegimes(TYPE, regimes, dpoRoles, { controllerRole: null, processorRole: role }))
        .filter((p) => p.code === 'rgpd-dpo-manquant'),
    ]),
  );
  return problems;
}

/** « la Mission Locale signataire », read as each of the signatory Missions Locales. */
