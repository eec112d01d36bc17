// `npm run bench`: how fast `convention` starts and renders, measured in one run and printed as a
// Markdown table (medians of several runs), for the README's « Performances » section. Not a test:
// timings depend on the machine and on what else runs on it.
//
//   npm run bench                     cold starts, batches of 1 000 conventions, pandoc
//   npm run bench -- --10000          also batches of 10 000 (memory must stay flat)
//   npm run bench -- --runs 7 --batch 200 --pandoc 20
//
// Batches are made of the bundled examples with other names and signature dates, written to a
// temporary folder (removed at the end). Peak RSS comes from GNU time (/usr/bin/time -f %M): the
// whole process, worker threads included.
import { spawnSync } from 'node:child_process';
import { cpus, availableParallelism, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'convention.js');
const EXAMPLES = join(root, 'examples');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    'batch-runs': { type: 'string', default: '3' },
    batch: { type: 'string', default: '1000' },
    10000: { type: 'boolean', default: false },
    pandoc: { type: 'string', default: '30' },
    keep: { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const BATCH_RUNS = Number(args['batch-runs']);
const BATCH = Number(args.batch);
const PANDOC_SAMPLE = Number(args.pandoc);
const CORES = availableParallelism();
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const work = mkdtempSync(join(tmpdir(), 'convention-bench-'));

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fr = (n, digits = 0) => n.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const log = (text) => process.stderr.write(`${text}\n`);

/** Runs a command once; its wall time in seconds and, with GNU time, its peak RSS in MB. */
function timed(command, commandArgs, { expectStatus = 0 } = {}) {
  const rssFile = join(work, 'rss.txt');
  const [file, argv] = GNU_TIME ? [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...commandArgs]] : [command, commandArgs];
  const started = process.hrtime.bigint();
  const result = spawnSync(file, argv, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== expectStatus) {
    throw new Error(`${command} ${commandArgs.join(' ')} : code ${result.status}\n${result.stderr.slice(0, 2000)}`);
  }
  const rssMb = GNU_TIME ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : undefined;
  return { seconds, rssMb, stdout: result.stdout };
}

/** Medians of `runs` runs (after one warm-up run that fills the file cache). */
function measure(label, command, commandArgs, runs = RUNS) {
  timed(command, commandArgs);
  const samples = Array.from({ length: runs }, () => timed(command, commandArgs));
  const result = { seconds: median(samples.map((s) => s.seconds)), rssMb: GNU_TIME ? median(samples.map((s) => s.rssMb)) : undefined };
  log(`${label} : ${fr(result.seconds * 1000)} ms`);
  return result;
}

const SURNAMES = ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard'];

/** `count` conventions: the examples in turn, with other representatives' names and signature dates. */
function generate(count, folder) {
  mkdirSync(folder, { recursive: true });
  const sources = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort().map((f) => [f, readFileSync(join(EXAMPLES, f), 'utf8')]);
  for (let i = 0; i < count; i++) {
    const [name, text] = sources[i % sources.length];
    let k = i;
    const varied = text
      .replace(/^(\s+nom: )(\S.*)$/gm, (line, key, value) => (/^[A-ZÉ][a-zéèêëôîïç]+$|^[A-Z]{2,}$/.test(value) ? `${key}${SURNAMES[k++ % SURNAMES.length]}` : line))
      .replace(/^(  date: )(\d{4}-\d{2}-\d{2})$/m, (_line, key, iso) => {
        const date = new Date(`${iso}T12:00:00Z`);
        date.setUTCDate(date.getUTCDate() - (i % 28));
        return `${key}${date.toISOString().slice(0, 10)}`;
      });
    writeFileSync(join(folder, `${String(i).padStart(5, '0')}-${name}`), varied);
  }
  return folder;
}

/** A batch render: documents per second and peak RSS, medians of `runs` runs. */
function batch(label, folder, count, jobs, runs) {
  const out = join(work, `out-${count}-${jobs}`);
  const samples = [];
  for (let run = 0; run < runs; run++) {
    rmSync(out, { recursive: true, force: true });
    const sample = timed(process.execPath, [BIN, 'render', folder, '-o', `${out}/`, '--jobs', String(jobs)]);
    if (!sample.stdout.includes(`Bilan : ${count} conventions rendues, 0 en échec`)) throw new Error(`${label} : ${sample.stdout.split('\n').slice(-3).join(' ')}`);
    samples.push(sample);
    log(`${label} (essai ${run + 1}/${runs}) : ${fr(sample.seconds, 1)} s, ${fr(count / sample.seconds, 1)} documents/s, ${sample.rssMb ? fr(sample.rssMb) + ' Mo' : ''}`);
  }
  rmSync(out, { recursive: true, force: true });
  const seconds = median(samples.map((s) => s.seconds));
  return { seconds, rate: count / seconds, rssMb: GNU_TIME ? Math.max(...samples.map((s) => s.rssMb)) : undefined };
}

/** pandoc, one process per document (Markdown → DOCX), on the Markdown of the same conventions. */
async function pandocRate(folder) {
  if (spawnSync('pandoc', ['--version']).status !== 0) return undefined;
  const { checkFile, composeModel } = await import('../dist/core/pipeline.js');
  const { renderMarkdown, templatesFor } = await import('../dist/core/render.js');
  const markdownFolder = join(work, 'markdown');
  mkdirSync(markdownFolder, { recursive: true });
  const files = readdirSync(folder).sort().slice(0, PANDOC_SAMPLE);
  const markdown = [];
  for (const file of files) {
    const { loaded } = await checkFile(join(folder, file));
    const model = await composeModel(loaded.data);
    const path = join(markdownFolder, basename(file, '.yaml') + '.md');
    writeFileSync(path, renderMarkdown(model, await templatesFor()).document);
    markdown.push(path);
  }
  const started = process.hrtime.bigint();
  for (const path of markdown) {
    const result = spawnSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', path.replace(/\.md$/, '.docx'), path]);
    if (result.status !== 0) throw new Error(`pandoc ${path} : ${result.stderr}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const version = spawnSync('pandoc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  log(`${version} : ${fr(markdown.length / seconds, 1)} documents/s`);
  return { rate: markdown.length / seconds, version };
}

try {
  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? cpus()[0]?.model ?? '?';
  const load = existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : '?';
  const sample = join(EXAMPLES, 'locale-ccas-marolles.yaml');
  const rows = [];

  const bare = measure('node -e ""', process.execPath, ['-e', '']);
  const version = measure('convention --version', process.execPath, [BIN, '--version']);
  const validate = measure('validate à froid', process.execPath, [BIN, 'validate', sample]);
  const render = measure('render à froid', process.execPath, [BIN, 'render', sample, '-o', join(work, 'un.docx'), '--force']);
  const ms = (s) => `${fr(s * 1000)} ms`;
  const vsNode = (s) => `${fr(s / bare.seconds, 2)} × node`;
  rows.push(['`node -e ""` (démarrage de Node nu)', ms(bare.seconds), '1 × node', '—']);
  rows.push(['`convention --version`', ms(version.seconds), vsNode(version.seconds), '≤ 1,3 × node']);
  rows.push(['`convention validate` d’un exemple, à froid', ms(validate.seconds), vsNode(validate.seconds), '≤ 2 × node']);
  rows.push(['`convention render` d’un exemple, à froid', ms(render.seconds), vsNode(render.seconds), '≤ 3,5 × node']);

  const sizes = [BATCH, ...(args[10000] ? [10000] : [])];
  const batches = [];
  for (const count of sizes) {
    log(`génération de ${count} conventions…`);
    const folder = generate(count, join(work, `in-${count}`));
    for (const jobs of count === BATCH ? [1, CORES] : [CORES]) {
      const result = batch(`${count} conventions, --jobs ${jobs}`, folder, count, jobs, count === BATCH ? BATCH_RUNS : 1);
      batches.push({ count, jobs, ...result });
    }
  }
  const pandoc = await pandocRate(join(work, `in-${BATCH}`));
  const mb = (r) => (r === undefined ? 'n/d' : `${fr(r)} Mo`);
  for (const b of batches) {
    const target = b.count === 10000 ? '< 60 s ; mémoire stable' : b.jobs === 1 ? '≥ 100 documents/s ; ≤ 250 Mo' : `≥ ${CORES === 2 ? 180 : 90 * CORES} documents/s ; ≤ 250 Mo`;
    const ratio = pandoc ? `${fr(b.rate / pandoc.rate, 1)} × pandoc` : '—';
    rows.push([
      `${fr(b.count)} conventions, \`render --jobs ${b.jobs}\``,
      `${fr(b.seconds, 1)} s, ${fr(b.rate, 1)} documents/s, pic ${mb(b.rssMb)}`,
      ratio,
      target,
    ]);
  }
  if (pandoc) rows.push([`pandoc Markdown → DOCX, un processus par document (${PANDOC_SAMPLE} documents)`, `${fr(pandoc.rate, 1)} documents/s`, '1 × pandoc', '—']);
  const big = batches.find((b) => b.count === 10000);
  const small = batches.find((b) => b.count === BATCH && b.jobs === CORES);
  if (big && small?.rssMb && big.rssMb) rows.push(['Pic mémoire, 10 000 / 1 000 conventions', `${fr(big.rssMb / small.rssMb, 2)}`, '—', '≤ 1,10']);

  const lines = [
    `Machine : ${CORES} cœurs (\`nproc\`), ${cpu}, Node ${process.version}${pandoc ? `, ${pandoc.version}` : ''} ; charge moyenne au départ ${load}.`,
    `Médianes de ${RUNS} lancements (démarrages), de ${BATCH_RUNS} (lots de ${fr(BATCH)}), d’un seul (lot de 10 000).`,
    '',
    '| mesure | résultat | rapport | cible |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  console.log(lines.join('\n'));
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true });
}
