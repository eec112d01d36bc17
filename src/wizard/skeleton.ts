/**
 * The skeleton `convention init` writes: every required rubrique of the type, each value the user
 * must supply set to « À COMPLÉTER » — texts, and also postal codes, dates, civilities, choices and
 * numbers, which the schema then refuses (validate reports them as `texte-a-completer`, with the
 * form expected). Nothing in a skeleton validates until the user has supplied it: only constants,
 * the schema's own defaults, a choice with a single value, the parties and the starting values of
 * the type's catalogue (its `squelette`, else one party per place the convention needs, filled from
 * the stock parties of the wizard's data) are written as values. Rubriques naming a party get one
 * element per party.
 */
import type { AnswerChecker } from './answer-check.js';
import { fillableProperties, labelOf, pointerMatches, toPointer, type Field, type ObjectField, type TextField } from './schema-walk.js';
import type { TypeGuide } from './type-form.js';
import { fillPreset, presetFitsRole, type Preset, type WizardData } from './wizard-data.js';

export const MARKER = 'À COMPLÉTER';

type Path = (string | number)[];

export interface SkeletonResult {
  data: Record<string, unknown>;
}

export interface SkeletonOptions {
  data: WizardData;
  check: AnswerChecker;
  /** The type's catalogue, as the wizard reads it. */
  guide: Pick<TypeGuide, 'squelette' | 'neededRoles'>;
}

export function skeletonOf(form: ObjectField, options: SkeletonOptions): SkeletonResult {
  const builder = new SkeletonBuilder(options);
  const data = builder.value(form, [], options.guide.squelette?.valeurs) as Record<string, unknown>;
  return { data };
}

class SkeletonBuilder {
  private roles: string[] = [];

  constructor(private readonly options: SkeletonOptions) {}

  value(field: Field, path: Path, hint: unknown): unknown {
    if (hint !== undefined && field.kind !== 'object' && !(field.kind === 'array' && field.items.kind === 'object')) {
      if (!this.options.check(field.schema, hint, labelOf(field))) return hint;
    }
    switch (field.kind) {
      case 'const':
        return field.value;
      case 'object':
        return this.object(field, path, (hint ?? {}) as Record<string, unknown>, {});
      case 'array': {
        if (toPointer(path) === this.options.data.parties.chemin) return this.parties(field, path);
        const itemRefs = field.items.kind === 'object' ? this.partyRefKey(field.items, path) : undefined;
        const count = Math.max(field.minItems, 1, itemRefs ? this.roles.length : 0);
        const hints = Array.isArray(hint) ? hint : [];
        return Array.from({ length: Math.min(count, field.maxItems ?? count) }, (_, i) => {
          const preset = itemRefs ? { [itemRefs]: this.roles[i % this.roles.length] } : {};
          const item = field.items.kind === 'object' ? this.object(field.items, [...path, i], (hints[i] ?? {}) as Record<string, unknown>, preset) : this.value(field.items, [...path, i], hints[i]);
          return item;
        });
      }
      case 'multi':
        return Array.isArray(field.default) ? field.default : field.options.length === 1 ? field.options : [MARKER];
      case 'choice':
        return this.value(field.branches[0]!, path, undefined);
      case 'boolean':
        return field.default ?? false;
      default:
        return this.text(field);
    }
  }

  private object(field: ObjectField, path: Path, hint: Record<string, unknown>, given: Record<string, unknown>): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    // `anyOf: [{required: [texte]}, {required: [liste]}]`: the first way of being complete.
    const alternatives = Array.isArray(field.schema.anyOf) ? (field.schema.anyOf as { required?: string[] }[]) : [];
    const alsoRequired = new Set(alternatives.find((a) => Array.isArray(a.required))?.required ?? []);
    for (const property of fillableProperties(field)) {
      if (property.key in given) {
        // A stock value that is the schema's default (`sans_article: false`) goes without saying.
        if (property.required || given[property.key] !== property.default) result[property.key] = given[property.key];
      }
      else if (property.required || alsoRequired.has(property.key) || property.key in hint) result[property.key] = this.value(property, [...path, property.key], hint[property.key]);
    }
    return result;
  }

  /** The key of an item's rubrique that names a party (`partie` of a referent), if any. */
  private partyRefKey(item: ObjectField, path: Path): string | undefined {
    return item.properties.find((p) =>
      this.options.data.renvois_parties.some((pattern) => pointerMatches(toPointer([...path, 0, p.key]), pattern)),
    )?.key;
  }

  private parties(field: Field & { kind: 'array' }, path: Path): unknown[] {
    const item = field.items;
    if (item.kind !== 'object') return [this.value(item, [...path, 0], undefined)];
    const roleKey = this.options.data.parties.role;
    const roleField = item.properties.find((p) => p.key === roleKey);
    const wanted = this.options.guide.squelette?.parties;
    const fromPreset = (preset: Preset | undefined, role: string | undefined, i: number): Record<string, unknown> => {
      const values = preset ? fillPreset(preset, Object.fromEntries(Object.keys(preset.variables ?? {}).map((name) => [name, MARKER]))) : {};
      return this.object(item, [...path, i], {}, { ...(role ? { [roleKey]: role } : {}), ...values });
    };
    let items: Record<string, unknown>[];
    if (wanted) {
      items = wanted
        .map((id) => this.options.data.presets.find((p) => p.id === id))
        .filter((p): p is Preset => p !== undefined)
        .map((preset, i) => fromPreset(preset, this.admittedRole(preset, roleField), i));
    } else {
      // No skeleton in the catalogue: one party per place the convention needs, with its stock party if any.
      items = this.options.guide.neededRoles.map((role, i) => fromPreset(this.options.data.presets.find((p) => presetFitsRole(p, role)), role, i));
    }
    while (items.length < field.minItems) items.push(this.object(item, [...path, items.length], {}, {}));
    this.roles = items.map((p) => p[roleKey]).filter((r): r is string => typeof r === 'string');
    return items;
  }

  private admittedRole(preset: Preset, roleField: Field | undefined): string | undefined {
    return preset.roles.find((role) => !roleField || (presetFitsRole(preset, role) && !this.options.check(roleField.schema, role, labelOf(roleField))));
  }

  /**
   * The schema's default, or the only value a choice admits; otherwise « À COMPLÉTER », even where
   * the schema refuses it (a postal code, a date, a civility, a number): a value that validated
   * would be signed as written once the texts around it are filled in.
   */
  private text(field: TextField): unknown {
    if (field.default !== undefined) return field.default;
    if (field.enum?.length === 1) return field.enum[0];
    return MARKER;
  }
}
