/**
 * The app's requests to `convention serve` (see SERVE-CONTRACT.md): every /api request carries the
 * session's token (`X-Convention-Jeton`), read once from the address's fragment (`#jeton=…`, never
 * sent to the server in a request line or a log), kept for the tab in sessionStorage and removed
 * from the address bar.
 */
const TOKEN_KEY = 'convention-serve-jeton';

export function takeToken(): string | null {
  const match = /(?:^#|&)jeton=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export interface Problem {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  path: string;
}

export interface TypeInfo {
  id: string;
  titre: string;
  description: string;
  modeles: { id: string; titre: string }[];
  schema: Record<string, unknown>;
  presets: Preset[];
}

export interface Preset {
  id: string;
  titre: string;
  roles?: string[];
  variables?: Record<string, { titre?: string; aide?: string }>;
  partie: Record<string, unknown>;
}

export interface Listed {
  fichier: string;
  type: string | null;
  titre: string;
  statut: 'valide' | 'invalide' | 'a-completer';
  erreurs: number;
  avertissements: number;
}

export interface Opened {
  fichier: string;
  type: string | null;
  donnees: Record<string, unknown>;
  version: string;
  problemes: Problem[];
}

/** A refusal of the server: its French message, its code, and the body (a 409 carries the current version). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

let token: string | null = null;
export function setToken(value: string | null): void {
  token = value;
}

async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers['X-Convention-Jeton'] = token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'serveur-injoignable', 'Le serveur ne répond pas : « convention serve » est-il toujours lancé ?', {});
  }
  if (!response.ok) {
    let parsed: Record<string, unknown> = {};
    try {
      parsed = (await response.json()) as Record<string, unknown>;
    } catch {
      // A body that is not JSON: the status says enough.
    }
    const erreur = (parsed.erreur ?? {}) as { code?: string; message?: string };
    throw new ApiError(response.status, erreur.code ?? `http-${response.status}`, erreur.message ?? `Le serveur a refusé la demande (HTTP ${response.status}).`, parsed);
  }
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await request('GET', path)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return (await (await request('POST', path, body)).json()) as T;
}

/** A document's bytes and the name the server gives it (Content-Disposition). */
export async function getDocument(fichier: string, format: 'docx' | 'pdf'): Promise<{ blob: Blob; name: string }> {
  const response = await request('GET', `/api/document?fichier=${encodeURIComponent(fichier)}&format=${format}`);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]!) : plain ? plain[1]! : `${fichier.replace(/\.ya?ml$/i, '')}.${format}`;
  return { blob: await response.blob(), name };
}
