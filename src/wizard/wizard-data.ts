/**
 * The wizard's data (`templates/wizard/presets.yaml`): stock parties, advanced rubriques, rubriques
 * that name a party. Data, not code: adding a stock party is an edit of that file. A type's own
 * starting point for `init` is in its catalogue (`squelette`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TEMPLATES_DIR } from '../core/assets.js';

export interface Preset {
  id: string;
  /** Shown in the list of stock parties. */
  libelle: string;
  /** Roles the preset is offered for (a role `mission-locale-nord` matches `mission-locale`). */
  roles: string[];
  /**
   * Asked before the values are filled, then replaced in them (`{departement}`); `preposition`:
   * the answer begins with its preposition (« de la Loire »), as the name takes it.
   */
  variables?: Record<string, { titre: string; aide?: string; preposition?: boolean }>;
  valeurs: Record<string, unknown>;
}

export interface Skeleton {
  /** Stock parties of the skeleton, by preset id. */
  parties?: string[];
  /** Values by rubrique (nested like the convention), instead of the schema's first choice. */
  valeurs?: Record<string, unknown>;
}

export interface WizardData {
  parties: { chemin: string; role: string };
  presets: Preset[];
  avancees: string[];
  renvois_parties: string[];
}

export const WIZARD_DATA_FILE = join(TEMPLATES_DIR, 'wizard', 'presets.yaml');

export function readWizardData(file: string = WIZARD_DATA_FILE): WizardData {
  const data = parse(readFileSync(file, 'utf8')) as Partial<WizardData>;
  return {
    parties: data.parties ?? { chemin: '/parties', role: 'role' },
    presets: data.presets ?? [],
    avancees: data.avancees ?? [],
    renvois_parties: data.renvois_parties ?? [],
  };
}

/** True when the preset is meant for that role (`mission-locale-est` is a `mission-locale`). */
export function presetFitsRole(preset: Preset, role: string): boolean {
  return preset.roles.some((r) => role === r || role.startsWith(`${r}-`));
}

/** French prepositions a place's name is given with in a stock name (« de la Loire », « du Rhône », « d'Évry »). */
const PREPOSITION = /^(?:de|du|des)\s+\S|^d['’]\S/i;

/** Why a stock party's variable answer is refused, or `undefined` when it fits. */
export function variableProblem(variable: NonNullable<Preset['variables']>[string], answer: string): string | undefined {
  const text = answer.trim();
  if (!text) return `Réponse attendue pour « ${variable.titre} ».`;
  // Typed without it (« Loire », « 42 »), the name would read « Caisse Primaire d'Assurance Maladie Loire ».
  if (variable.preposition && !PREPOSITION.test(text)) {
    const examples = variable.aide ? ` ; ${variable.aide.charAt(0).toLowerCase()}${variable.aide.slice(1)}` : '.';
    return `« ${variable.titre} » : commencez par la préposition (de, du, des, d’)${examples}`;
  }
  return undefined;
}

/** The preset's values with its variables replaced (`{departement}` → `de la Loire`). */
export function fillPreset(preset: Preset, variables: Record<string, string>): Record<string, unknown> {
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/\{([a-z_]+)\}/g, (whole, name: string) => variables[name] ?? whole).replace(/\s+/g, ' ').trim();
    if (Array.isArray(value)) return value.map(replace);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    return value;
  };
  return replace(preset.valeurs) as Record<string, unknown>;
}
