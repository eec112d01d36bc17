/**
 * What the form changes in react-jsonschema-form's core theme: buttons that say what they do in
 * French (the core theme draws Bootstrap 3 glyph icons, a font this page does not load), long texts
 * as text areas, and a party's fieldset that offers the stock parties (presets).
 */
import { useId, useState } from 'react';
import {
  getTemplate,
  getUiOptions,
  TranslatableString,
  type ArrayFieldItemTemplateProps,
  type FieldProps,
  type IconButtonProps,
  type OptionalDataControlsTemplateProps,
  type RegistryWidgetsType,
  type TemplatesType,
  type WidgetProps,
} from '@rjsf/utils';
import type { Preset } from './api.js';
import { isLongText, type Schema } from './form-schema.js';

function TextButton({ title, className, iconType, icon, uiSchema, registry, ...rest }: IconButtonProps) {
  void iconType;
  void icon;
  void uiSchema;
  void registry;
  return (
    <button type="button" className={`bouton-secondaire ${className ?? ''}`} {...rest}>
      {title}
    </button>
  );
}

function AddButton({ registry, id, className, onClick, disabled }: IconButtonProps) {
  return (
    <p className="ajout">
      <button type="button" id={id} className={`bouton-secondaire ${className ?? ''}`} onClick={onClick} disabled={disabled}>
        {registry.translateString(TranslatableString.AddButton)}
      </button>
    </p>
  );
}

export const buttonTemplates: Partial<TemplatesType['ButtonTemplates']> = {
  AddButton,
  CopyButton: (props: IconButtonProps) => <TextButton {...props} title={props.registry.translateString(TranslatableString.CopyButton)} />,
  MoveUpButton: (props: IconButtonProps) => <TextButton {...props} title={props.registry.translateString(TranslatableString.MoveUpButton)} />,
  MoveDownButton: (props: IconButtonProps) => <TextButton {...props} title={props.registry.translateString(TranslatableString.MoveDownButton)} />,
  RemoveButton: (props: IconButtonProps) => <TextButton {...props} title={props.registry.translateString(TranslatableString.RemoveButton)} />,
};

/**
 * An element of a list: its fields, then its buttons in a row below them (the core theme puts them
 * in a column beside, which leaves nested lists a sliver of width).
 */
export function ArrayItem({ children, className, buttonsProps, hasToolbar, index, registry, uiSchema }: ArrayFieldItemTemplateProps) {
  const Buttons = getTemplate('ArrayFieldItemButtonsTemplate', registry, getUiOptions(uiSchema));
  return (
    <div className={`${className} element-de-liste`}>
      {children}
      {hasToolbar ? (
        // Named, so that a screen reader says which element « Supprimer » acts on.
        <div className="array-item-toolbox" role="group" aria-label={`Actions sur l’élément ${index + 1}`}>
          <Buttons {...buttonsProps} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * The button that adds (or removes) an optional group — a delegate signing for the representative,
 * local initiatives — said in words. The convention as a whole is never optional.
 */
export function OptionalDataControls({ id, label, onAddClick, onRemoveClick }: OptionalDataControlsTemplateProps) {
  if (id.startsWith('root__')) return null;
  const onClick = onAddClick ?? onRemoveClick;
  if (!onClick) return <em id={id}>{label}</em>;
  return (
    <button type="button" id={id} className="bouton-secondaire facultatif" onClick={onClick}>
      {label}
    </button>
  );
}

/** A string field: a text area for a text in paragraphs, a one-line input otherwise. */
function TextWidget(props: WidgetProps) {
  const { registry, schema } = props;
  if (isLongText(schema as Schema)) {
    const Textarea = registry.widgets.TextareaWidget!;
    return <Textarea {...props} options={{ ...props.options, rows: 6 }} />;
  }
  const Input = registry.templates.BaseInputTemplate;
  return <Input {...props} />;
}

export const widgets: RegistryWidgetsType = { TextWidget };

/** `{departement}` in a preset's values replaced by what the user typed. */
function fill(value: unknown, variables: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(/\{([a-z_]+)\}/g, (whole, name: string) => variables[name] ?? whole);
  if (Array.isArray(value)) return value.map((item) => fill(item, variables));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, variables)]));
  return value;
}

/**
 * A party: above its fields, the stock parties its role admits (all of them while it has no role),
 * with their variables (« de la Loire »); applying one fills the party's fields, its role kept.
 */
export function PartyField(props: FieldProps) {
  const { registry, formData, onChange, fieldPathId } = props;
  const presets = (registry.formContext as { presets?: Preset[] } | undefined)?.presets ?? [];
  const ObjectField = registry.fields.ObjectField!;
  const role = (formData as { role?: unknown } | undefined)?.role;
  const offered = presets.filter((preset) => !preset.roles || typeof role !== 'string' || preset.roles.includes(role));
  const [chosen, setChosen] = useState('');
  const [variables, setVariables] = useState<Record<string, string>>({});
  const base = useId();
  const preset = offered.find((p) => p.id === chosen);
  const apply = () => {
    if (!preset) return;
    const filled = fill(preset.partie, variables) as Record<string, unknown>;
    onChange({ ...(formData as Record<string, unknown>), ...filled, ...(typeof role === 'string' ? { role } : {}) }, fieldPathId.path);
    setChosen('');
    setVariables({});
  };
  return (
    <>
      {offered.length > 0 && !props.disabled && !props.readonly ? (
        <div className="preset" role="group" aria-labelledby={`${base}-titre`}>
          <p id={`${base}-titre`} className="preset-titre">
            Remplir avec un organisme type
          </p>
          <label htmlFor={`${base}-choix`}>Organisme type</label>
          <select id={`${base}-choix`} value={chosen} onChange={(event) => setChosen(event.target.value)}>
            <option value="">(choisir)</option>
            {offered.map((p) => (
              <option key={p.id} value={p.id}>
                {p.titre}
              </option>
            ))}
          </select>
          {preset
            ? Object.entries(preset.variables ?? {}).map(([name, variable]) => (
                <div key={name} className="preset-variable">
                  <label htmlFor={`${base}-${name}`}>{variable.titre ?? name}</label>
                  <input
                    id={`${base}-${name}`}
                    value={variables[name] ?? ''}
                    aria-describedby={variable.aide ? `${base}-${name}-aide` : undefined}
                    onChange={(event) => setVariables({ ...variables, [name]: event.target.value })}
                  />
                  {variable.aide ? (
                    <p id={`${base}-${name}-aide`} className="aide">
                      {variable.aide}
                    </p>
                  ) : null}
                </div>
              ))
            : null}
          <button type="button" className="bouton-secondaire" disabled={!preset} onClick={apply}>
            Remplir la partie
          </button>
        </div>
      ) : null}
      <ObjectField {...props} />
    </>
  );
}
