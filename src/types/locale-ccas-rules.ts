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
  /** Options printed in the parties' words: option id → rubrique of `engagements` holding them. */
  textes_options: Record<string, string>;
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

/**
 * An option without stock text needs the parties' words (at the option's line), and those words
 * without their option would not be printed (a warning, at the words).
 */
function optionTextProblems(convention: LocaleCcasConvention, texts: Record<string, string>, modelOptions: readonly string[]): UnplacedProblem[] {
  const engagements = (convention.engagements ?? {}) as Record<string, unknown>;
  const options: string[] = convention.engagements?.options ?? [];
  const problems: UnplacedProblem[] = [];
  options.forEach((option, index) => {
    const key = texts[option];
    // An option foreign to the model is reported as such (option-hors-modele), not for its text.
    if (key && modelOptions.includes(option) && engagements[key] === undefined) {
      problems.push({
        code: 'option-sans-texte',
        severity: 'error',
        path: toPointer(['engagements', 'options', index]),
        message: `L'engagement « ${option} » n'a pas de texte type : décrivez les actions et les moyens convenus entre les parties dans la rubrique « ${key} » d'« engagements ».`,
      });
    }
  });
  for (const [option, key] of Object.entries(texts)) {
    if (engagements[key] !== undefined && !options.includes(option)) {
      problems.push({
        code: 'texte-sans-option',
        severity: 'warning',
        path: toPointer(['engagements', key]),
        message: `La rubrique « ${key} » ne sera pas imprimée : l'engagement « ${option} » n'est pas choisi dans « options ».`,
      });
    }
  }
  return problems;
}

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

  problems.push(...optionTextProblems(convention, getCatalogue().textes_options, modele.options));

  const regimes = convention.rgpd.regimes as RgpdRegime[];
  problems.push(...regimeProblems(checkRegimes(
    TYPE,
    regimes,
    (convention.rgpd.dpo ?? []).map((d) => d.partie),
    { controllerRole: 'cpam', processorRole: partnerRole(convention) },
  )));
  return problems;
}

