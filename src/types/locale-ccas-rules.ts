/**
 * Domain rules of the locale-ccas type, apart from its compose step, so that `validate` loads neither
 * the compose code nor its dependencies (date-fns, the French helpers).
 */
import { readCatalogue } from '../core/assets.js';
import type { UnplacedProblem } from '../core/problem.js';
import { checkRegimes, regimeProblems, type RgpdRegime } from '../core/rgpd.js';
import { toPointer } from '../core/problem.js';
import { didYouMean } from '../core/suggest.js';
import type { LocaleCcasConvention } from './generated/locale-ccas.js';
import { checkCommonRules } from './common-rules.js';

export const TYPE = 'locale-ccas';

export interface Catalogue {
  description: string;
  roles: Record<string, { libelle: string; obligatoire?: boolean; groupe?: string }>;
  modeles: Record<
    string,
    { libelle: string; titre: string; annexes_separees: boolean; articles: { id: string; titre: string; si?: string }[]; options: string[] }
  >;
  annexes: Record<string, string>;
}

export function getCatalogue(): Catalogue {
  return readCatalogue<Catalogue>(TYPE);
}

/** Themes of the unccas-2022 model, in the schema's order (the default is all of them). */
export const ALL_THEMES = [
  'acces-droits',
  'parcours-soins',
  'renoncement-soins',
  'prevention-sante',
  'service-social',
  'action-sanitaire-sociale',
  'services-en-ligne',
  '1000-premiers-jours',
  'mon-soutien-psy',
] as const;

export const FREQUENCIES: Record<string, string> = {
  annuelle: 'une fois par an',
  semestrielle: 'deux fois par an',
  trimestrielle: 'quatre fois par an',
};

export const partnerRole = (c: LocaleCcasConvention) => c.parties.find((p) => p.role === 'ccas' || p.role === 'cias')?.role ?? null;

export function checkRules(data: Record<string, unknown>): UnplacedProblem[] {
  const convention = data as unknown as LocaleCcasConvention;
  const problems: UnplacedProblem[] = [];
  const roles = convention.parties.map((p) => p.role);
  const count = (role: string) => roles.filter((r) => r === role).length;

  if (count('cpam') !== 1) {
    problems.push({
      code: 'parties-roles',
      severity: 'error',
      path: '/parties',
      message: `La convention doit compter une et une seule CPAM (rôle « cpam ») ; elle en compte ${count('cpam')}.`,
    });
  }
  if (count('ccas') + count('cias') !== 1) {
    problems.push({
      code: 'parties-roles',
      severity: 'error',
      path: '/parties',
      message: `La convention doit compter un et un seul CCAS ou CIAS (rôle « ccas » ou « cias ») ; elle en compte ${count('ccas') + count('cias')}.`,
    });
  }
  if (count('carsat') > 1) {
    problems.push({ code: 'parties-roles', severity: 'error', path: '/parties', message: 'La convention ne peut compter qu’une CARSAT.' });
  }
  problems.push(...checkCommonRules(convention));

  const modele = getCatalogue().modeles[convention.modele]!;
  (convention.engagements?.options ?? []).forEach((option, index) => {
    if (!modele.options.includes(option)) {
      problems.push({
        code: 'option-hors-modele',
        severity: 'error',
        path: toPointer(['engagements', 'options', index]),
        message: `L'engagement « ${option} » n'appartient pas au modèle « ${convention.modele} » ; engagements optionnels de ce modèle : ${modele.options.join(', ')}.${didYouMean(option, modele.options)}`,
      });
    }
  });

  const regimes = convention.rgpd.regimes as RgpdRegime[];
  problems.push(...regimeProblems(checkRegimes(
    TYPE,
    regimes,
    (convention.rgpd.dpo ?? []).map((d) => d.partie),
    { controllerRole: 'cpam', processorRole: partnerRole(convention) },
  )));
  return problems;
}

