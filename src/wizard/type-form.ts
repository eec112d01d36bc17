/**
 * What both `convention new` and `convention init` need for a type: its form (the schema walked),
 * what its catalogue admits (the places' genders, the options of the chosen model, the regimes, the
 * rubriques that count only under a condition, the skeleton's start), the `$schema` path an editor
 * reads from the written file, and the in-memory check of the text about to be written, by the same
 * stages as `convention validate`.
 */
import { dirname, join, relative, resolve, sep } from 'node:path';
import { readSchema, SCHEMAS_DIR } from '../core/assets.js';
import { publishedWithType, schemaUrl } from '../core/editor-schemas.js';
import { UserError } from '../core/errors.js';
import { parseConvention } from '../core/load.js';
import type { Problem } from '../core/problem.js';
import { didYouMean } from '../core/suggest.js';
import { schemaOf, validateConvention } from '../core/validate.js';
import { conventionFacts, holds, modelOf, placeOf, withDefaults } from '../core/conditions.js';
import type { Catalogue } from '../core/generated/catalogue.js';
import { defaultRegistry, type ConventionTypeInfo } from '../core/registry.js';
import { describeType, type ObjectField } from './schema-walk.js';
import { REGIMES, type RgpdRegime } from '../core/rgpd.js';
import { checkSharedRules } from '../core/rules.js';
import { checkTypeRules } from '../core/type-rules.js';
import type { UnplacedProblem } from '../core/problem.js';
import type { Skeleton } from './wizard-data.js';

export function requireType(typeId: string): ConventionTypeInfo {
  const type = defaultRegistry().find(typeId);
  if (!type) {
    const known = defaultRegistry().types.map((t) => t.id);
    throw new UserError(`type de convention « ${typeId} » inconnu ; types disponibles : ${known.join(', ')}.${didYouMean(typeId, known)}`, 'type-inconnu');
  }
  return type;
}

export function formOf(typeId: string): ObjectField {
  return describeType(schemaOf(typeId) as Record<string, unknown>, readSchema('common.schema.json'));
}

/**
 * The `$schema` an editor reads from a written file: the type's editor schema at its versioned CDN
 * URL, valid wherever the file is moved or opened (see README, « Écrire une convention ») — or, for
 * a type added to a copy of the package since its build (never published), the path of its schema
 * from the output file's folder (`../schemas/x.schema.json`).
 */
export function schemaReference(output: string, type: ConventionTypeInfo): string {
  if (publishedWithType(type)) return schemaUrl(type.id);
  const path = relative(dirname(resolve(output)), join(SCHEMAS_DIR, type.schemaFile)).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** Parses and validates the text about to be written, as `convention validate` would read it. */
export async function checkText(text: string, file: string, today?: string): Promise<Problem[]> {
  const parsed = parseConvention(text, file);
  if (!parsed.ok) return parsed.problems;
  return validateConvention(parsed.value, today ? { today } : {});
}

export function yamlName(output: string): boolean {
  return /\.ya?ml$/i.test(output);
}

/** What the wizard and `init` take from a type's catalogue, in the form they ask questions. */
export interface TypeGuide {
  /** Starting point of `init`'s skeleton. */
  squelette: Skeleton | undefined;
  /** Values a party of this role gets before any question (its place's gender). */
  roleDefaults(role: string): Record<string, unknown>;
  /**
   * Roles for a skeleton without stock parties: for each place the convention needs, its first
   * role, as many times as it needs parties.
   */
  neededRoles: string[];
  /**
   * Whether an optional rubrique means something with the answers given so far (and, given `today`,
   * on that day: « Signature prévue » only for a date to come).
   */
  admits(pointer: string, answers: Record<string, unknown>, today?: string): boolean;
  /**
   * The values a list of fixed values, or a closed choice, may take with the answers given so far
   * (the model's options, the type's regimes, a party's roles whose place is not yet full), if the
   * catalogue restricts them.
   */
  choices(pointer: string, answers: Record<string, unknown>): string[] | undefined;
  /**
   * Whether an optional rubrique is expected with the answers so far (DPOs under sous-traitance):
   * offered with « oui » by default.
   */
  expected(pointer: string, answers: Record<string, unknown>): boolean;
  /**
   * The domain rules `validate` applies, on the answers given so far: the problems inside the
   * rubrique at `pointer`, just answered (a role taken twice, regimes that exclude each other…).
   */
  problemsIn(pointer: string, answers: Record<string, unknown>, today: string): UnplacedProblem[];
}

const dotted = (pointer: string) => pointer.replace(/^\//, '').split('/').join('.');

/** The common rubrique that lets a signature date be in the future (the rule `date-signature-future`, src/core/rules.ts). */
const PLANNED_SIGNATURE = 'signature.prevue';

/** Whether the signature date answered is after `today` (both `YYYY-MM-DD`). */
function signatureToCome(answers: Record<string, unknown>, today: string): boolean {
  const date = (answers.signature as { date?: unknown } | undefined)?.date;
  return typeof date === 'string' && date > today;
}

export async function guideOf(typeId: string): Promise<TypeGuide> {
  const definition = await defaultRegistry().definition(typeId);
  const catalogue: Catalogue = definition.catalogue;
  const facts = (answers: Record<string, unknown>) => {
    const parties = Array.isArray(answers.parties) ? (answers.parties as { role?: unknown }[]) : [];
    return conventionFacts({
      schema: definition.form,
      data: answers,
      filled: () => withDefaults(definition.form, answers),
      placeIndex: (place) => {
        const index = parties.findIndex((p) => typeof p?.role === 'string' && placeOf(catalogue, p.role) === place);
        return index < 0 ? undefined : index;
      },
    });
  };
  return {
    squelette: catalogue.squelette as Skeleton | undefined,
    roleDefaults(role) {
      const place = placeOf(catalogue, role);
      return place ? { genre: catalogue.parties[place]!.genre } : {};
    },
    neededRoles: Object.values(catalogue.parties).flatMap((p) => Array.from({ length: p?.min ?? 0 }, () => Object.keys(p!.roles)[0]!)),
    admits(pointer, answers, today) {
      const path = dotted(pointer);
      // « prevue » only lets a date to come pass (src/core/rules.ts): after a date already past, it says nothing.
      if (path === PLANNED_SIGNATURE && today !== undefined && !signatureToCome(answers, today)) return false;
      // An option's own words only with that option chosen.
      const option = Object.entries(catalogue.options?.textes ?? {}).find(([, text]) => text?.champ === path)?.[0];
      if (option && catalogue.options) {
        const chosen = facts(answers).value(catalogue.options.champ);
        if (!(Array.isArray(chosen) && chosen.includes(option))) return false;
      }
      const field = catalogue.champs?.[path];
      return !field || holds(field.si, facts(answers));
    },
    choices(pointer, answers) {
      const path = dotted(pointer);
      if (path === 'rgpd.regimes') return Object.keys(catalogue.rgpd);
      const party = /^parties\.(\d+)\.role$/.exec(path);
      if (party) {
        // A role whose place already has its maximum of parties (the other parties) is not offered.
        const others = (Array.isArray(answers.parties) ? (answers.parties as { role?: unknown }[]) : []).filter((_, i) => i !== Number(party[1]));
        return Object.entries(catalogue.parties).flatMap(([place, info]) => {
          const taken = others.filter((p) => typeof p?.role === 'string' && placeOf(catalogue, p.role) === place).length;
          return info && (info.max === undefined || taken < info.max) ? Object.keys(info.roles) : [];
        });
      }
      if (catalogue.options && path === catalogue.options.champ) return catalogue.modeles[modelOf(catalogue, answers)]?.options ?? [];
      return undefined;
    },
    expected(pointer, answers) {
      if (dotted(pointer) !== 'rgpd.dpo') return false;
      const regimes = (answers.rgpd as { regimes?: unknown } | undefined)?.regimes;
      return Array.isArray(regimes) && regimes.some((r) => REGIMES[r as RgpdRegime]?.dpoRequis === true);
    },
    problemsIn(pointer, answers, today) {
      let problems: UnplacedProblem[];
      try {
        problems = [...checkSharedRules(answers, { today }), ...checkTypeRules(answers, definition)];
      } catch {
        // A rule that needs rubriques not answered yet: it is applied by the final check.
        return [];
      }
      return problems.filter((p) => p.severity === 'error' && (p.path === pointer || p.path.startsWith(`${pointer}/`)));
    },
  };
}
