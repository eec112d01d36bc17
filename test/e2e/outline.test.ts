/**
 * The outline of every example, as an independent reader sees it: pandoc reads the DOCX's headings
 * (by their styles) with their levels; they must be the document's headings, in a tree that follows
 * the document (TITRE → 1, Article → 1, or 2 under a TITRE, sub-article → its article's + 1, annex
 * title → 1), and the heading styles must carry the outline level Word, LibreOffice and PDF
 * bookmarks read.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument, checkFile } from '../../src/core/pipeline.js';
import { docxHeadings, normalise, type Heading } from '../support/docx-outline.js';
import { EXAMPLES, temporaryFolder } from '../support/paths.js';

const examples = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

type PandocInline = { t: string; c?: unknown };
function inlineText(inlines: readonly PandocInline[]): string {
  return inlines
    .map((inline) => {
      if (inline.t === 'Str') return inline.c as string;
      if (inline.t === 'Space' || inline.t === 'SoftBreak' || inline.t === 'LineBreak') return ' ';
      if (Array.isArray(inline.c)) {
        const nested = (inline.c as unknown[]).find((c) => Array.isArray(c) && (c as PandocInline[]).every((i) => typeof i === 'object' && i !== null && 't' in i));
        return nested ? inlineText(nested as PandocInline[]) : '';
      }
      return '';
    })
    .join('');
}

/** The headings pandoc reads in a DOCX. */
function pandocHeadings(docx: string): Heading[] {
  const run = spawnSync('pandoc', ['-f', 'docx', '-t', 'json', docx], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.status).toBe(0);
  const { blocks } = JSON.parse(run.stdout) as { blocks: { t: string; c: unknown }[] };
  return blocks
    .filter((block) => block.t === 'Header')
    .map((block) => {
      const [level, , inlines] = block.c as [number, unknown, PandocInline[]];
      return { level, text: normalise(inlineText(inlines)) };
    });
}

/** The level a heading must have, by what it is, given the headings before it (undefined: any level below its annex). */
function expectedLevels(headings: readonly Heading[]): (number | undefined)[] {
  let inTitre = false;
  let inAnnex = false;
  let articleLevel = 0;
  return headings.map(({ text }) => {
    if (/^TITRE\b/.test(text)) {
      inTitre = true;
      return 1;
    }
    if (/^Préambule$/.test(text)) return 1;
    if (/^Annexe\s/.test(text)) {
      inTitre = false;
      inAnnex = true;
      return 1;
    }
    if (/^Article\s/.test(text)) {
      articleLevel = inTitre ? 2 : 1;
      return articleLevel;
    }
    if (/^\d+\.\d+\s/.test(text) && articleLevel > 0) return articleLevel + 1;
    return inAnnex ? 2 : undefined;
  });
}

const pandoc = spawnSync('which', ['pandoc']).status === 0;
const requirePandoc = process.env.REQUIRE_PANDOC === '1';
if (!pandoc && !requirePandoc) console.warn('pandoc absent : test du plan lu par pandoc ignoré. Installez pandoc, ou REQUIRE_PANDOC=1 pour en faire un échec.');

(pandoc || requirePandoc ? describe : describe.skip).each(examples)('%s', (example) => {
  test('pandoc reads its headings, with the levels of the document’s tree', async () => {
    expect(pandoc).toBe(true);
    const result = await checkFile(join(EXAMPLES, `${example}.yaml`));
    expect(result.problems).toEqual([]);
    const { document, annexes } = await buildDocument(result.loaded!);
    const folder = temporaryFolder();
    for (const [index, bytes] of [document, ...annexes.map((a) => a.bytes)].entries()) {
      const ours = await docxHeadings(bytes);
      // Every document has a tree: the convention its articles, a separate annex its sections.
      expect(ours.length).toBeGreaterThan(0);
      const file = join(folder, `${index}.docx`);
      writeFileSync(file, bytes);
      expect(pandocHeadings(file)).toEqual(ours);
      const expected = expectedLevels(ours);
      ours.forEach((heading, i) => {
        const level = expected[i];
        if (level !== undefined) expect({ ...heading, level: heading.level }).toEqual({ ...heading, level });
      });
      // A tree: no heading more than one level below the one before it.
      ours.forEach((heading, i) => expect(heading.level).toBeLessThanOrEqual((ours[i - 1]?.level ?? 0) + 1));
    }
  });
});
