/**
 * A skeleton written by `convention init` in a folder far from the package, opened in a real YAML
 * language server (yaml-language-server, over stdio, as VS Code, Neovim or Helix run it): its schema
 * is fetched from the URL the skeleton names, and completion, hover and French diagnostics work.
 *
 * The URL names the package's files on jsDelivr; the machine running the tests reaches no CDN, and
 * the version may not be published yet. A local HTTP server stands in for the CDN, serving the same
 * paths from the build (dist/schemas/, what the package publishes): only the host of the URL is
 * changed in the opened text.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ROOT, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const CDN = 'https://cdn.jsdelivr.net';
const MARKER = 'À COMPLÉTER';
const SERVER = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

interface Diagnostic {
  range: { start: { line: number; character: number } };
  message: string;
}

let server: Server;
let base: string;
const requested: string[] = [];
let languageServer: ChildProcess;
let connection: MessageConnection;
const diagnostics = new Map<string, Diagnostic[][]>();
const waiting: (() => void)[] = [];

/** yaml-language-server's settings: the schema store (a catalogue fetched from the internet) off. */
const SETTINGS = { yaml: { validate: true, hover: true, completion: true, format: { enable: false }, schemaStore: { enable: false } }, http: { proxy: '', proxyStrictSSL: true } };

beforeAll(async () => {
  // The CDN's paths, `/npm/<package>@<version>/<file>`, served from the build.
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  server = createServer((request, response) => {
    requested.push(request.url ?? '');
    const prefix = `/npm/${name}@${version}/dist/schemas/`;
    const file = request.url?.startsWith(prefix) ? request.url.slice(prefix.length) : undefined;
    if (!file || !/^[a-z0-9-]+\.schema\.json$/.test(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(join(ROOT, 'dist', 'schemas', file)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  languageServer = spawn(process.execPath, [SERVER, '--stdio'], { cwd: temporaryFolder(), stdio: ['pipe', 'pipe', 'inherit'] });
  connection = createMessageConnection(new StreamMessageReader(languageServer.stdout!), new StreamMessageWriter(languageServer.stdin!));
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
    params.items.map((item) => (item.section ? ((SETTINGS as Record<string, unknown>)[item.section] ?? null) : SETTINGS)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => {
    diagnostics.set(params.uri, [...(diagnostics.get(params.uri) ?? []), params.diagnostics]);
    for (const wake of waiting.splice(0)) wake();
  });
  connection.listen();
  const folder = temporaryFolder();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    locale: 'fr',
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
      textDocument: {
        completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: {},
      },
    },
  });
  connection.sendNotification('initialized', {});
  connection.sendNotification('workspace/didChangeConfiguration', { settings: SETTINGS });
}, 60000);

afterAll(async () => {
  connection?.dispose();
  languageServer?.kill();
  await new Promise((resolve) => server?.close(resolve));
});

/** The diagnostics published for `uri` once they hold one that `matches` (the schema is fetched first). */
async function diagnosticsOf(uri: string, matches: (diagnostic: Diagnostic) => boolean): Promise<Diagnostic[]> {
  for (;;) {
    const found = diagnostics.get(uri)?.find((list) => list.some(matches));
    if (found) return found;
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
}

function position(text: string, search: string, after = 0): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(search));
  if (line < 0) throw new Error(`introuvable : ${search}`);
  return { line, character: lines[line]!.indexOf(search) + after };
}

test('a skeleton far from the package: its schema fetched by URL, French diagnostics, hover and completion', async () => {
  const folder = temporaryFolder();
  const file = join(folder, 'montbrison.yaml');
  expect(runCli(['init', 'locale-ccas', '-o', file], folder).status).toBe(0);
  const written = readFileSync(file, 'utf8');
  expect(written.split('\n')[0]).toMatch(new RegExp(`^# yaml-language-server: \\$schema=${CDN.replace(/\./g, '\\.')}/npm/`));
  const text = written.replace(CDN, base);
  const uri = pathToFileURL(file).href;
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });

  // Diagnostics: each « À COMPLÉTER » refused in French, with what to write where the schema knows it.
  const list = await diagnosticsOf(uri, (d) => d.message.includes(MARKER));
  expect(requested).toContain('/npm/convention-partenariat@' + (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version + '/dist/schemas/locale-ccas.schema.json');
  const at = (search: string) => list.find((d) => d.range.start.line === position(text, search).line)?.message;
  expect(at('modele: ')).toBe('« Modèle de rédaction » : valeur non admise ; valeurs admises : unccas-2022, departemental.');
  expect(at('voie: ')).toBe(`« Numéro et voie » est à compléter : remplacez « ${MARKER} » par la valeur réelle.`);
  expect(at('code_postal: ')).toMatch(/^« Code postal » : cinq chiffres/);
  expect(list.map((d) => d.message).join('\n')).not.toMatch(/Value is not accepted|does not match|Incorrect type/);

  // Hover: the rubrique's French title and description.
  const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: position(text, 'modele:', 2) })) as { contents: { value: string } | string };
  const shown = typeof hover.contents === 'string' ? hover.contents : hover.contents.value;
  expect(shown).toContain('Modèle de rédaction');
  expect(shown).toContain('modèle national UNCCAS–Cnam');

  // Completion: the values a closed list admits, where the skeleton left one to choose.
  const edited = text.replace(`modele: ${MARKER}`, 'modele: ');
  connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
  const completion = (await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: position(edited, 'modele: ', 'modele: '.length) })) as
    | { items: { label: string }[] }
    | { label: string }[];
  const labels = (Array.isArray(completion) ? completion : completion.items).map((item) => item.label);
  expect(labels).toEqual(expect.arrayContaining(['unccas-2022', 'departemental']));
}, 60000);
