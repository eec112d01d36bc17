/**
 * A convention in a form, its document beside it. The form is react-jsonschema-form generated from
 * the type's editor schema; it never validates by itself: each change is sent (after a pause in the
 * typing) to POST /api/verifier, whose problems — `validate`'s, in French — are shown next to their
 * fields and in a summary, and whose preview is the document's HTML (src/core/html-preview.ts).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import Form from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import type { UiSchema, ValidatorType } from '@rjsf/utils';
import { createPrecompiledValidator } from '@rjsf/validator-ajv8';
import { validateurs } from 'convention:validateurs';
import { ApiError, getDocument, getJson, postJson, type Opened, type Problem, type TypeInfo } from './api.js';
import { ArrayItem, buttonTemplates, OptionalDataControls, PartyField, widgets } from './form-parts.js';
import { fieldId, fieldLabel, pointerSegments, prepareFormSchema, problemsToErrorTree, type Schema } from './form-schema.js';
import { translateString } from './translate.js';

type Data = Record<string, unknown>;

/** Where a file's unsaved changes are kept in this browser, so that a closed tab loses nothing. */
function draftKey(fichier: string): string {
  return `convention-serve-brouillon:${fichier}`;
}

interface Draft {
  donnees: Data;
  /** The file's version the changes were made on. */
  version: string;
  date: string;
}

function readDraft(fichier: string): Draft | null {
  try {
    const text = localStorage.getItem(draftKey(fichier));
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}

/** The pause in the typing after which the data is checked again and the preview refreshed. */
const VERIFY_DELAY_MS = 300;

/** No default written into the data: a file saved holds what it held and what the user changed. */
const DEFAULTS_BEHAVIOUR = {
  arrayMinItems: { populate: 'never' as const },
  emptyObjectFields: 'skipDefaults' as const,
  constAsDefaults: 'never' as const,
};

function uiSchemaFor(schema: Schema): UiSchema {
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  const ui: UiSchema = {
    'ui:submitButtonOptions': { norender: true },
    'ui:globalOptions': {
      // An optional group (a delegate of the representative…) is shown only once asked for: its
      // required fields would otherwise look required for the convention.
      enableOptionalDataFieldForType: ['object'],
      // Options carry their value (« departemental »), not their index.
      optionValueFormat: 'realValue',
    },
    // The type is chosen when the file is created, and `$schema` is for text editors.
    type: { 'ui:widget': 'hidden' },
    $schema: { 'ui:widget': 'hidden' },
  };
  if ('parties' in properties) ui.parties = { items: { 'ui:field': 'PartyField' } };
  return ui;
}

/** The field a problem's pointer names, or the nearest one shown; its first input if it is a group. */
function focusField(pointer: string): void {
  let segments = pointerSegments(pointer);
  for (;;) {
    const element = document.getElementById(fieldId(`/${segments.join('/')}`.replace(/^\/$/, '')));
    if (element) {
      const target = element.matches('input, select, textarea, button')
        ? element
        : element.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button');
      (target ?? element).scrollIntoView({ block: 'center' });
      (target ?? element).focus();
      return;
    }
    if (segments.length === 0) return;
    segments = segments.slice(0, -1);
  }
}

function problemsStatus(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return 'Aucun problème : la convention est valide.';
  const parts = [];
  if (errors > 0) parts.push(`${errors} erreur${errors > 1 ? 's' : ''}`);
  if (warnings > 0) parts.push(`${warnings} avertissement${warnings > 1 ? 's' : ''}`);
  return `${parts.join(' et ')} à voir.`;
}

async function download(fichier: string, format: 'docx' | 'pdf'): Promise<void> {
  const { blob, name } = await getDocument(fichier, format);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Editor({ fichier, types, onLeave }: { fichier: string; types: readonly TypeInfo[]; onLeave: () => void }) {
  const [opened, setOpened] = useState<Opened | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [data, setData] = useState<Data>({});
  const [version, setVersion] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [apercu, setApercu] = useState<string | null>(null);
  // The last preview there was: kept in sight, said to be behind, while the form has errors of form.
  const [lastApercu, setLastApercu] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState('');
  const [draftOffer, setDraftOffer] = useState<Draft | null>(null);
  const [conflictVersion, setConflictVersion] = useState<string | null>(null);
  const [validator, setValidator] = useState<ValidatorType | null>(null);
  const [busy, setBusy] = useState(false);
  const conflictDialog = useRef<HTMLDialogElement>(null);
  const verifySeq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const typeInfo = useMemo(() => types.find((t) => t.id === (opened?.type ?? data.type)), [types, opened, data.type]);
  const formSchema = useMemo(() => (typeInfo ? prepareFormSchema(typeInfo.schema) : null), [typeInfo]);
  const uiSchema = useMemo(() => (formSchema ? uiSchemaFor(formSchema) : {}), [formSchema]);
  const formContext = useMemo(() => ({ presets: typeInfo?.presets ?? [] }), [typeInfo]);

  const verify = useCallback(
    async (donnees: Data) => {
      const seq = ++verifySeq.current;
      try {
        const result = await postJson<{ problemes: Problem[]; apercu: string | null }>('/api/verifier', { fichier, donnees });
        if (seq !== verifySeq.current) return; // a later change is being checked
        setProblems(result.problemes);
        setApercu(result.apercu);
        if (result.apercu !== null) setLastApercu(result.apercu);
        setStatus(problemsStatus(result.problemes));
      } catch (error) {
        if (seq === verifySeq.current) setStatus(error instanceof ApiError ? error.message : String(error));
      }
    },
    [fichier],
  );

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const file = await getJson<Opened>(`/api/convention?fichier=${encodeURIComponent(fichier)}`);
      setOpened(file);
      setData(file.donnees);
      setVersion(file.version);
      setProblems(file.problemes);
      setDirty(false);
      const draft = readDraft(fichier);
      setDraftOffer(draft && JSON.stringify(draft.donnees) !== JSON.stringify(file.donnees) ? draft : null);
      void verify(file.donnees);
    } catch (error) {
      setLoadError(error instanceof ApiError ? error.message : String(error));
    }
  }, [fichier, verify]);

  useEffect(() => {
    void load();
  }, [load]);

  // The type's validators (compiled at build time, see scripts/build-web.mjs), for rjsf's choice
  // between alternatives only.
  useEffect(() => {
    if (!typeInfo || !formSchema) return;
    const loader = validateurs[typeInfo.id];
    if (!loader) {
      setLoadError(`Le type « ${typeInfo.id} » n’a pas de formulaire dans cette version de l’application : relancez « npm run build ».`);
      return;
    }
    let live = true;
    loader().then(
      (module) => {
        const functions = ((module as { default?: unknown }).default ?? module) as Parameters<typeof createPrecompiledValidator>[0];
        if (live) setValidator(() => createPrecompiledValidator(functions, formSchema));
      },
      () => {
        if (live) setLoadError('Le formulaire de ce type n’a pas pu être chargé : le serveur est-il toujours lancé ? Rechargez la page.');
      },
    );
    return () => {
      live = false;
    };
  }, [typeInfo, formSchema]);

  // A warning before the tab is closed with changes not saved (they stay in this browser's drafts).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useEffect(() => () => clearTimeout(timer.current), []);

  // Each field with a problem is marked invalid for assistive technologies (the message itself is
  // tied by rjsf's aria-describedby to `<id>__error`).
  useEffect(() => {
    const form = document.getElementById('formulaire');
    if (!form) return;
    for (const element of form.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
    for (const problem of problems) {
      const element = document.getElementById(fieldId(problem.path));
      if (element?.matches('input, select, textarea')) element.setAttribute('aria-invalid', 'true');
    }
  });

  const onChange = (event: IChangeEvent) => {
    const donnees = (event.formData ?? {}) as Data;
    setData(donnees);
    setDirty(true);
    if (version !== null) {
      const draft: Draft = { donnees, version, date: new Date().toISOString() };
      try {
        localStorage.setItem(draftKey(fichier), JSON.stringify(draft));
      } catch {
        // A full storage keeps the form working; only the draft is not kept.
      }
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void verify(donnees), VERIFY_DELAY_MS);
  };

  const save = async (ecraser = false) => {
    setBusy(true);
    try {
      const result = await postJson<{ version: string; problemes: Problem[] }>('/api/enregistrer', {
        fichier,
        donnees: data,
        version: ecraser ? conflictVersion : version,
        ...(ecraser ? { ecraser: true } : {}),
      });
      setVersion(result.version);
      setProblems(result.problemes);
      setDirty(false);
      localStorage.removeItem(draftKey(fichier));
      setStatus(`Enregistré dans ${fichier}. ${problemsStatus(result.problemes)}`);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'modifie-sur-disque') {
        setConflictVersion(typeof error.body.version === 'string' ? error.body.version : null);
        conflictDialog.current?.showModal();
      } else {
        setStatus(error instanceof ApiError ? error.message : String(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const fetchDocument = async (format: 'docx' | 'pdf') => {
    try {
      await download(fichier, format);
      setStatus(`${format.toUpperCase()} téléchargé${dirty ? ' (celui du fichier enregistré : les modifications en cours n’y sont pas)' : ''}.`);
    } catch (error) {
      setStatus(error instanceof ApiError ? error.message : String(error));
    }
  };

  const leave = () => {
    if (dirty && !window.confirm('Des modifications ne sont pas enregistrées (ce navigateur les garde comme brouillon). Revenir à la liste ?')) return;
    onLeave();
  };

  const errorTree = useMemo(() => problemsToErrorTree(problems), [problems]);

  if (loadError) {
    return (
      <section aria-labelledby="titre-erreur">
        <h2 id="titre-erreur">Impossible d’ouvrir {fichier}</h2>
        <p role="alert">{loadError}</p>
        <button type="button" className="bouton-secondaire" onClick={onLeave}>
          Revenir à la liste
        </button>
      </section>
    );
  }
  if (!opened) return <p role="status">Ouverture de {fichier}…</p>;
  if (!typeInfo || !formSchema) {
    return (
      <section aria-labelledby="titre-erreur">
        <h2 id="titre-erreur">{fichier}</h2>
        <p role="alert">
          Ce fichier ne dit pas de quel type de convention il s’agit (rubrique « type »), ou ce type est inconnu : corrigez-le dans un éditeur de
          texte.
        </p>
        <button type="button" className="bouton-secondaire" onClick={onLeave}>
          Revenir à la liste
        </button>
      </section>
    );
  }

  const errors = problems.filter((p) => p.severity === 'error');
  return (
    <div className="editeur">
      <div className="barre">
        <h2 id="titre-convention">
          {fichier} <span className="type-convention">({typeInfo.titre})</span>
        </h2>
        <div className="actions">
          <button type="button" className="bouton-secondaire" onClick={leave}>
            Revenir à la liste
          </button>
          <button type="button" className="bouton-principal" onClick={() => void save()} disabled={busy}>
            Enregistrer
          </button>
          <button type="button" className="bouton-secondaire" onClick={() => void fetchDocument('docx')}>
            Télécharger le DOCX
          </button>
          <button type="button" className="bouton-secondaire" onClick={() => void fetchDocument('pdf')}>
            Télécharger le PDF
          </button>
        </div>
        <p role="status" className="statut">
          {dirty ? 'Modifications non enregistrées. ' : ''}
          {status}
        </p>
      </div>

      {draftOffer ? (
        <section className="brouillon" aria-labelledby="titre-brouillon">
          <h2 id="titre-brouillon">Brouillon non enregistré</h2>
          <p>
            Des modifications de ce fichier faites le {new Date(draftOffer.date).toLocaleString('fr-FR')} n’ont pas été enregistrées ; ce navigateur
            les a gardées.
            {draftOffer.version !== version ? ' Le fichier a changé sur le disque depuis.' : ''}
          </p>
          <button
            type="button"
            className="bouton-principal"
            onClick={() => {
              setData(draftOffer.donnees);
              setDirty(true);
              setDraftOffer(null);
              void verify(draftOffer.donnees);
            }}
          >
            Reprendre le brouillon
          </button>
          <button
            type="button"
            className="bouton-secondaire"
            onClick={() => {
              localStorage.removeItem(draftKey(fichier));
              setDraftOffer(null);
            }}
          >
            Abandonner le brouillon
          </button>
        </section>
      ) : null}

      <div className="colonnes">
        <section className="colonne-formulaire" aria-labelledby="titre-formulaire">
          <h2 id="titre-formulaire">Formulaire</h2>
          {problems.length > 0 ? (
            <section className="problemes" aria-labelledby="titre-problemes">
              <h3 id="titre-problemes">
                À corriger : {errors.length} erreur{errors.length > 1 ? 's' : ''}
                {problems.length > errors.length ? `, ${problems.length - errors.length} avertissement${problems.length - errors.length > 1 ? 's' : ''}` : ''}
              </h3>
              <ul>
                {problems.map((problem, index) => (
                  <li key={`${problem.path}-${problem.code}-${index}`} className={problem.severity === 'error' ? 'erreur' : 'avertissement'}>
                    <a
                      href={`#${fieldId(problem.path)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        focusField(problem.path);
                      }}
                    >
                      {problem.severity === 'warning' ? 'Avertissement — ' : ''}
                      {fieldLabel(formSchema, problem.path) ? `${fieldLabel(formSchema, problem.path)} : ` : ''}
                      {problem.message}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {validator ? (
            <Form
              id="formulaire"
              schema={formSchema}
              uiSchema={uiSchema}
              formData={data}
              validator={validator}
              onChange={onChange}
              onSubmit={() => void save()}
              extraErrors={errorTree as never}
              showErrorList={false}
              // Never rjsf's own checks (ajv's English words): the server's problems are the messages.
              noValidate
              noHtml5Validate
              translateString={translateString}
              widgets={widgets}
              fields={{ PartyField }}
              templates={{ ButtonTemplates: buttonTemplates, OptionalDataControlsTemplate: OptionalDataControls, ArrayFieldItemTemplate: ArrayItem }}
              formContext={formContext}
              experimental_defaultFormStateBehavior={DEFAULTS_BEHAVIOUR}
            />
          ) : (
            <p role="status">Préparation du formulaire…</p>
          )}
        </section>
        <section className="colonne-apercu" aria-labelledby="titre-apercu">
          <h2 id="titre-apercu">Aperçu du document</h2>
          {apercu === null ? (
            <p className="apercu-absent">
              {lastApercu === null
                ? 'L’aperçu paraîtra quand les erreurs de forme (rubriques manquantes ou mal écrites) seront corrigées.'
                : 'Aperçu en retard : il suivra de nouveau la saisie quand les erreurs de forme (rubriques manquantes ou mal écrites) seront corrigées.'}
            </p>
          ) : null}
          {(apercu ?? lastApercu) !== null ? (
            // Set as HTML because it is ours: src/core/html-preview.ts escapes every text of the
            // convention and writes only its own fixed elements, without any attribute from the data.
            // The page's Content-Security-Policy (script-src 'self') would refuse an inline script
            // anyway, so no sanitiser is added on top.
            // Focusable (tabIndex 0): the keyboard scrolls it as the mouse does.
            <div
              className={`apercu${apercu === null ? ' apercu-en-retard' : ''}`}
              lang="fr"
              tabIndex={0}
              role="region"
              aria-labelledby="titre-apercu"
              dangerouslySetInnerHTML={{ __html: (apercu ?? lastApercu)! }}
            />
          ) : null}
        </section>
      </div>

      <dialog ref={conflictDialog} aria-labelledby="titre-conflit" className="dialogue">
        <h2 id="titre-conflit">Le fichier a changé sur le disque</h2>
        <p>
          {fichier} a été modifié par un autre programme depuis son ouverture. Recharger le fichier abandonne vos modifications (elles restent proposées
          comme brouillon) ; écraser remplace le fichier par le formulaire.
        </p>
        <div className="actions">
          <button
            type="button"
            className="bouton-secondaire"
            onClick={() => {
              conflictDialog.current?.close();
              void load();
            }}
          >
            Recharger depuis le disque
          </button>
          <button
            type="button"
            className="bouton-principal"
            onClick={() => {
              conflictDialog.current?.close();
              void save(true);
            }}
          >
            Écraser
          </button>
          <button type="button" className="bouton-secondaire" onClick={() => conflictDialog.current?.close()}>
            Annuler
          </button>
        </div>
      </dialog>
    </div>
  );
}
