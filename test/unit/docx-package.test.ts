/**
 * Our package (src/core/ooxml: docx's shell, our writer's content) must be what docx itself writes
 * for the same content: docx is the oracle, through its public API (test/support/docx-oracle.ts
 * gives the same blocks to docx as its objects, packs them with `Packer.toBuffer`, and says which
 * two things are canonicalised). Compared part by part, byte for byte, on every example and valid
 * fixture (logos included), on a Markdown text that uses every construct the templates may use,
 * and on generated blocks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { shellFromPackage } from '../../src/core/ooxml/package.js';
import { shellPackage } from '../../src/core/docx-layout.js';
import { NUMBERING } from '../../src/core/page-layout.js';
import { join } from 'node:path';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { checkFile, composeModel } from '../../src/core/pipeline.js';
import { renderMarkdown, templatesFor } from '../../src/core/render.js';
import { blocksOf, buildDocx, docxOfBlocks, LOGO_TAB_STOP, logoImages, prebuiltShellFile, type DocxMetadata } from '../../src/core/docx.js';
import type { BlockSpec, ParagraphSpec, RunSpec, TableSpec } from '../../src/core/ooxml/wordml.js';
import { oracleParts, unzipParts } from '../support/docx-oracle.js';
import { EXAMPLES, FIXTURES } from '../support/paths.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? (process.env.CI ? 200 : 60));

const sources = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).map((f) => join(EXAMPLES, f)),
  ...readdirSync(join(FIXTURES, 'valid')).filter((f) => f.endsWith('.yaml')).map((f) => join(FIXTURES, 'valid', f)),
];

async function documents(file: string): Promise<{ markdown: string; metadata: DocxMetadata }[]> {
  const checked = await checkFile(file);
  if (!checked.loaded) throw new Error(`${file} : ${JSON.stringify(checked.problems)}`);
  const model = await composeModel(checked.loaded.data);
  const rendered = renderMarkdown(model, await templatesFor());
  return [
    { markdown: rendered.document, metadata: { ...model.meta, logos: checked.logos, sourceSha256: 'a'.repeat(64) } },
    ...rendered.annexes.map((annex) => ({ markdown: annex.markdown, metadata: model.meta })),
  ];
}

async function expectSameAsDocx(blocks: readonly BlockSpec[], metadata: DocxMetadata): Promise<void> {
  const ours = unzipParts(await docxOfBlocks(blocks, metadata));
  const logos = metadata.logos?.length ? { images: logoImages(metadata.logos), tabStop: LOGO_TAB_STOP } : undefined;
  const theirs = await oracleParts(blocks, metadata, logos);
  expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
  // Part by part, so that a difference names its part and shows where it starts.
  for (const path of Object.keys(theirs)) {
    const [a, b] = [ours[path], theirs[path]];
    if (typeof a === 'string' && typeof b === 'string' && a !== b) {
      let at = 0;
      while (a[at] === b[at]) at++;
      expect([path, at, a.slice(Math.max(0, at - 300), at + 300)]).toEqual([path, at, b.slice(Math.max(0, at - 300), at + 300)]);
    }
    expect([path, a]).toEqual([path, b]);
  }
}

describe('the shells the build packed are the ones docx packs now', () => {
  // A render reads them and never loads docx: a layout changed since the build must fail here
  // (npm run build packs them again), not ship an old look.
  test.each([[false], [true]])('with logos: %s', async (withLogos) => {
    const built = shellFromPackage(readFileSync(prebuiltShellFile(withLogos)), NUMBERING);
    expect(built).toEqual(shellFromPackage(await shellPackage(withLogos), NUMBERING));
  });
});

describe('our package is the one docx writes for the same content', () => {
  test.each(sources.map((s) => [s.split('/').slice(-2).join('/'), s]))('%s', async (_name, file) => {
    for (const { markdown, metadata } of await documents(file)) await expectSameAsDocx(blocksOf(markdown), metadata);
  });

  test('every construct the templates may write', async () => {
    const markdown = [
      '# Titre centré',
      '',
      '## Article 1 : *emphase* et **gras**, ~~barré~~, [lien](https://x.test) et <https://y.test>',
      '',
      '### Sous-titre',
      '',
      '#### Quatrième niveau',
      '',
      'Texte avec « guillemets », l\'apostrophe, 1 000 €, &amp; &lt;b&gt; "droit" et une tabulation\tici.  ',
      'Ligne après un saut de ligne, `code` en ligne, ***gras et italique***.',
      '',
      '- puce',
      '  - puce de niveau 2',
      '    - niveau 3',
      '      - niveau 4 (ramené à 3)',
      '- puce avec',
      '',
      '  deux paragraphes',
      '',
      '1. un',
      '2. deux',
      '   1. deux-un',
      '',
      '1. nouvelle liste',
      '',
      '| colonne A | colonne B |',
      '|---|---|',
      '| a | **b** |',
      '| c |  |',
      '',
      '::: centre',
      'Centré',
      ':::',
      '',
      '::: tableau',
      'En-tête 1',
      '|||',
      'En-tête 2',
      '+++',
      'cellule',
      '',
      '- liste en cellule',
      '|||',
      '+++',
      'ligne courte',
      ':::',
      '',
      '::: grille',
      'a',
      '|||',
      'b',
      ':::',
      '',
      'Fait à Lyon.',
      '',
      '::: signatures',
      'La directrice',
      '',
      'Anne DUPONT',
      '|||',
      'Le président',
      ':::',
      '',
      '::: annexe',
      '## Annexe 1 : données',
      '',
      'Texte de l’annexe.',
      ':::',
      '',
    ].join('\n');
    const metadata: DocxMetadata = { title: 'T & <b>', subject: "l'objet", creator: 'Caisse "X"', dateSignature: '2025-03-01' };
    await expectSameAsDocx(blocksOf(markdown), metadata);
  });

  test('logos: the same image twice is one media part; PNG and JPEG counted apart', async () => {
    const folder = join(FIXTURES, 'valid', 'logos');
    const png = readFileSync(join(folder, 'cpam.png'));
    const jpg = readFileSync(join(folder, 'ccas.jpg'));
    const logos = [
      { bytes: png, type: 'png' as const, width: 300, height: 100 },
      { bytes: jpg, type: 'jpg' as const, width: 100, height: 400 },
      { bytes: png, type: 'png' as const, width: 300, height: 100 },
    ];
    await expectSameAsDocx(blocksOf('Texte.\n'), { title: 't', subject: 's', creator: 'c', dateSignature: '2025-01-31', logos });
  });

  test('generated blocks', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '\t', '&', '<', '>', '"', "'", '’', '«', '\u00a0', '🏥', 'ج', '{', '}', ':'), maxLength: 12 });
    const run: fc.Arbitrary<RunSpec> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ text, bold: fc.constant(true as const), italics: fc.constant(true as const) }, { requiredKeys: ['text'] }) },
      { weight: 1, arbitrary: fc.constant({ break: true as const }) },
    );
    const paragraph: fc.Arbitrary<ParagraphSpec> = fc.record(
      {
        kind: fc.constant('paragraph' as const),
        runs: fc.array(run, { maxLength: 4 }),
        style: fc.constantFrom('Title', 'Heading1', 'Heading2', 'Heading3'),
        alignment: fc.constantFrom('left' as const, 'center' as const, 'both' as const),
        keepNext: fc.constant(true),
        keepLines: fc.constant(true),
        pageBreakBefore: fc.constant(true),
        list: fc.record({ reference: fc.constantFrom('puces', 'numeros'), level: fc.integer({ min: 0, max: 2 }), instance: fc.integer({ min: 0, max: 3 }) }),
        rightTabStop: fc.integer({ min: 0, max: 9638 }),
      },
      { requiredKeys: ['kind', 'runs'] },
    );
    const cell = fc.record(
      {
        widthPercent: fc.integer({ min: 1, max: 100 }),
        fill: fc.constantFrom('E7EEF7', 'FFFFFF'),
        margins: fc.record({ top: fc.nat(2000), bottom: fc.nat(2000), left: fc.nat(2000), right: fc.nat(2000) }),
        paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 2 }),
      },
      { requiredKeys: ['widthPercent', 'paragraphs'] },
    );
    const table: fc.Arbitrary<TableSpec> = fc.integer({ min: 1, max: 3 }).chain((columns) =>
      fc.record({
        kind: fc.constant('table' as const),
        columns: fc.array(fc.integer({ min: 100, max: 9638 }), { minLength: columns, maxLength: columns }),
        fixedLayout: fc.boolean(),
        border: fc.record({ style: fc.constantFrom('none' as const, 'single' as const), size: fc.nat(12), color: fc.constantFrom('808080', 'FFFFFF', 'auto') }),
        rows: fc.array(
          fc.record({ cantSplit: fc.boolean(), header: fc.boolean(), cells: fc.array(cell, { minLength: columns, maxLength: columns }) }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
    );
    const blocks = fc.array(fc.oneof({ weight: 4, arbitrary: paragraph }, { weight: 1, arbitrary: table }), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(blocks, async (body) => expectSameAsDocx(body, { title: 't', subject: 's', creator: 'c', dateSignature: '2024-02-29' })),
      { numRuns: RUNS, seed: 20261130 },
    );
  });
});

test('the zip: every part, in name order, dated at noon on the signature date, the same bytes twice', async () => {
  const { markdown, metadata } = (await documents(join(EXAMPLES, 'locale-ccas-marolles.yaml')))[0]!;
  const bytes = await buildDocx(markdown, metadata);
  const entries = unzipSync(bytes);
  const names = Object.keys(entries);
  expect(names).toEqual([...names].sort());
  expect(names).toContain('word/document.xml');
  expect(Buffer.from(entries['docProps/core.xml']!).toString()).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${metadata.dateSignature}T12:00:00Z`);
  expect((await buildDocx(markdown, metadata)).equals(bytes)).toBe(true);
});
