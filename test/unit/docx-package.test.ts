/**
 * Our packaging (src/core/docx-package.ts) must give exactly the parts docx's own compiler gives:
 * docx is the oracle, compared part by part on every example and valid fixture (logos included),
 * and the XML serialiser is compared with the `xml` package docx uses, on generated trees.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Packer } from 'docx';
import xml from 'xml';
import { strFromU8, unzipSync } from 'fflate';
import { checkFile, composeModel } from '../../src/core/pipeline.js';
import { renderMarkdown, templatesFor } from '../../src/core/render.js';
import { buildDocx, wordDocument, type DocxMetadata } from '../../src/core/docx.js';
import { attributePayload, packageParts, serializeXml, type XmlNode } from '../../src/core/docx-package.js';
import { EXAMPLES, FIXTURES } from '../support/paths.js';

const sources = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).map((f) => join(EXAMPLES, f)),
  ...readdirSync(join(FIXTURES, 'valid')).filter((f) => f.endsWith('.yaml')).map((f) => join(FIXTURES, 'valid', f)),
];

interface Oracle {
  xmlifyFile(file: unknown): Record<string, { path: string; data: string } | { path: string; data: string }[]>;
}

async function documents(file: string): Promise<{ markdown: string; metadata: DocxMetadata }[]> {
  const checked = await checkFile(file);
  if (!checked.loaded) throw new Error(`${file} : ${JSON.stringify(checked.problems)}`);
  const model = await composeModel(checked.loaded.data);
  const rendered = renderMarkdown(model, await templatesFor());
  return [
    { markdown: rendered.document, metadata: { ...model.meta, logos: checked.logos } },
    ...rendered.annexes.map((annex) => ({ markdown: annex.markdown, metadata: model.meta })),
  ];
}

describe('packaging matches docx’s compiler', () => {
  test.each(sources.map((s) => [s.split('/').slice(-2).join('/'), s]))('%s', async (_name, file) => {
    for (const { markdown, metadata } of await documents(file)) {
      // Formatting registers relationships as it goes: each side gets a document of its own.
      const ours = packageParts(wordDocument(markdown, metadata, { cacheParagraphs: false }));
      const theirs = Object.values(
        (Packer as unknown as { compiler: Oracle }).compiler.xmlifyFile(wordDocument(markdown, metadata, { cacheParagraphs: false })),
      ).flat();
      // docx stamps each document with the time it was created: the only part allowed to differ.
      const text = (parts: { path: string; data: unknown }[]) =>
        Object.fromEntries(
          parts
            .filter((p) => typeof p.data === 'string')
            .map((p) => [p.path, (p.data as string).replace(/(<dcterms:(?:created|modified) [^>]*>)[^<]*/g, '$1')]),
        );
      expect(text(ours)).toEqual(text(theirs));
      // Logos: one media part each, named as the relationships (compared above) name them.
      const media = ours.filter((p) => typeof p.data !== 'string').map((p) => p.path);
      expect(media).toHaveLength(metadata.logos?.length ?? 0);
      const headerRelationships = Object.entries(text(ours)).filter(([path]) => /^word\/_rels\/header\d+\.xml\.rels$/.test(path));
      for (const path of media) {
        expect(headerRelationships.some(([, xml]) => xml.includes(`Target="${path.replace('word/', '')}"`))).toBe(true);
      }
      // Cached paragraphs (first use, then reuse) give the same parts as docx's own objects.
      for (let pass = 0; pass < 2; pass++) expect(text(packageParts(wordDocument(markdown, metadata)))).toEqual(text(ours));
    }
  });

  test('the zip holds every part, readable, with the signature date', async () => {
    const { markdown, metadata } = (await documents(join(EXAMPLES, 'locale-ccas-marolles.yaml')))[0]!;
    const entries = unzipSync(buildDocx(markdown, metadata));
    const parts = packageParts(wordDocument(markdown, metadata));
    expect(Object.keys(entries).sort()).toEqual(parts.map((p) => p.path).sort());
    expect(strFromU8(entries['word/document.xml']!)).toBe(parts.find((p) => p.path === 'word/document.xml')!.data);
    expect(strFromU8(entries['docProps/core.xml']!)).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${metadata.dateSignature}T12:00:00Z`);
  });
});

/** Trees of the shape docx's formatter produces: elements, `_attr` objects and text children. */
const names = fc.constantFrom('w:p', 'w:r', 'w:t', 'w:tbl', 'a:b', 'x');
const values = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(undefined));
const attrs = fc.dictionary(fc.constantFrom('w:val', 'xml:space', 'r:id', 'id'), values, { maxKeys: 3 });
const tree: fc.Arbitrary<XmlNode> = fc.letrec<{ node: XmlNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ name: names, text: fc.oneof(fc.string(), fc.integer()) }).map(({ name, text }) => ({ [name]: text })),
    fc.record({ name: names, attr: attrs }).map(({ name, attr }) => ({ [name]: { _attr: attr } })),
    fc.record({ name: names }).map(({ name }) => ({ [name]: {} })),
    fc
      .record({
        name: names,
        children: fc.array(fc.oneof(tie('node'), attrs.map((a) => ({ _attr: a })), fc.string()), { maxLength: 4 }),
      })
      .map(({ name, children }) => ({ [name]: children })),
  ),
})).node;

test('serializeXml writes what the xml package writes', () => {
  fc.assert(
    fc.property(tree, fc.boolean(), (node, standalone) => {
      const declaration = standalone ? { standalone: 'yes', encoding: 'UTF-8' } : { encoding: 'UTF-8' };
      expect(serializeXml(node, standalone)).toBe(xml(node as xml.XmlObject, { declaration } as xml.Option));
    }),
    { numRuns: 2000 },
  );
});

test('attributePayload gives what docx 9.7’s NextAttributeComponent gives', () => {
  // docx 9.7.1, src/file/xml-components/default-attributes.ts, as compiled in its dist.
  const docx = (root: Record<string, { key: string; value: unknown }>) => ({
    _attr: Object.values(root)
      .filter(({ value }) => value !== undefined)
      .reduce<Record<string, unknown>>((acc, { key, value }) => ({ ...acc, [key]: value }), {}),
  });
  const entry = fc.record({ key: fc.constantFrom('w:val', 'w:color', 'w:sz', 'w:space', '1', 'toString', 'w:val'), value: values });
  fc.assert(
    fc.property(fc.dictionary(fc.string({ maxLength: 6 }), entry, { maxKeys: 6 }), (root) => {
      const ours = attributePayload(root);
      const theirs = docx(root);
      expect(ours).toEqual(theirs);
      expect(Object.keys(ours._attr)).toEqual(Object.keys(theirs._attr));
    }),
    { numRuns: 2000 },
  );
});
