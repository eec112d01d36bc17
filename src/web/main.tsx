/**
 * The browser app of `convention serve`: the folder's conventions, and one convention in a form
 * beside its document. Routes live in the address's fragment (`#/`, `#/ouvrir/<fichier>`), after
 * the token the server printed (`#jeton=…`) has been taken from it.
 */
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, getJson, setToken, takeToken, type TypeInfo } from './api.js';
import { Editor } from './Editor.js';
import { ConventionList } from './List.js';
import './app.css';

function route(): { fichier: string | null } {
  const match = /^#\/ouvrir\/(.+)$/.exec(location.hash);
  return { fichier: match ? decodeURIComponent(match[1]!) : null };
}

function App({ token }: { token: string | null }) {
  const [current, setCurrent] = useState(route);
  const [types, setTypes] = useState<TypeInfo[] | null>(null);
  const [error, setError] = useState<string | null>(token ? null : 'Adresse sans jeton : ouvrez l’adresse complète que « convention serve » a affichée (avec #jeton=…).');

  useEffect(() => {
    const onHash = () => setCurrent(route());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (!token) return;
    getJson<{ types: TypeInfo[] }>('/api/types').then(
      (result) => setTypes(result.types),
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, [token]);
  // A new screen: its title, and after a change of screen the focus at the start of its content
  // (where a page load would leave a screen reader); a page load itself starts at the skip link.
  const firstScreen = useRef(true);
  useEffect(() => {
    document.title = current.fichier ? `${current.fichier} — Conventions de partenariat` : 'Conventions de partenariat';
    if (firstScreen.current) firstScreen.current = false;
    else document.getElementById('contenu')?.focus();
  }, [current.fichier]);

  const go = (fichier: string | null) => {
    location.hash = fichier ? `#/ouvrir/${encodeURIComponent(fichier)}` : '#/';
  };

  return (
    <>
      <a className="lien-evitement" href="#contenu" onClick={(event) => {
        event.preventDefault();
        document.getElementById('contenu')?.focus();
      }}>
        Aller au contenu
      </a>
      <header className="entete">
        <h1>Conventions de partenariat</h1>
      </header>
      <main id="contenu" tabIndex={-1}>
        {error ? (
          <p role="alert">{error}</p>
        ) : !types ? (
          <p role="status">Chargement…</p>
        ) : current.fichier ? (
          <Editor key={current.fichier} fichier={current.fichier} types={types} onLeave={() => go(null)} />
        ) : (
          <ConventionList types={types} onOpen={(fichier) => go(fichier)} />
        )}
      </main>
    </>
  );
}

const token = takeToken();
setToken(token);
createRoot(document.getElementById('application')!).render(
  <StrictMode>
    <App token={token} />
  </StrictMode>,
);
