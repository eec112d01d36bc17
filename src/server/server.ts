/**
 * The HTTP server of `convention serve` (node:http only): the browser app's static files and the
 * JSON API, behind the checks every request passes —
 * - Host must name this server (127.0.0.1, localhost, [::1] or the host given, with its port): a
 *   page of another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) is refused;
 * - /api requires the session's token, sent by the app in a header (never in a URL, where it would
 *   be logged); a page of another site cannot read it, nor send the header without it;
 * - a request from another origin (`Origin` header) is refused, and a request that changes anything
 *   must be JSON (`Content-Type: application/json`), which a plain HTML form cannot send;
 * - bodies are limited to 2 MiB; files are confined to the served folder (confine.ts).
 * Answers carry a strict Content-Security-Policy: nothing from a YAML can run as script.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, realpath } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { PACKAGE_ROOT } from '../core/assets.js';
import { UserError } from '../core/errors.js';
import * as api from './api.js';
import { errorBody, HttpError } from './http-error.js';

/** Where the UI's build step writes the browser app (index.html, app.js, app.css). */
const APP_DIR = join(PACKAGE_ROOT, 'dist', 'serve');

/** Request bodies larger than this are refused (413): a convention is a few kilobytes. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const TOKEN_HEADER = 'x-convention-jeton';

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface ServeOptions {
  /** The served folder (real path) and its name as shown. */
  served: api.Served;
  token: string;
  /** The host the server listens on (127.0.0.1 by default). */
  host: string;
}

/** A server not yet listening: the caller listens and knows the port (Host is checked against it). */
export function createConventionServer(options: ServeOptions): { server: Server; setPort: (port: number) => void } {
  let port = 0;
  const tokenDigest = digest(options.token);
  const server = createServer((request, response) => {
    handle(request, response, { ...options, port, tokenDigest }).catch((error: unknown) => sendError(response, internal(error)));
  });
  // Slow clients do not hold the server: whole requests within a minute, headers within 20 s.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  // An idle connection is kept longer than a client keeps it (browsers, fetch): otherwise the server
  // may close it just as the client sends its next request on it, which the client sees as a failure.
  server.keepAliveTimeout = 65_000;
  return { server, setPort: (value) => (port = value) };
}

interface Context extends ServeOptions {
  port: number;
  tokenDigest: Buffer;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The Host values that name this server. */
function allowedHosts(context: Context): Set<string> {
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  const bracketed = (address: string) => (address.includes(':') && !address.startsWith('[') ? `[${address}]` : address);
  if (context.host === '0.0.0.0' || context.host === '::') {
    // Every address of the machine: the one another machine of the network uses to reach it.
    for (const addresses of Object.values(networkInterfaces())) for (const { address } of addresses ?? []) names.push(bracketed(address));
  } else if (context.host !== '127.0.0.1') names.push(bracketed(context.host));
  return new Set(names.map((name) => `${name}:${context.port}`.toLowerCase()));
}

async function handle(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  const host = (request.headers.host ?? '').toLowerCase();
  if (!allowedHosts(context).has(host)) {
    throw new HttpError(421, 'hote-refuse', `Requête refusée : l’hôte « ${request.headers.host ?? ''} » ne désigne pas ce serveur (seuls 127.0.0.1:${context.port} et localhost:${context.port} sont servis).`);
  }
  const url = new URL(request.url ?? '/', `http://${host}`);
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    response.setHeader('Cache-Control', 'no-store');
    return handleApi(request, response, url, context, host);
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    throw new HttpError(405, 'methode-refusee', `Méthode ${request.method ?? ''} non admise pour ce chemin.`);
  }
  return serveStatic(response, url.pathname, request.method === 'HEAD');
}

async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL, context: Context, host: string): Promise<void> {
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    throw new HttpError(403, 'origine-refusee', `Requête refusée : elle vient d’une autre origine (« ${origin} ») que l’application servie.`);
  }
  const sent = request.headers[TOKEN_HEADER];
  if (typeof sent !== 'string' || !timingSafeEqual(digest(sent), context.tokenDigest)) {
    throw new HttpError(401, 'jeton-invalide', 'Jeton de session absent ou invalide : ouvrez l’adresse complète affichée par « convention serve » (avec #jeton=…).');
  }
  const route = `${request.method ?? ''} ${url.pathname}`;
  const served = context.served;
  if (request.method === 'GET') {
    switch (url.pathname) {
      case '/api/types':
        return sendJson(response, 200, await api.types());
      case '/api/conventions':
        return sendJson(response, 200, await api.conventions(served));
      case '/api/convention':
        return sendJson(response, 200, await api.openConvention(served, url.searchParams.get('fichier') ?? undefined));
      case '/api/document': {
        const { documentOf } = await import('./write-api.js');
        const document = await documentOf(served, url.searchParams.get('fichier') ?? undefined, url.searchParams.get('format') ?? 'docx', url.searchParams.get('annexe') ?? undefined);
        response.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': document.contentType,
          'Content-Length': document.bytes.length,
          'Content-Disposition': contentDisposition(document.name),
        });
        response.end(document.bytes);
        return;
      }
    }
  } else if (request.method === 'POST') {
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/json') {
      throw new HttpError(403, 'type-contenu-refuse', 'Requête refusée : le corps doit être du JSON (Content-Type: application/json).');
    }
    const body = await readJsonBody(request);
    switch (url.pathname) {
      case '/api/verifier':
        return sendJson(response, 200, await api.verify(served, body));
      case '/api/nouvelle': {
        const { create } = await import('./write-api.js');
        return sendJson(response, 201, await create(served, body));
      }
      case '/api/enregistrer': {
        const { save } = await import('./write-api.js');
        return sendJson(response, 200, await save(served, body));
      }
    }
  }
  const known = ['/api/types', '/api/conventions', '/api/convention', '/api/document', '/api/verifier', '/api/nouvelle', '/api/enregistrer'];
  if (known.includes(url.pathname)) throw new HttpError(405, 'methode-refusee', `Méthode ${request.method ?? ''} non admise pour ${url.pathname}.`);
  throw new HttpError(404, 'chemin-inconnu', `Chemin inconnu de l’API : ${route}.`);
}

/** The request's JSON body, at most MAX_BODY_BYTES (refused as soon as it is known to be larger). */
async function readJsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const tooLarge = () => new HttpError(413, 'requete-trop-volumineuse', `Requête trop volumineuse : ${MAX_BODY_BYTES / 1048576} Mio au plus.`);
  // Read by events rather than `for await`: leaving that loop early would destroy the request,
  // and the client would see a reset connection instead of the 413. Past the limit, the rest is
  // read and dropped.
  const chunks = await new Promise<Buffer[]>((resolve, reject) => {
    const kept: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= MAX_BODY_BYTES) kept.push(chunk);
    });
    request.on('end', () => (length > MAX_BODY_BYTES ? reject(tooLarge()) : resolve(kept)));
    request.on('error', reject);
  });
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
  } catch {
    throw new HttpError(400, 'json-invalide', 'Le corps de la requête n’est pas un JSON valide en UTF-8.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'json-invalide', 'Le corps de la requête doit être un objet JSON.');
  }
  if (depthExceeds(body, MAX_DEPTH)) {
    throw new HttpError(400, 'json-invalide', `Le corps de la requête est imbriqué sur plus de ${MAX_DEPTH} niveaux : une convention en compte une dizaine.`);
  }
  return body as Record<string, unknown>;
}

/**
 * Nesting accepted in a body: a convention has some ten levels. The stages walk data recursively
 * (YAML writing, validation): a body of 400 000 nested lists would exhaust their stack.
 */
const MAX_DEPTH = 64;

/** Whether `value` nests deeper than `max`, found without recursion. */
function depthExceeds(value: unknown, max: number): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
  }
  return false;
}

async function serveStatic(response: ServerResponse, pathname: string, headOnly: boolean): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new HttpError(400, 'chemin-invalide', 'Chemin invalide.');
  }
  const name = decoded === '/' ? 'index.html' : decoded.slice(1);
  const segments = name.split('/');
  if (name.includes('\0') || name.includes('\\') || segments.some((s) => s === '..' || s === '' || s.startsWith('.'))) {
    throw new HttpError(404, 'chemin-inconnu', `Fichier inconnu : ${decoded}.`);
  }
  let root: string;
  let file: string;
  try {
    root = await realpath(APP_DIR);
    file = await realpath(join(root, ...segments));
  } catch {
    if (name === 'index.html') {
      throw new HttpError(404, 'application-absente', 'L’application du navigateur n’est pas construite (dist/serve/index.html absent) : lancez « npm run build ».');
    }
    throw new HttpError(404, 'chemin-inconnu', `Fichier inconnu : ${decoded}.`);
  }
  const rel = relative(root, file);
  if (rel.startsWith('..') || rel.startsWith(sep)) throw new HttpError(404, 'chemin-inconnu', `Fichier inconnu : ${decoded}.`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new HttpError(404, 'chemin-inconnu', `Fichier inconnu : ${decoded}.`);
  }
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-cache',
  });
  response.end(headOnly ? undefined : bytes);
}

/** `attachment; filename=…`, with the UTF-8 name for accented file names (RFC 6266). */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

function internal(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof UserError) return new HttpError(422, error.code, error.message);
  const detail = error instanceof Error ? error.message : String(error);
  return new HttpError(500, 'erreur-interne', `Erreur interne, merci de la signaler : ${detail}`);
}

function sendError(response: ServerResponse, error: HttpError): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.setHeader('Cache-Control', 'no-store');
  sendJson(response, error.status, errorBody(error));
}
