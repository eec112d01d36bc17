/** The conventions of the served folder, their state, and the creation of a new one. */
import { useEffect, useId, useState } from 'react';
import { ApiError, getJson, postJson, type Listed, type TypeInfo } from './api.js';

const STATUS_LABEL: Record<Listed['statut'], string> = { valide: 'valide', invalide: 'invalide', 'a-completer': 'à compléter' };

function counts(entry: Listed): string {
  const parts: string[] = [];
  if (entry.erreurs > 0) parts.push(`${entry.erreurs} erreur${entry.erreurs > 1 ? 's' : ''}`);
  if (entry.avertissements > 0) parts.push(`${entry.avertissements} avertissement${entry.avertissements > 1 ? 's' : ''}`);
  return parts.join(', ');
}

export function ConventionList({ types, onOpen }: { types: readonly TypeInfo[]; onOpen: (fichier: string) => void }) {
  const [listing, setListing] = useState<{ dossier: string; conventions: Listed[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    getJson<{ dossier: string; conventions: Listed[] }>('/api/conventions').then(setListing, (e: unknown) =>
      setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, []);

  if (error) return <p role="alert">{error}</p>;
  if (!listing) return <p role="status">Lecture du dossier…</p>;
  return (
    <>
      <section aria-labelledby="titre-liste">
        <h2 id="titre-liste">Conventions du dossier « {listing.dossier} »</h2>
        {listing.conventions.length === 0 ? (
          <p>Ce dossier ne contient encore aucune convention.</p>
        ) : (
          <table className="liste">
            <caption className="visuellement-cache">Conventions, avec leur état</caption>
            <thead>
              <tr>
                <th scope="col">Fichier</th>
                <th scope="col">Convention</th>
                <th scope="col">Type</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {listing.conventions.map((entry) => (
                <tr key={entry.fichier}>
                  <td>
                    <a
                      href={`#/ouvrir/${encodeURIComponent(entry.fichier)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        onOpen(entry.fichier);
                      }}
                    >
                      {entry.fichier}
                    </a>
                  </td>
                  <td>{entry.titre}</td>
                  <td>{entry.type ?? '—'}</td>
                  <td>
                    <span className={`etat etat-${entry.statut}`}>{STATUS_LABEL[entry.statut]}</span>
                    {counts(entry) ? <span className="compte"> ({counts(entry)})</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="titre-nouvelle">
        <h2 id="titre-nouvelle">Nouvelle convention</h2>
        {creating ? (
          <NewConvention types={types} existing={listing.conventions.map((c) => c.fichier)} onCreated={onOpen} onCancel={() => setCreating(false)} />
        ) : (
          <button type="button" className="bouton-principal" onClick={() => setCreating(true)}>
            Nouvelle convention
          </button>
        )}
      </section>
    </>
  );
}

/** The roles a type's schema admits for its parties (the enum of `parties.items…role`), in order. */
function rolesOf(type: TypeInfo): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const role = (record.properties as Record<string, { enum?: unknown }> | undefined)?.role;
    if (Array.isArray(role?.enum)) for (const value of role.enum) if (typeof value === 'string' && !found.includes(value)) found.push(value);
    Object.values(record).forEach(walk);
  };
  walk((type.schema.properties as Record<string, unknown> | undefined)?.parties);
  return found;
}

function NewConvention({
  types,
  existing,
  onCreated,
  onCancel,
}: {
  types: readonly TypeInfo[];
  existing: readonly string[];
  onCreated: (fichier: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [typeId, setTypeId] = useState('');
  const [modele, setModele] = useState('');
  const [presets, setPresets] = useState<Record<string, string>>({});
  const [fichier, setFichier] = useState('');
  const [error, setError] = useState<string | null>(null);
  const type = types.find((t) => t.id === typeId);
  const roles = type ? rolesOf(type).filter((role) => type.presets.some((p) => !p.roles || p.roles.includes(role))) : [];

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const name = fichier.trim();
    if (!type) return setError('Choisissez un type de convention.');
    if (type.modeles.length > 1 && !modele) return setError('Choisissez un modèle de rédaction.');
    if (!/\.ya?ml$/i.test(name)) return setError('Le nom du fichier se termine par .yaml (par exemple « ccas-villeneuve.yaml »).');
    if (existing.includes(name)) return setError(`Le fichier « ${name} » existe déjà : choisissez un autre nom.`);
    try {
      const chosen = Object.fromEntries(Object.entries(presets).filter(([, preset]) => preset !== ''));
      const created = await postJson<{ fichier: string }>('/api/nouvelle', {
        fichier: name,
        type: type.id,
        ...(type.modeles.length > 1 ? { modele } : type.modeles.length === 1 ? { modele: type.modeles[0]!.id } : {}),
        ...(Object.keys(chosen).length > 0 ? { presets: chosen } : {}),
      });
      onCreated(created.fichier);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <form className="nouvelle" onSubmit={(event) => void submit(event)} noValidate aria-describedby={error ? `${id}-erreur` : undefined}>
      <div className="champ">
        <label htmlFor={`${id}-type`}>Type de convention</label>
        <select
          id={`${id}-type`}
          value={typeId}
          onChange={(event) => {
            setTypeId(event.target.value);
            setModele('');
            setPresets({});
          }}
        >
          <option value="">(choisir)</option>
          {types.map((t) => (
            <option key={t.id} value={t.id}>
              {t.titre}
            </option>
          ))}
        </select>
        {type ? <p className="aide">{type.description}</p> : null}
      </div>
      {type && type.modeles.length > 1 ? (
        <div className="champ">
          <label htmlFor={`${id}-modele`}>Modèle de rédaction</label>
          <select id={`${id}-modele`} value={modele} onChange={(event) => setModele(event.target.value)}>
            <option value="">(choisir)</option>
            {type.modeles.map((m) => (
              <option key={m.id} value={m.id}>
                {m.titre}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {roles.map((role) => (
        <div className="champ" key={role}>
          <label htmlFor={`${id}-preset-${role}`}>Organisme type pour le rôle « {role} » (facultatif)</label>
          <select id={`${id}-preset-${role}`} value={presets[role] ?? ''} onChange={(event) => setPresets({ ...presets, [role]: event.target.value })}>
            <option value="">(aucun : parties à compléter)</option>
            {type!.presets
              .filter((p) => !p.roles || p.roles.includes(role))
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.titre}
                </option>
              ))}
          </select>
        </div>
      ))}
      <div className="champ">
        <label htmlFor={`${id}-fichier`}>Nom du fichier</label>
        <input id={`${id}-fichier`} value={fichier} onChange={(event) => setFichier(event.target.value)} aria-describedby={`${id}-fichier-aide`} />
        <p id={`${id}-fichier-aide`} className="aide">
          Dans le dossier servi, terminé par .yaml : « ccas-villeneuve.yaml ».
        </p>
      </div>
      {error ? (
        <p id={`${id}-erreur`} role="alert" className="message-erreur">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="bouton-principal">
          Créer la convention
        </button>
        <button type="button" className="bouton-secondaire" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
