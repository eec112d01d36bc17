/**
 * Annexes that exist, through the real bin: `validate` refuses an annex cited or listed that is
 * neither written by the tool, nor supplied as a file, nor declared joined separately, and a
 * supplied file that is not where, what or as large as it should be (exit 1, French message at
 * its line); `render --pdf` inserts the supplied annexes (a PDF, a DOCX converted by LibreOffice)
 * into the convention's PDF at their places, each from a new page, with a bookmark each, and keeps
 * the PDF/A declaration only when every page added declares it too.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flat, pdfPages } from '../support/pdf-pages.js';
import { FIXTURES, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const has = (command: string) => spawnSync('which', [command]).status === 0;
const tools = has('soffice') && has('pdftotext') && has('pdfinfo');
if (!tools && process.env.REQUIRE_LIBREOFFICE !== '1') {
  console.warn('LibreOffice ou poppler-utils absent : test des annexes ajoutées au PDF ignoré. Installez libreoffice-writer-nogui et poppler-utils.');
}

/** The valid case whose annexes are of every kind: joined separately, a PDF, a DOCX, and the RGPD annex the tool writes. */
const CASE = 'mission-locale-annexes-fournies';

/** A copy of the case in a folder of its own, its YAML's text changed by `edit`. */
function caseFolder(edit: (yaml: string) => string = (yaml) => yaml): string {
  const folder = temporaryFolder();
  cpSync(join(FIXTURES, 'valid', 'annexes'), join(folder, 'annexes'), { recursive: true });
  writeFileSync(join(folder, `${CASE}.yaml`), edit(readFileSync(join(FIXTURES, 'valid', `${CASE}.yaml`), 'utf8')));
  return folder;
}

function pdfinfo(pdf: string, ...options: string[]): string {
  const run = spawnSync('pdfinfo', [...options, pdf], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  return run.stdout;
}

const pageCount = (pdf: string) => Number(/^Pages:\s+(\d+)$/m.exec(pdfinfo(pdf))![1]);

/** The PDF's bookmarks as poppler reads them: title and page, in order. */
function bookmarks(pdf: string): { text: string; page: number }[] {
  const run = spawnSync('pdftohtml', ['-xml', '-i', '-q', '-stdout', pdf], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.status).toBe(0);
  return [...run.stdout.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => ({ text: flat(m[2]!.replace(/&amp;/g, '&')), page: Number(m[1]) }));
}

/** The 1-based page whose first line starts with `text`. */
const pageStarting = (pages: string[][], text: string) => pages.findIndex((lines) => lines[0]?.startsWith(text)) + 1;

describe('validate: every annex cited or listed exists (real bin)', () => {
  test.each([
    ['annexe-non-fournie', ['annexe-non-fournie']],
    ['annexe-non-fournie-indicateurs', ['annexe-non-fournie']],
    ['annexe-contradictoire', ['annexe-contradictoire']],
    ['annexe-en-double', ['annexe-en-double']],
    ['annexe-fichiers', ['annexe-introuvable', 'annexe-format', 'annexe-illisible', 'annexe-hors-dossier', 'annexe-trop-lourde']],
  ])('%s: exit 1, each problem in French at its line', (name, codes) => {
    const run = runCli(['validate', join(FIXTURES, 'invalid', `${name}.yaml`)]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    for (const code of codes) expect(run.stdout).toMatch(new RegExp(`${name}\\.yaml:\\d+:\\d+  erreur  ${code}  \\S`));
  });

  test('the message names the annex, its number and the article that cites it', () => {
    const run = runCli(['validate', join(FIXTURES, 'invalid', 'annexe-non-fournie.yaml'), '--format', 'json']);
    const problems = JSON.parse(run.stdout) as { code: string; path: string; message: string }[];
    const first = problems.find((p) => p.path === '/annexes/0')!;
    expect(first.code).toBe('annexe-non-fournie');
    expect(first.message).toContain("L'annexe 1 « Note de méthode");
    expect(first.message).toContain('(note-methode), citée à l\'article 5 « Coopérations locales »');
    expect(first.message).toContain('joint_separement: true');
  });

  test('a supplied PDF and DOCX pass, and render without --pdf lists them as annexed', () => {
    const folder = caseFolder();
    expect(runCli(['validate', `${CASE}.yaml`], folder).status).toBe(0);
    const run = runCli(['render', `${CASE}.yaml`], folder);
    expect(run.status).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['annexes', `${CASE}.docx`, `${CASE}.yaml`]);
  });
});

(tools || process.env.REQUIRE_LIBREOFFICE === '1' ? describe : describe.skip)('render --pdf: supplied annexes appended (real bin, LibreOffice)', () => {
  let folder: string;
  let pdf: string;

  beforeAll(() => {
    folder = caseFolder();
    const run = runCli(['render', `${CASE}.yaml`, '--pdf'], folder);
    expect(run.stdout).toContain('✓');
    expect(run.status).toBe(0);
    pdf = join(folder, `${CASE}.pdf`);
  }, 300_000);

  test('each supplied annex starts a page at its place: after the convention, before the RGPD annex it precedes in the numbering', () => {
    const pages = pdfPages(pdf);
    expect(pages.length).toBe(pageCount(pdf));
    // The DOCX supplied, as LibreOffice converts it on its own: its page count.
    const alone = temporaryFolder();
    const converted = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${join(alone, 'profil')}`, '--convert-to', 'pdf', '--outdir', alone, join(folder, 'annexes', 'plan-actions.docx')], { timeout: 120_000 });
    expect(converted.status).toBe(0);
    const formulaire = pageCount(join(folder, 'annexes', 'formulaire-detection.pdf'));
    const plan = pageCount(join(alone, 'plan-actions.pdf'));
    const annex2 = pageStarting(pages, 'Formulaire de détection vers la Mission accompagnement');
    const annex3 = pageStarting(pages, 'Plan d’actions local 2025');
    const annex4 = pageStarting(pages, 'Annexe 4 : Protection des données personnelles');
    expect(annex2).toBeGreaterThan(1);
    // The convention's text ends just before: its signatures, then annex 2 from a new page.
    expect(pages[annex2 - 2]!.some((line) => line.startsWith('Fait à '))).toBe(true);
    expect(annex3).toBe(annex2 + formulaire);
    expect(annex4).toBe(annex3 + plan);
    // Every page of the convention and of its own annex is still there.
    const without = runCli(['render', `${CASE}.yaml`, '--pdf', '-o', join(alone, 'sans.docx')], caseFolder((yaml) => yaml.replace(/fichier: annexes\/[^\n]+/g, 'joint_separement: true')));
    expect(without.status).toBe(0);
    expect(pageCount(pdf)).toBe(pageCount(join(alone, 'sans.pdf')) + formulaire + plan);
  });

  test('each supplied annex has its bookmark, in the numbering’s order, on its first page; the document keeps its outline', () => {
    const pages = pdfPages(pdf);
    const marks = bookmarks(pdf);
    const annexes = marks.filter((mark) => mark.text.startsWith('Annexe '));
    expect(annexes.map((mark) => mark.text.replace(/ :.*/, ''))).toEqual(['Annexe 2', 'Annexe 3', 'Annexe 4']);
    expect(annexes[0]).toEqual({ text: 'Annexe 2 : Formulaire de détection vers la Mission accompagnement santé', page: pageStarting(pages, 'Formulaire de détection') });
    expect(annexes[1]).toEqual({ text: 'Annexe 3 : Plan d’actions local 2025', page: pageStarting(pages, 'Plan d’actions local 2025') });
    expect(marks[0]!.text).toBe('Préambule');
  });

  test('the PDF stays PDF/A-2b, tagged, with its properties: every page added declares PDF/A', () => {
    const xmp = pdfinfo(pdf, '-meta');
    expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    const info = pdfinfo(pdf);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+Convention locale de partenariat – CPAM du Rhône, Mission Locale de Lyon$/m);
    expect(info).toMatch(/^Producer:\s+LibreOffice/m);
  });

  test('a supplied PDF that does not declare PDF/A: appended, and the PDF/A declaration is withdrawn', () => {
    const plain = caseFolder((yaml) => yaml.replace('annexes/formulaire-detection.pdf', 'annexes/formulaire-simple.pdf'));
    // The same form, exported by LibreOffice as an ordinary PDF (no PDF/A).
    const converted = spawnSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${join(plain, 'profil')}`, '--convert-to', 'pdf', '--outdir', join(plain, 'sortie'), join(plain, 'annexes', 'plan-actions.docx')],
      { timeout: 120_000 },
    );
    expect(converted.status).toBe(0);
    cpSync(join(plain, 'sortie', 'plan-actions.pdf'), join(plain, 'annexes', 'formulaire-simple.pdf'));
    expect(pdfinfo(join(plain, 'annexes', 'formulaire-simple.pdf'), '-meta')).not.toMatch(/pdfaid/);
    const run = runCli(['render', `${CASE}.yaml`, '--pdf'], plain);
    expect(run.status).toBe(0);
    const result = join(plain, `${CASE}.pdf`);
    expect(pdfinfo(result, '-meta')).not.toMatch(/pdfaid/);
    expect(pdfinfo(result)).toMatch(/^Title:\s+Convention locale de partenariat/m);
    expect(bookmarks(result).filter((mark) => mark.text.startsWith('Annexe ')).length).toBe(3);
  });

  test('a supplied PDF pdf-lib cannot read: exit 2, the annex named, nothing written', () => {
    const broken = caseFolder();
    writeFileSync(join(broken, 'annexes', 'formulaire-detection.pdf'), '%PDF-1.7\nce fichier a été tronqué\n');
    const run = runCli(['render', `${CASE}.yaml`, '--pdf'], broken);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain("l'annexe 2 (annexes/formulaire-detection.pdf) n'a pas pu être ajoutée au PDF");
    expect(readdirSync(broken).sort()).toEqual(['annexes', `${CASE}.yaml`]);
  });
});
