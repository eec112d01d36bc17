/**
 * `convention serve`, the real bin on a port chosen by the system, driven through its HTTP API as
 * the browser app drives it (Node's fetch; node:http where a request must carry what fetch will
 * not send, a foreign Host or a raw `..`): the security checks, the list and its statuses, opening,
 * checking as `validate` checks (the same problems, for every example and every case of
 * test/fixtures), creating from `init`'s skeleton, saving into the YAML document (comments kept, a
 * file changed on disk not overwritten unless asked), the document as `render` writes it, byte for
 * byte; and how the command stops (Ctrl-C 130, SIGTERM 0, port taken 2).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { parseConvention } from '../../src/core/load.js';
import { findSoffice } from '../../src/core/pdf.js';
import { BIN, EXAMPLES, FIXTURES, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'jeton-de-test-0123456789abcdefghijklmnopqrstuvwxyz';
const JSON_TYPE = { 'Content-Type': 'application/json' };

interface Running {
  child: ChildProcess;
  url: string;
  port: number;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Starts `convention serve <folder> --port 0`, resolved once it printed its address. */
function serve(folder: string | undefined, args: string[] = [], cwd?: string): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'serve', ...(folder === undefined ? [] : [folder]), '--port', '0', ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CONVENTION_SERVE_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  // 'close', not 'exit': the child's last lines on stderr are read by then.
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /^(http:\/\/[0-9.]+:(\d+)\/)#jeton=(\S+)\n/.exec(stdout);
      if (line) {
        expect(line[3]).toBe(TOKEN);
        resolve({ child, url: line[1]!, port: Number(line[2]), stderr: () => stderr, exit });
      }
    });
    void exit.then((code) => reject(new Error(`convention serve s'est arrêté (${code}) : ${stderr}`)));
  });
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The YAML files below a folder, relative, with `/`. */
function yamlFiles(folder: string, under = folder): string[] {
  return readdirSync(under, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? yamlFiles(folder, join(under, entry.name)) : /\.ya?ml$/.test(entry.name) && entry.isFile() ? [relative(folder, join(under, entry.name)).split('\\').join('/')] : [],
    )
    .sort();
}

/** A request with whatever headers and path, as fetch would not send them. */
function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let root: string;
let server: Running;
const api = (path: string, init: RequestInit = {}) => fetch(new URL(path, server.url), { ...init, headers: { 'X-Convention-Jeton': TOKEN, ...(init.headers as Record<string, string>) } });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => api(path, { method: 'POST', headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) });

/** What the served folder holds: the examples, the cases of test/fixtures (with their logos), a skeleton, a link leading out. */
beforeAll(async () => {
  root = realpathSync(temporaryFolder('convention-serve-'));
  cpSync(EXAMPLES, join(root, 'examples'), { recursive: true });
  for (const kind of ['valid', 'invalid']) cpSync(join(FIXTURES, kind), join(root, kind), { recursive: true, verbatimSymlinks: true });
  mkdirSync(join(root, 'nouvelles'));
  expect(runCli(['init', 'locale-ccas', '-o', join(root, 'nouvelles', 'squelette.yaml')]).status).toBe(0);
  const outside = temporaryFolder('convention-ailleurs-');
  writeFileSync(join(outside, 'secret.yaml'), readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml')));
  symlinkSync(join(outside, 'secret.yaml'), join(root, 'nouvelles', 'lien-sortant.yaml'));
  // A draft of the wizard (`convention new`) beside its target: a convention to complete.
  writeFileSync(join(root, 'nouvelles', 'lyon.brouillon.yaml'), readFileSync(join(EXAMPLES, 'mission-locale-lyon.yaml')));
  server = await serve(root);
});

afterAll(async () => {
  if (server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exit;
  }
});

describe('security', () => {
  test('the API needs the token: none, or a wrong one, is 401 with a French message', async () => {
    for (const headers of [{}, { 'X-Convention-Jeton': 'faux' }, { 'X-Convention-Jeton': '' }] as Record<string, string>[]) {
      const response = await fetch(new URL('api/conventions', server.url), { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ erreur: { code: 'jeton-invalide', message: expect.stringMatching(/^Jeton de session absent ou invalide/) } });
    }
    expect((await api('api/conventions')).status).toBe(200);
  });

  test('a request from another origin is refused (403), with the token or not', async () => {
    for (const response of [
      await post('api/verifier', { donnees: {} }, { Origin: 'http://evil.example' }),
      await api('api/conventions', { headers: { Origin: 'http://localhost:1' } }),
    ]) {
      expect(response.status).toBe(403);
      expect(((await response.json()) as { erreur: { code: string } }).erreur.code).toBe('origine-refusee');
    }
    expect((await post('api/verifier', { donnees: {} }, { Origin: server.url.replace(/\/$/, '') })).status).toBe(200);
  });

  test('a Host that does not name the server is refused (DNS rebinding), on the API and the static files', async () => {
    for (const path of ['/api/types', '/', '/app.js']) {
      const response = await rawRequest(server.port, { path, headers: { Host: `attaquant.example:${server.port}`, 'X-Convention-Jeton': TOKEN } });
      expect(response.status).toBe(421);
      expect(JSON.parse(response.body)).toMatchObject({ erreur: { code: 'hote-refuse' } });
    }
    for (const host of [`localhost:${server.port}`, `127.0.0.1:${server.port}`]) {
      expect((await rawRequest(server.port, { path: '/api/types', headers: { Host: host, 'X-Convention-Jeton': TOKEN } })).status).toBe(200);
    }
  });

  test('a change must be JSON: another Content-Type is 403, a body that is not JSON 400', async () => {
    const text = await api('api/verifier', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"donnees":{}}' });
    expect(text.status).toBe(403);
    expect(((await text.json()) as { erreur: { code: string } }).erreur.code).toBe('type-contenu-refuse');
    const form = await api('api/enregistrer', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'fichier=a.yaml' });
    expect(form.status).toBe(403);
    const broken = await api('api/verifier', { method: 'POST', headers: JSON_TYPE, body: '{"donnees":' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { erreur: { code: string } }).erreur.code).toBe('json-invalide');
    // Nested beyond any convention: refused in words, not a stack overflow.
    const deep = await api('api/verifier', { method: 'POST', headers: JSON_TYPE, body: `{"donnees":{"type":"locale-ccas","x":${'['.repeat(200_000)}${']'.repeat(200_000)}}}` });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toEqual({ erreur: { code: 'json-invalide', message: expect.stringContaining('imbriqué') } });
  });

  test('a body over 2 MiB is refused (413), one under it is read', async () => {
    const big = await post('api/verifier', { donnees: { type: 'x', texte: 'a'.repeat(2 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { erreur: { code: string } }).erreur.code).toBe('requete-trop-volumineuse');
    expect((await post('api/verifier', { donnees: { type: 'x', texte: 'a'.repeat(1024 * 1024) } })).status).toBe(200);
  });

  test.each([
    ['../', '../secret.yaml', 403],
    ['absolute path', '/etc/passwd.yaml', 403],
    ['.. back inside', 'examples/../examples/locale-ccas-marolles.yaml', 403],
    ['link leading out', 'nouvelles/lien-sortant.yaml', 403],
    ['not YAML', 'examples', 400],
  ])('a file outside the folder, or not a convention, is refused: %s', async (_what, fichier, status) => {
    for (const response of [
      await api(`api/convention?fichier=${encodeURIComponent(fichier)}`),
      await api(`api/document?fichier=${encodeURIComponent(fichier)}&format=docx`),
      await post('api/enregistrer', { fichier, donnees: { type: 'locale-ccas' }, version: null, ecraser: true }),
      await post('api/nouvelle', { fichier, type: 'locale-ccas' }),
    ]) {
      expect(response.status).toBe(status);
      expect(((await response.json()) as { erreur: { message: string } }).erreur.message).toMatch(/dossier servi|\.yaml ou \.yml/);
    }
  });

  test('static files: strict headers, nothing outside dist/serve, no token needed', async () => {
    const response = await fetch(server.url);
    // The app is built by the UI's build step; without it, a French error, under the same headers.
    expect([200, 404]).toContain(response.status);
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    for (const path of ['/../package.json', '/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/.hidden']) {
      const escaped = await rawRequest(server.port, { path, headers: { Host: `127.0.0.1:${server.port}` } });
      expect(escaped.status).toBe(404);
      expect(escaped.body).not.toContain('convention-partenariat');
    }
    expect((await api('api/types')).headers.get('cache-control')).toBe('no-store');
  });
});

describe('the API', () => {
  test('types: each type with its schema, models and stock parties', async () => {
    const { types } = (await (await api('api/types')).json()) as { types: { id: string; schema: { $id: string }; modeles: { id: string }[]; presets: { id: string; roles: string[] }[] }[] };
    const listed = runCli(['types']).stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]);
    expect(types.map((t) => t.id)).toEqual(listed);
    for (const type of types) {
      expect(type.schema).toEqual(JSON.parse(runCli(['schema', type.id]).stdout));
      expect(type.presets.length).toBeGreaterThan(0);
    }
    expect(types.find((t) => t.id === 'locale-ccas')!.modeles.map((m) => m.id)).toEqual(['unccas-2022', 'departemental']);
  });

  test('conventions: every YAML file of the folder with its status, as validate judges it', async () => {
    const { conventions } = (await (await api('api/conventions')).json()) as { conventions: { fichier: string; statut: string; erreurs: number; type: string | null }[] };
    const links = ['nouvelles/lien-sortant.yaml'];
    expect(conventions.map((c) => c.fichier)).toEqual(yamlFiles(root).filter((f) => !links.includes(f)));
    const statusOf = (fichier: string) => conventions.find((c) => c.fichier === fichier)!.statut;
    for (const file of yamlFiles(join(root, 'examples'))) expect(statusOf(`examples/${file}`)).toBe('valide');
    for (const file of yamlFiles(join(root, 'valid'))) expect(statusOf(`valid/${file}`)).toBe('valide');
    expect(statusOf('nouvelles/squelette.yaml')).toBe('a-completer');
    expect(statusOf('nouvelles/lyon.brouillon.yaml')).toBe('a-completer');
    // An invalid case is invalid, unless its only errors are values to complete (validate run once on the folder).
    const run = runCli(['validate', 'invalid', '--format', 'json'], root);
    const errorsOf = new Map<string, { code: string }[]>();
    for (const p of JSON.parse(run.stdout) as { file: string; severity: string; code: string }[]) {
      if (p.severity === 'error') errorsOf.set(p.file, [...(errorsOf.get(p.file) ?? []), p]);
    }
    for (const file of yamlFiles(join(root, 'invalid'))) {
      const errors = errorsOf.get(`invalid/${file}`) ?? [];
      const expected = errors.length === 0 ? 'valide' : errors.every((p) => p.code === 'texte-a-completer') ? 'a-completer' : 'invalide';
      expect([file, statusOf(`invalid/${file}`)]).toEqual([file, expected]);
    }
  });

  test('convention: the data, the version (sha256 of the bytes) and the problems of a file', async () => {
    const fichier = 'invalid/code-postal.yaml';
    const opened = (await (await api(`api/convention?fichier=${fichier}`)).json()) as Record<string, unknown>;
    const bytes = readFileSync(join(root, fichier));
    expect(opened).toEqual({
      fichier,
      type: 'locale-ccas',
      donnees: parse(bytes.toString('utf8')),
      version: sha256(bytes),
      problemes: JSON.parse(runCli(['validate', fichier, '--format', 'json'], root).stdout),
    });
    const missing = await api('api/convention?fichier=absente.yaml');
    expect(missing.status).toBe(404);
    // A file that does not parse: no data, its problems where validate places them.
    const broken = 'invalid/cle-en-double.yaml';
    expect(await (await api(`api/convention?fichier=${broken}`)).json()).toMatchObject({
      fichier: broken,
      type: null,
      donnees: null,
      problemes: JSON.parse(runCli(['validate', broken, '--format', 'json'], root).stdout),
    });
  });

  test('verifier: exactly the problems validate gives, for every example and every case of test/fixtures', async () => {
    const files = yamlFiles(root).filter((f) => /^(examples|valid|invalid)\//.test(f));
    const run = runCli(['validate', 'examples', 'valid', 'invalid', '--format', 'json'], root);
    const byFile = new Map<string, unknown[]>();
    for (const p of JSON.parse(run.stdout) as { file: string; severity: string; code: string; path: string; message: string }[]) {
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), { severity: p.severity, code: p.code, path: p.path, message: p.message }]);
    }
    let compared = 0;
    for (const fichier of files) {
      const parsed = parseConvention(readFileSync(join(root, fichier), 'utf8'), fichier);
      // A file that does not parse (YAML syntax, duplicate keys, aliases…) has no data a form could send.
      if (!parsed.ok) continue;
      const response = await post('api/verifier', { donnees: parsed.value.data, fichier });
      expect(response.status).toBe(200);
      const { problemes, apercu } = (await response.json()) as { problemes: { line: number; column: number; file: string }[]; apercu: string | null };
      expect([fichier, problemes.map(({ line: _l, column: _c, file: _f, ...rest }) => rest)]).toEqual([fichier, byFile.get(fichier) ?? []]);
      for (const problem of problemes) expect([problem.line, problem.column, problem.file]).toEqual([0, 0, fichier]);
      if (!byFile.has(fichier)) expect(apercu).toMatch(/^<article class="document">/);
      compared++;
    }
    expect(compared).toBeGreaterThan(files.length / 2);
  });

  test('verifier: the preview escapes every value; none without data that composes', async () => {
    const data = parse(readFileSync(join(EXAMPLES, 'locale-ccas-marolles.yaml'), 'utf8')) as { referents: { fonction: string }[] };
    data.referents[0]!.fonction = '<script>alert(1)</script> & <b>gras</b>';
    const { apercu } = (await (await post('api/verifier', { donnees: data })).json()) as { apercu: string };
    expect(apercu).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt;');
    expect(apercu).not.toContain('<script');
    const { problemes, apercu: none } = (await (await post('api/verifier', { donnees: { type: 'locale-ccas' } })).json()) as { problemes: { code: string }[]; apercu: null };
    expect(none).toBeNull();
    expect(problemes.map((p) => p.code)).toContain('champ-obligatoire');
  });

  test('nouvelle: init’s skeleton, with the model and stock parties chosen; an existing file is refused (409)', async () => {
    const created = await post('api/nouvelle', { fichier: 'nouvelles/marolles.yaml', type: 'locale-ccas' });
    expect(created.status).toBe(201);
    const text = readFileSync(join(root, 'nouvelles', 'marolles.yaml'));
    expect(await created.json()).toEqual({ fichier: 'nouvelles/marolles.yaml', version: sha256(text) });
    expect(parse(text.toString('utf8'))).toEqual(parse(readFileSync(join(root, 'nouvelles', 'squelette.yaml'), 'utf8')));
    const again = await post('api/nouvelle', { fichier: 'nouvelles/marolles.yaml', type: 'locale-ccas' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { erreur: { code: string } }).erreur.code).toBe('fichier-existant');
    expect(readFileSync(join(root, 'nouvelles', 'marolles.yaml'))).toEqual(text);

    const chosen = await post('api/nouvelle', { fichier: 'nouvelles/choisie.yaml', type: 'locale-ccas', modele: 'departemental', presets: { cpam: 'cgss', carsat: 'carsat' } });
    expect(chosen.status).toBe(201);
    const data = parse(readFileSync(join(root, 'nouvelles', 'choisie.yaml'), 'utf8')) as { modele: string; parties: { role: string; nom: string }[] };
    expect(data.modele).toBe('departemental');
    expect(data.parties.map((p) => p.role).sort()).toEqual(['carsat', 'ccas', 'cpam']);
    expect(data.parties.find((p) => p.role === 'cpam')!.nom).toMatch(/^Caisse Générale de Sécurité Sociale/);
    const run = runCli(['validate', 'nouvelles/choisie.yaml', '--format', 'json'], root);
    expect((JSON.parse(run.stdout) as { code: string }[]).every((p) => p.code === 'texte-a-completer')).toBe(true);

    for (const [body, code] of [
      [{ fichier: 'nouvelles/x.yaml', type: 'inconnu' }, 'type-inconnu'],
      [{ fichier: 'nouvelles/x.yaml', type: 'locale-ccas', modele: 'autre' }, 'modele-inconnu'],
      [{ fichier: 'nouvelles/x.yaml', type: 'locale-ccas', presets: { cpam: 'ccas' } }, 'organisme-inconnu'],
    ] as const) {
      const refused = await post('api/nouvelle', body);
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { erreur: { code: string } }).erreur.code).toBe(code);
    }
  });

  test('enregistrer: comments kept, a file changed on disk not overwritten (409) unless asked, the result valid', async () => {
    const fichier = 'examples/locale-ccas-montbrison.yaml';
    const path = join(root, fichier);
    const before = readFileSync(path, 'utf8');
    const opened = (await (await api(`api/convention?fichier=${fichier}`)).json()) as { donnees: { referents: { nom?: string; fonction: string }[] }; version: string };
    opened.donnees.referents[0]!.fonction = 'directrice de l’action sociale';
    const saved = await post('api/enregistrer', { fichier, donnees: opened.donnees, version: opened.version });
    expect(saved.status).toBe(200);
    const after = readFileSync(path, 'utf8');
    expect(await saved.json()).toEqual({ version: sha256(after), problemes: [] });
    expect(parse(after)).toEqual(opened.donnees);
    const comments = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('#'));
    expect(comments(after)).toEqual(comments(before));
    expect(runCli(['validate', fichier], root).status).toBe(0);

    // Changed on disk since: refused, with the version on disk; then replaced when the user says so.
    writeFileSync(path, `${after}# ajouté dans un éditeur\n`);
    const onDisk = sha256(readFileSync(path));
    opened.donnees.referents[0]!.fonction = 'directeur de l’action sociale';
    const conflict = await post('api/enregistrer', { fichier, donnees: opened.donnees, version: sha256(after) });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({ erreur: { code: 'modifie-sur-disque', message: expect.stringContaining('modifié sur le disque') }, version: onDisk });
    expect(sha256(readFileSync(path))).toBe(onDisk);
    const forced = await post('api/enregistrer', { fichier, donnees: opened.donnees, version: sha256(after), ecraser: true });
    expect(forced.status).toBe(200);
    expect(parse(readFileSync(path, 'utf8'))).toEqual(opened.donnees);
    expect(readFileSync(path, 'utf8')).toContain('# ajouté dans un éditeur');

    // A new file must not exist; it is written with the editor's schema line.
    const fresh = await post('api/enregistrer', { fichier: 'nouvelles/copie.yaml', donnees: opened.donnees, version: null });
    expect(fresh.status).toBe(200);
    expect(readFileSync(join(root, 'nouvelles', 'copie.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=/);
    const twice = await post('api/enregistrer', { fichier: 'nouvelles/copie.yaml', donnees: opened.donnees, version: null });
    expect(twice.status).toBe(409);
    expect(readdirSync(join(root, 'nouvelles')).filter((name) => name.includes('convention-tmp'))).toEqual([]);
  });

  test('document: the bytes render writes for the file on disk, the DOCX and a separate annex', async () => {
    const out = temporaryFolder('convention-rendu-');
    for (const fichier of ['examples/locale-ccas-marolles.yaml', 'examples/locale-ccas-montbrison.yaml']) {
      const name = fichier.split('/').pop()!.replace('.yaml', '');
      expect(runCli(['render', join(root, fichier), '-o', `${out}/`]).status).toBe(0);
      const response = await api(`api/document?fichier=${fichier}&format=docx`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain(`filename="${name}.docx"`);
      expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(out, `${name}.docx`)))).toBe(true);
    }
    const annex = await api('api/document?fichier=examples/locale-ccas-montbrison.yaml&format=docx&annexe=6');
    expect(annex.headers.get('content-disposition')).toContain('filename="locale-ccas-montbrison-annexe-6.docx"');
    expect(Buffer.from(await annex.arrayBuffer()).equals(readFileSync(join(out, 'locale-ccas-montbrison-annexe-6.docx')))).toBe(true);
    const invalid = await api('api/document?fichier=invalid/code-postal.yaml&format=docx');
    expect(invalid.status).toBe(422);
  });

  test('document as PDF: LibreOffice’s, or 503 without it', async () => {
    const response = await api('api/document?fichier=examples/locale-ccas-marolles.yaml&format=pdf');
    if (findSoffice()) {
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      expect(response.headers.get('content-disposition')).toContain('filename="locale-ccas-marolles.pdf"');
    } else {
      expect(response.status).toBe(503);
      expect(((await response.json()) as { erreur: { code: string } }).erreur.code).toBe('libreoffice-absent');
    }
  });

  // The served PDF was the convention's DOCX converted alone: the annexes it supplies as files, which
  // render --pdf inserts, were missing.
  test('document as PDF: with the annexes the convention supplies as files, as render --pdf writes it', async () => {
    if (!findSoffice()) return;
    const fichier = 'valid/mission-locale-annexes-fournies.yaml';
    const out = temporaryFolder('convention-rendu-');
    expect(runCli(['render', join(root, fichier), '--pdf', '-o', `${out}/`]).status).toBe(0);
    const response = await api(`api/document?fichier=${fichier}&format=pdf`);
    expect(response.status).toBe(200);
    const { PDFDocument } = await import('pdf-lib');
    const pages = async (bytes: Uint8Array) => (await PDFDocument.load(bytes)).getPageCount();
    const served = await pages(new Uint8Array(await response.arrayBuffer()));
    expect(served).toBe(await pages(readFileSync(join(out, 'mission-locale-annexes-fournies.pdf'))));
  });
});

describe('the command', () => {
  test('a port already taken: a French message, exit 2', () => {
    const run = runCli(['serve', root, '--port', String(server.port)]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`le port ${server.port} est déjà pris`);
    expect(run.stdout).toBe('');
  });

  test('a missing folder or a bad port: exit 2', () => {
    expect(runCli(['serve', join(root, 'absent')])).toMatchObject({ status: 2, stderr: expect.stringContaining('dossier introuvable') });
    expect(runCli(['serve', root, '--port', 'abc'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--port') });
  });

  test('--host: another address is served, with a warning, and its name is accepted as Host', async () => {
    const other = await serve(root, ['--host', '127.0.0.2']);
    expect(other.url).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/$/);
    const response = await fetch(new URL('api/types', other.url), { headers: { 'X-Convention-Jeton': TOKEN } });
    expect(response.status).toBe(200);
    other.child.kill('SIGTERM');
    expect(await other.exit).toBe(0);
    // Read once the process is over: stderr and stdout are two pipes, read in any order.
    expect(other.stderr()).toContain('attention, le serveur écoute sur 127.0.0.2');
  });

  test('without a folder, the current one, named by its own name', async () => {
    const other = await serve(undefined, [], join(root, 'nouvelles'));
    const listed = (await (await fetch(new URL('api/conventions', other.url), { headers: { 'X-Convention-Jeton': TOKEN } })).json()) as { dossier: string; conventions: { fichier: string }[] };
    expect(listed.dossier).toBe('nouvelles');
    expect(listed.conventions.map((c) => c.fichier)).toEqual(yamlFiles(join(root, 'nouvelles')).filter((f) => f !== 'lien-sortant.yaml'));
    other.child.kill('SIGTERM');
    expect(await other.exit).toBe(0);
  });

  test('Ctrl-C stops the server: exit 130; SIGTERM: exit 0', async () => {
    const other = await serve(root);
    other.child.kill('SIGINT');
    expect(await other.exit).toBe(130);
    expect(other.stderr()).toContain('serveur arrêté');
    const third = await serve(root);
    third.child.kill('SIGTERM');
    expect(await third.exit).toBe(0);
  });
});
