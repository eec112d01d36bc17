/**
 * The layout of every convention, as docx's options: styles, numbering definitions, page setup,
 * headers and footers, properties. It is written by docx, through its public API: change it here (a
 * style, a margin…) and the package's shell (built from it once, by the build: see `shell` in
 * src/core/docx.ts) and the test's oracle (test/support/docx-oracle.ts) both follow.
 *
 * This is the only module of the render path that loads docx, and a render reaches it only when the
 * build's shells are missing.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
  type FileChild,
  type ILevelsOptions,
  type IParagraphOptions,
  type IParagraphStylePropertiesOptions,
  type IPropertiesOptions,
} from 'docx';
import type { DocxMetadata } from './docx.js';
import { BODY_MARKER, HEADER_MARKER } from './ooxml/package.js';
import { DESCRIPTION, NUMBERING } from './page-layout.js';

function bulletLevels(): ILevelsOptions[] {
  const symbols = ['•', '–', '▪'];
  return symbols.map((text, level) => ({
    level,
    format: LevelFormat.BULLET,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 283 } } },
  }));
}

function numberLevels(): ILevelsOptions[] {
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return formats.map((format, level) => ({
    level,
    format,
    text: `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 567 * (level + 1), hanging: 340 } } },
  }));
}

/** The lists' numbering definitions: docx writes them, our list paragraphs refer to them. */
const LEVELS_OF: Record<string, () => ILevelsOptions[]> = { puces: bulletLevels, numeros: numberLevels };
const NUMBERING_CONFIG = NUMBERING.map(({ reference, levels }) => {
  const look = LEVELS_OF[reference]!();
  return { reference, levels: levels.map(({ level }) => look[level]!) };
});

const BODY_FONT = 'Arial';

/**
 * Every paragraph's defaults (w:pPrDefault): spacing, and widow/orphan control — no first or last
 * line of a paragraph alone at the top or foot of a page (Word and LibreOffice read it there). docx
 * writes the defaults with its paragraph properties, which know `widowControl`, but the type of its
 * style options does not name it: the object is typed as both.
 */
const DEFAULT_PARAGRAPH: IParagraphStylePropertiesOptions & Pick<IParagraphOptions, 'widowControl'> = { spacing: { after: 120, line: 264 }, widowControl: true };

/** What the document's sections hold: the body, and the first page's header when there are logos. */
export interface SectionContent {
  body: FileChild[];
  firstHeader?: Paragraph;
}

/**
 * The document as docx's options: styles, numbering definitions, page setup, headers and footers,
 * properties. The layout of every convention is here, written by docx; change it here (a style, a
 * margin…) and both the package and the test's oracle follow.
 */
export function documentOptions(metadata: DocxMetadata | undefined, content: SectionContent): IPropertiesOptions {
  const footer = () =>
    new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' sur ', PageNumber.TOTAL_PAGES], size: 18 })],
        }),
      ],
    });
  return {
    title: metadata?.title,
    subject: metadata?.subject,
    creator: metadata?.creator,
    lastModifiedBy: metadata?.creator,
    description: DESCRIPTION,
    customProperties: metadata?.sourceSha256 ? [{ name: 'SourceSHA256', value: metadata.sourceSha256 }] : [],
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 21, language: { value: 'fr-FR' } }, paragraph: DEFAULT_PARAGRAPH },
        title: { run: { font: BODY_FONT, size: 32, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 240, after: 360 } } },
        // Outline levels (0 = level 1): what Word's navigation pane, LibreOffice's Navigator and
        // PDF bookmarks read. docx.ts gives each heading the level of its place in the document.
        heading1: { run: { font: BODY_FONT, size: 24, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 300, after: 120 }, keepNext: true, keepLines: true, outlineLevel: 0 } },
        heading2: { run: { font: BODY_FONT, size: 22, bold: true, italics: true }, paragraph: { spacing: { before: 200, after: 100 }, keepNext: true, keepLines: true, outlineLevel: 1 } },
        heading3: { run: { font: BODY_FONT, size: 21, bold: true }, paragraph: { spacing: { before: 160, after: 80 }, keepNext: true, keepLines: true, outlineLevel: 2 } },
        heading4: { run: { font: BODY_FONT, size: 21, bold: true, italics: true, color: '000000' }, paragraph: { spacing: { before: 120, after: 60 }, keepNext: true, keepLines: true, outlineLevel: 3 } },
      },
    },
    numbering: { config: NUMBERING_CONFIG.map(({ reference, levels }) => ({ reference, levels })) },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, footer: 567, header: 567 },
          },
          titlePage: content.firstHeader !== undefined,
        },
        headers: content.firstHeader ? { first: new Header({ children: [content.firstHeader] }), default: new Header({ children: [] }) } : undefined,
        // With logos, the first page has its own header, hence its own footer: the same one.
        footers: { default: footer(), first: footer() },
        children: content.body,
      },
    ],
  };
}

/**
 * docx's package of a document whose body — and, with logos, whose first-page header — is one marker
 * paragraph: the shell our writer fills (src/core/ooxml/package.ts).
 */
export async function shellPackage(withLogos: boolean): Promise<Uint8Array> {
  const marker = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const document = new Document(documentOptions(undefined, { body: [marker(BODY_MARKER)], firstHeader: withLogos ? marker(HEADER_MARKER) : undefined }));
  return Packer.toBuffer(document);
}
