/**
 * `render --pdf` with annexes the YAML supplies as files: their pages join the convention's PDF,
 * each annex starting on a new page at its place in the numbering — before the first annex the
 * convention itself carries with a higher number (found by its bookmark, « Annexe N : … »), else at
 * the end. pdf-lib does the work through its public API; this module is imported only when a
 * convention has such annexes, so that `render` alone never loads it.
 *
 * The convention's PDF is LibreOffice's PDF/A-2b (pdf.ts). Loaded without touching its document
 * information (`updateMetadata: false`: no new producer or dates that its XMP would contradict),
 * it keeps its XMP, its bookmarks (each one points at a page object, which stays the same) and its
 * tagged structure; each appended annex gets a bookmark of its own. The PDF/A declaration is kept
 * only when every page added comes from a PDF that declares PDF/A itself (a supplied DOCX is
 * converted by the same PDF/A export): otherwise the XMP that declares it is removed, for a
 * document that declared PDF/A with pages that are not would be a false statement.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, type PDFPage } from 'pdf-lib';

export interface PdfAnnex {
  numero: number;
  titre: string;
  /** The annex's PDF: the file supplied, or the PDF LibreOffice made of the DOCX supplied. */
  pdf: Uint8Array;
  /** Its file, as the YAML names it (messages). */
  fichier: string;
  /** Its bookmark, as the document writes its annexes' headings (« Annexe 2 : … », French typography). */
  signet: string;
}

/** The namespace of the PDF/A identification schema, present in the XMP of every PDF declaring PDF/A. */
const PDFA_ID_NAMESPACE = 'http://www.aiim.org/pdfa/ns/id/';

/**
 * Appends the annexes (in their order) to the convention's PDF. The result declares PDF/A only if
 * every appended PDF declared it. A PDF pdf-lib cannot read throws, with the file named.
 */
export async function appendAnnexes(main: Uint8Array, annexes: readonly PdfAnnex[]): Promise<Buffer> {
  const document = await PDFDocument.load(main, { updateMetadata: false });
  const outline = document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const bookmarks = outline ? topBookmarks(outline) : [];
  let pdfa = declaresPdfA(document);
  for (const annex of [...annexes].sort((a, b) => a.numero - b.numero)) {
    // A file pdf-lib cannot read (encrypted, truncated, no page tree) fails at load or at its pages.
    let source: PDFDocument;
    let copied: PDFPage[];
    try {
      source = await PDFDocument.load(annex.pdf, { updateMetadata: false });
      if (source.getPageCount() === 0) throw new NoPageError();
      copied = await document.copyPages(source, source.getPageIndices());
    } catch (error) {
      // pdf-lib's own words are English and technical: the reader gets what to do, in French.
      throw new AnnexPdfError(annex, error instanceof NoPageError ? "il n'a aucune page" : 'fichier endommagé, chiffré ou que pdf-lib ne sait pas lire', error);
    }
    pdfa &&= declaresPdfA(source);
    // Before the first annex of the convention numbered after this one, if any.
    const next = bookmarks.find((bookmark) => bookmark.numero !== null && bookmark.numero > annex.numero && bookmark.page !== null);
    const pages = document.getPages();
    const before = next ? pages.findIndex((page) => page.ref === next.page) : -1;
    let at = before < 0 ? pages.length : before;
    let first: PDFPage | undefined;
    for (const page of copied) {
      // The page's tags belong to the structure tree of its own file, which is not copied.
      page.node.delete(PDFName.of('StructParents'));
      document.insertPage(at++, page);
      first ??= page;
    }
    if (outline && first) addBookmark(document, outline, bookmarks, annex.signet, first.ref, next);
  }
  if (!pdfa) document.catalog.delete(PDFName.of('Metadata'));
  const bytes = await document.save({ useObjectStreams: false, updateFieldAppearances: false });
  return Buffer.from(bytes);
}

/** A supplied PDF that cannot be appended, named by its file; `reason` in French. */
export class AnnexPdfError extends Error {
  constructor(
    readonly annex: PdfAnnex,
    readonly reason: string,
    cause: unknown,
  ) {
    super(`annexe ${annex.numero} (${annex.fichier}) : ${reason}`, { cause });
  }
}

class NoPageError extends Error {}

interface Bookmark {
  item: PDFDict;
  ref: PDFRef;
  /** « Annexe 3 : … » → 3; null for any other heading. */
  numero: number | null;
  /** The page object the bookmark opens, when it names one. */
  page: PDFRef | null;
}

function topBookmarks(outline: PDFDict): Bookmark[] {
  const found: Bookmark[] = [];
  let ref = outline.get(PDFName.of('First'));
  // Bounded by the number of objects: a malformed outline that loops ends here.
  for (let guard = 0; ref instanceof PDFRef && guard < 100000; guard++) {
    const item = outline.context.lookup(ref, PDFDict);
    const title = item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString)?.decodeText() ?? '';
    const numero = /^Annexe\s+(\d+)\s*:/.exec(title);
    found.push({ item, ref, numero: numero ? Number(numero[1]) : null, page: destinationPage(item) });
    ref = item.get(PDFName.of('Next'));
  }
  return found;
}

/** The page a bookmark opens: its `Dest` array, or the `D` of its GoTo action. */
function destinationPage(item: PDFDict): PDFRef | null {
  const action = item.lookupMaybe(PDFName.of('A'), PDFDict);
  const destination = item.lookupMaybe(PDFName.of('Dest'), PDFArray) ?? action?.lookupMaybe(PDFName.of('D'), PDFArray);
  const page = destination?.get(0);
  return page instanceof PDFRef ? page : null;
}

/** A top-level bookmark opening `page`, placed before `next` (or last), counted in the outline. */
function addBookmark(document: PDFDocument, outline: PDFDict, bookmarks: Bookmark[], title: string, page: PDFRef, next: Bookmark | undefined): void {
  const context = document.context;
  const item = context.obj({}) as PDFDict;
  item.set(PDFName.of('Title'), PDFHexString.fromText(title));
  item.set(PDFName.of('Parent'), context.getObjectRef(outline) ?? outlineRef(document));
  item.set(PDFName.of('Dest'), context.obj([page, PDFName.of('Fit')]));
  const ref = context.register(item);
  const index = next ? bookmarks.indexOf(next) : bookmarks.length;
  const previous = bookmarks[index - 1];
  if (previous) {
    item.set(PDFName.of('Prev'), previous.ref);
    previous.item.set(PDFName.of('Next'), ref);
  } else outline.set(PDFName.of('First'), ref);
  if (next) {
    item.set(PDFName.of('Next'), next.ref);
    next.item.set(PDFName.of('Prev'), ref);
  } else outline.set(PDFName.of('Last'), ref);
  // The outline's count is that of its visible items: one more.
  const count = outline.lookupMaybe(PDFName.of('Count'), PDFNumber)?.asNumber() ?? 0;
  outline.set(PDFName.of('Count'), PDFNumber.of(count >= 0 ? count + 1 : count - 1));
  bookmarks.splice(index, 0, { item, ref, numero: null, page });
}

function outlineRef(document: PDFDocument): PDFRef {
  const ref = document.catalog.get(PDFName.of('Outlines'));
  if (!(ref instanceof PDFRef)) throw new Error('outline without a reference');
  return ref;
}

/** Whether a PDF's XMP metadata declares PDF/A (its identification schema is there). */
function declaresPdfA(document: PDFDocument): boolean {
  const stream = document.catalog.lookupMaybe(PDFName.of('Metadata'), PDFStream);
  if (!stream) return false;
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
  return Buffer.from(bytes).toString('utf8').includes(PDFA_ID_NAMESPACE);
}
