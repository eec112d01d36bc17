/**
 * The documents themselves, read by independent readers: mammoth for the text (golden files in
 * test/golden, refreshed with UPDATE_GOLDEN=1), the raw OOXML for Word structures, and LibreOffice
 * for opening and converting to PDF.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildDocument, checkFile } from '../../src/core/pipeline.js';
import { extractText, readPart } from '../support/docx-text.js';
import { expectGolden } from '../support/golden.js';
import { EXAMPLES, GOLDEN, ROOT, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

interface NamedDocument {
  /** `locale-ccas-montbrison`, `locale-ccas-montbrison-annexe-6`. */
  name: string;
  bytes: Buffer;
}

const built = new Map<string, NamedDocument[]>();
/** The convention's DOCX first, then the DOCX of each separate annex. */
async function documentsOf(example: string): Promise<NamedDocument[]> {
  let documents = built.get(example);
  if (!documents) {
    const result = await checkFile(join(EXAMPLES, `${example}.yaml`));
    expect(result.problems).toEqual([]);
    const { document, annexes } = await buildDocument(result.loaded!);
    documents = [
      { name: example, bytes: document },
      ...annexes.map((annex) => ({ name: `${example}-annexe-${annex.numero}`, bytes: annex.bytes })),
    ];
    built.set(example, documents);
  }
  return documents;
}

describe.each(examples)('%s', (example) => {
  test('its text, as mammoth reads it, matches the golden files', async () => {
    for (const { name, bytes } of await documentsOf(example)) expectGolden(join(GOLDEN, `${name}.txt`), await extractText(bytes));
  });

  test('it is made of real Word structures', async () => {
    const [main, ...annexes] = await documentsOf(example);
    const body = await readPart(main!.bytes, 'word/document.xml');
    expect(body).toContain('w:val="Title"');
    expect(body).toContain('w:val="Heading1"');
    expect(body).toMatch(/<w:numPr>/);
    expect(body).toMatch(/<w:tbl>/);
    expect(body).toMatch(/<w:cantSplit\/>/);
    for (const { bytes } of [main!, ...annexes]) {
      const xml = await readPart(bytes, 'word/document.xml');
      expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(xml).not.toMatch(/<w:t[^>]*>\s*[-•]\s/);
      const footers = (await Promise.all([1, 2, 3].map((n) => readPart(bytes, `word/footer${n}.xml`).catch(() => '')))).join('');
      expect(footers).toContain('PAGE');
      expect(footers).toContain('NUMPAGES');
      expect(footers).toContain('sur');
      const text = await extractText(bytes);
      expect(text).not.toMatch(/\bxxx\b|\?\?|undefined|null|\[object/i);
      expect(text).not.toMatch(/\n\n\n/);
    }
  });
});

test('every golden file in test/golden is the text of an example or of one of its separate annexes', async () => {
  // A golden left behind by a renamed example, or by an annex no longer separate, would pass for a check that no longer runs.
  const documents = new Set<string>();
  for (const example of examples) for (const { name } of await documentsOf(example)) documents.add(join(GOLDEN, `${name}.txt`));
  const orphans = readdirSync(GOLDEN)
    .map((f) => join(GOLDEN, f))
    .filter((f) => !documents.has(f))
    .map((f) => relative(ROOT, f));
  expect(orphans).toEqual([]);
});

test.each(examples)('%s renders to identical bytes twice, and its text follows French typography', async (example) => {
  const result = await checkFile(join(EXAMPLES, `${example}.yaml`));
  const first = await buildDocument(result.loaded!);
  const second = await buildDocument(result.loaded!);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  expect(sha(second.document)).toBe(sha(first.document));
  const core = await readPart(first.document, 'docProps/core.xml');
  expect(core).toContain('<dc:language>fr-FR</dc:language>');
  expect(core).toMatch(/<dcterms:created [^>]*>\d{4}-\d{2}-\d{2}T12:00:00Z</);
  expect(await readPart(first.document, 'docProps/custom.xml')).toContain(sha(Buffer.from(result.text!)));
  for (const { bytes } of await documentsOf(example)) {
    const text = await extractText(bytes);
    expect(text).not.toMatch(/ {2}/);
    expect(text).not.toMatch(/ ,/);
    expect(text).not.toMatch(/«(?!\u00a0)/);
    expect(text).not.toMatch(/(?<!\u00a0)»/);
    expect(text).not.toMatch(/ [:;?!]/);
    expect(text).not.toMatch(/'/);
  }
});

test('an annex kept in the convention starts on a new page; a separate one has its own document', async () => {
  const inline = await documentsOf('locale-ccas-marolles');
  expect(inline).toHaveLength(1);
  expect(await readPart(inline[0]!.bytes, 'word/document.xml')).toMatch(/<w:pageBreakBefore\/>[\s\S]*Annexe\u00a01/);
  const separate = await documentsOf('locale-ccas-montbrison');
  expect(separate.map((d) => d.name)).toEqual(['locale-ccas-montbrison', 'locale-ccas-montbrison-annexe-6']);
  expect(await extractText(separate[0]!.bytes)).toContain('Annexe\u00a06\u00a0: Protection des données');
});

const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync('which', [cmd]).status === 0);
const requireLibreOffice = process.env.REQUIRE_LIBREOFFICE === '1';
if (!soffice && !requireLibreOffice) {
  console.warn('LibreOffice (soffice) absent : test de conversion PDF ignoré. Installez libreoffice-writer-nogui, ou REQUIRE_LIBREOFFICE=1 pour en faire un échec.');
}
const withLibreOffice = soffice || requireLibreOffice ? describe : describe.skip;

withLibreOffice('LibreOffice', () => {
  test.each(examples)('opens %s and converts it to a PDF of at least one page', async (example) => {
    expect(soffice).toBeDefined();
    const folder = temporaryFolder();
    const docx = join(folder, `${example}.docx`);
    writeFileSync(docx, (await documentsOf(example))[0]!.bytes);
    const run = spawnSync(soffice!, ['--headless', `-env:UserInstallation=file://${folder}/profile`, '--convert-to', 'pdf', '--outdir', folder, docx], {
      encoding: 'utf8',
      timeout: 110000,
    });
    expect(run.status).toBe(0);
    const pdf = readFileSync(join(folder, `${example}.pdf`)).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
  });
});

withLibreOffice('render --pdf (real bin)', () => {
  test('writes the PDF beside the DOCX', () => {
    const out = temporaryFolder();
    const run = runCli(['render', join(EXAMPLES, `${examples[0]}.yaml`), '-o', out + '/', '--pdf']);
    expect(run.status).toBe(0);
    const pdf = readFileSync(join(out, `${examples[0]}.pdf`));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

test('render --pdf without LibreOffice says how to install it, before writing anything (exit 2)', () => {
  const out = temporaryFolder();
  const run = runCli(['render', join(EXAMPLES, `${examples[0]}.yaml`), '-o', out + '/', '--pdf'], undefined, { PATH: '/nonexistent' });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('apt-get install libreoffice-writer-nogui');
  expect(readdirSync(out)).toEqual([]);
});

test('logos named in the YAML head the first page, and the footer still numbers it', async () => {
  const result = await checkFile(join(EXAMPLES, '..', 'test', 'fixtures', 'valid', 'locale-ccas-logos.yaml'));
  expect(result.problems).toEqual([]);
  expect(result.logos?.map((l) => [l.role, l.type])).toEqual([
    ['cpam', 'png'],
    ['cias', 'jpg'],
  ]);
  const { document } = await buildDocument(result.loaded!, [], result.logos);
  const body = await readPart(document, 'word/document.xml');
  expect(body).toContain('<w:titlePg/>');
  const headers = (await Promise.all([1, 2].map((n) => readPart(document, `word/header${n}.xml`)))).join('');
  expect((headers.match(/<pic:pic /g) ?? []).length).toBe(result.logos!.length);
  const footers = (await Promise.all([1, 2].map((n) => readPart(document, `word/footer${n}.xml`)))).join('');
  expect((footers.match(/NUMPAGES/g) ?? []).length).toBe(2);
});
