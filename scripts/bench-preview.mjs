// `node scripts/bench-preview.mjs`: how long the form of `convention serve` waits for its checks and
// its preview — the median time of POST /api/verifier (validation by `validate`'s rules, composition,
// templates, HTML preview) on a warm server, for the example whose document is the longest (the most
// text to render: the slowest refresh a user of the examples would see). Not a test: timings depend
// on the machine and on what else runs on it. Run `npm run build` first.
//
//   node scripts/bench-preview.mjs [--runs 20] [--warm 5]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'convention.js');
const EXAMPLES = join(root, 'examples');
const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '20' }, warm: { type: 'string', default: '5' } } });
const RUNS = Number(args.runs);
const WARM = Number(args.warm);
const fr = (n, digits = 1) => n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// The largest example, by the length of what it renders (its document and separate annexes).
const { composeModel } = await import(pathToFileURL(join(root, 'dist', 'core', 'pipeline.js')).href);
const { renderMarkdown, templatesFor } = await import(pathToFileURL(join(root, 'dist', 'core', 'render.js')).href);
const templates = await templatesFor();
let largest = null;
for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort()) {
  const data = parse(readFileSync(join(EXAMPLES, file), 'utf8'));
  const rendered = renderMarkdown(await composeModel(data), templates);
  const length = rendered.document.length + rendered.annexes.reduce((n, annex) => n + annex.markdown.length, 0);
  if (!largest || length > largest.length) largest = { file, data, length };
}

const folder = mkdtempSync(join(tmpdir(), 'convention-bench-apercu-'));
copyFileSync(join(EXAMPLES, largest.file), join(folder, largest.file));
const token = randomBytes(32).toString('base64url');
const server = spawn(process.execPath, [BIN, 'serve', folder, '--port', '0'], {
  env: { ...process.env, CONVENTION_SERVE_TOKEN: token },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const origin = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
    if (match) resolve(match[1]);
  });
  server.on('exit', (code) => reject(new Error(`convention serve arrêté (${code})`)));
});

async function verify() {
  const start = performance.now();
  const response = await fetch(`${origin}/api/verifier`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Convention-Jeton': token },
    body: JSON.stringify({ fichier: largest.file, donnees: largest.data }),
  });
  const body = await response.json();
  const ms = performance.now() - start;
  if (!response.ok || typeof body.apercu !== 'string') throw new Error(`réponse inattendue (${response.status}) : ${JSON.stringify(body).slice(0, 200)}`);
  return { ms, size: body.apercu.length };
}

try {
  for (let i = 0; i < WARM; i++) await verify();
  const times = [];
  let size = 0;
  for (let i = 0; i < RUNS; i++) {
    const run = await verify();
    times.push(run.ms);
    size = run.size;
  }
  times.sort((a, b) => a - b);
  const median = times.length % 2 ? times[(times.length - 1) / 2] : (times[times.length / 2 - 1] + times[times.length / 2]) / 2;
  console.log(
    `POST /api/verifier, ${largest.file} (le plus long des exemples : ${largest.length.toLocaleString('fr-FR')} caractères de Markdown, ` +
      `aperçu de ${size.toLocaleString('fr-FR')} caractères), serveur chaud, ${RUNS} mesures après ${WARM} de mise en route : ` +
      `médiane ${fr(median)} ms (min ${fr(times[0])}, max ${fr(times.at(-1))}).`,
  );
} finally {
  server.kill('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
}
