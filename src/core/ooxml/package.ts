/**
 * A convention's DOCX package: what is the same in every document is docx's, what is the
 * document's own is ours.
 *
 * Design (chosen over "everything written by us, docx only as the test oracle"): docx, through its
 * public API (`Document`, `Packer.toBuffer`), builds once per process a *shell* for each layout of
 * document (with or without logos): a document with the convention's styles, numbering definitions,
 * page setup, footers and headers, whose body — and, with logos, whose first-page header — is one
 * marker paragraph. Its parts (styles, numbering, settings, theme, font table, footers, content
 * types, relationships, section properties…) are kept as docx wrote them, compressed once. For each
 * document, `wordml.ts` writes the parts that differ — the body, the list instances of the
 * numbering part, the logos' header and its relationships, the core and custom properties — into
 * that shell, and `zipParts` zips them with Node's native zlib and fflate.
 *
 * Why this split: a whole convention through docx's objects and `Packer.toBuffer` costs some 18 ms
 * of CPU (measured on the examples, warm), more than the rest of a render together; the writer
 * here takes some 3 ms, Markdown lexing included. Yet most of what docx writes does not depend on
 * the convention, and that part stays docx's: the document's layout and styles are docx options
 * (`documentOptions` in src/core/docx-layout.ts) — a style, a margin, a footer or a list definition is
 * changed there, written by docx, with nothing to change here. What we write is small and fixed
 * (the types of wordml.ts), and docx is its oracle (test/unit/docx-package.test.ts): the same
 * content given to docx as its objects must give the same parts, byte for byte, up to the
 * canonicalisation that test documents (dates, and the ids docx takes from process-wide counters).
 *
 * docx's Packer compresses the shell in JavaScript (fflate) before we read it back, some 100 ms of
 * CPU in a cold process, and loading docx costs as much again: the build packs the shells once
 * (scripts/build-assets.mjs), and a render reads them without loading docx.
 *
 * No private API of docx is used and nothing of it is patched: the shell is read from the zip
 * `Packer.toBuffer` returns.
 */
import * as zlib from 'node:zlib';
import { Unzip, UnzipPassThrough, Zip, ZipPassThrough, strFromU8, type AsyncFlateStreamHandler, type UnzipDecoder, type ZipInputFile } from 'fflate';
import { RenderError } from '../errors.js';
import { escapeXml } from './xml.js';
import { BodyWriter, ListInstances, imageRunXml, TAB_RUN, type BlockSpec, type ImageSpec, type ParagraphSpec } from './wordml.js';

/**
 * Text of the shell's marker paragraphs: private-use characters, which no template or value puts
 * in a document (and which docx writes as they are).
 */
export const BODY_MARKER = '\uE000convention:corps\uE000';
export const HEADER_MARKER = '\uE000convention:en-tete\uE000';

/** A marker paragraph as docx writes a paragraph of one plain run. */
const markerParagraph = (marker: string) => `<w:p><w:r><w:t xml:space="preserve">${marker}</w:t></w:r></w:p>`;

/** How the numbering definitions are declared to docx: each list instance we write refers to one. */
export interface NumberingDefinition {
  reference: string;
  levels: readonly { level: number; start?: number }[];
}

/** A part of the package ready for the zip: its bytes, compressed, and their CRC when Node computes it. */
export interface ZipPart {
  path: string;
  bytes: Uint8Array;
  deflated: Uint8Array;
  crc?: number;
}

/** Node's native CRC-32 (Node 20.15 and later); without it, fflate computes the CRC as it zips. */
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

function zipPart(path: string, bytes: Uint8Array, level: number): ZipPart {
  return { path, bytes, deflated: zlib.deflateRawSync(bytes, { level }), crc: nativeCrc32?.(bytes) };
}

/** The parts docx wrote once, and the places where a document's own content goes. */
export interface Shell {
  /** Parts kept as docx wrote them, compressed once. */
  shared: ZipPart[];
  /** document.xml, around the body marker. */
  documentBefore: string;
  documentAfter: string;
  /** numbering.xml up to its end tag, where the list instances go. */
  numberingBefore: string;
  numberingAfter: string;
  /** The first page's header (with logos), around its marker, and its path. */
  header?: { path: string; before: string; after: string };
  numbering: readonly NumberingDefinition[];
}

/** Parts written for each document, never taken from the shell. */
const OWN_PARTS = new Set(['word/document.xml', 'word/numbering.xml', 'docProps/core.xml', 'docProps/custom.xml']);

function split(text: string, marker: string, path: string): { before: string; after: string } {
  const paragraph = markerParagraph(marker);
  const at = text.indexOf(paragraph);
  if (at === -1 || text.indexOf(paragraph, at + 1) !== -1) {
    // docx writes this paragraph this way (the oracle test checks it); a new version of docx that
    // does not is a defect of ours, found here rather than as a broken document.
    throw new Error(`docx : paragraphe repère introuvable dans ${path}`);
  }
  return { before: text.slice(0, at), after: text.slice(at + paragraph.length) };
}

/**
 * A zip entry inflated by Node's native zlib: fflate reads the zip, and its documented extension
 * point (`Unzip.register`) takes the decoder. fflate's own inflate, in JavaScript, cost a cold
 * render some 40 ms before V8 had optimised it, for parts read once.
 */
class NativeInflate implements UnzipDecoder {
  static readonly compression = 8;
  ondata: AsyncFlateStreamHandler = () => undefined;
  private readonly chunks: Uint8Array[] = [];

  push(chunk: Uint8Array, final: boolean): void {
    this.chunks.push(chunk);
    if (final) this.ondata(null, zlib.inflateRawSync(Buffer.concat(this.chunks)) as Uint8Array<ArrayBuffer>, true);
  }
}

/** The files of a zip, by path (folders left out). */
function unzipNative(zip: Uint8Array): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  let failure: Error | null = null;
  const unzipper = new Unzip((file) => {
    if (file.name.endsWith('/')) return;
    const chunks: Uint8Array[] = [];
    file.ondata = (error, data, final) => {
      if (error) failure ??= error;
      else {
        chunks.push(data);
        if (final) files[file.name] = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      }
    };
    file.start();
  });
  unzipper.register(UnzipPassThrough);
  unzipper.register(NativeInflate);
  unzipper.push(zip, true);
  if (failure) throw failure;
  return files;
}

/**
 * The shell of a document from docx's package of it (`Packer.toBuffer`): the body is the marker
 * paragraph, the first-page header (if any) is the header marker paragraph.
 */
export function shellFromPackage(docxPackage: Uint8Array, numbering: readonly NumberingDefinition[]): Shell {
  const files = unzipNative(docxPackage);
  const text = (path: string) => {
    const bytes = files[path];
    if (!bytes) throw new Error(`docx : partie ${path} absente`);
    return strFromU8(bytes);
  };
  const document = split(text('word/document.xml'), BODY_MARKER, 'word/document.xml');
  const numberingXml = text('word/numbering.xml');
  const numberingEnd = numberingXml.lastIndexOf('</w:numbering>');
  if (numberingEnd === -1) throw new Error('docx : word/numbering.xml sans fin');
  let header: Shell['header'];
  for (const path of Object.keys(files)) {
    if (/^word\/header\d+\.xml$/.test(path) && strFromU8(files[path]!).includes(HEADER_MARKER)) {
      header = { path, ...split(text(path), HEADER_MARKER, path) };
    }
  }
  const ownPaths = new Set([...OWN_PARTS, ...(header ? [header.path, relationshipsPath(header.path)] : [])]);
  const shared = Object.entries(files)
    .filter(([path]) => !ownPaths.has(path) && !path.endsWith('/'))
    .map(([path, bytes]) => zipPart(path, bytes, 9));
  return {
    shared,
    documentBefore: document.before,
    documentAfter: document.after,
    numberingBefore: numberingXml.slice(0, numberingEnd),
    numberingAfter: numberingXml.slice(numberingEnd),
    header,
    numbering,
  };
}

function relationshipsPath(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash)}/_rels/${partPath.slice(slash + 1)}.rels`;
}

/** The `<w:num>` of each list instance, as docx's ConcreteNumbering writes it. */
function listInstancesXml(lists: ListInstances, numbering: readonly NumberingDefinition[]): string {
  let xml = '';
  for (const { numId, reference } of lists.used) {
    const index = numbering.findIndex((definition) => definition.reference === reference);
    if (index === -1) throw new RenderError(`liste « ${reference} » sans définition de numérotation`, 'gabarit-markdown');
    // docx's own bullet list is abstract numbering 1; the definitions it is given follow, in order.
    xml += `<w:num w:numId="${numId}"><w:abstractNumId w:val="${index + 2}"/>`;
    for (const { level, start = 1 } of numbering[index]!.levels) {
      xml += `<w:lvlOverride w:ilvl="${level}"><w:startOverride w:val="${start}"/></w:lvlOverride>`;
    }
    xml += '</w:num>';
  }
  return xml;
}

export interface DocumentProperties {
  title: string;
  subject: string;
  creator: string;
  description: string;
  /** ISO date: every date of the package, so that the same convention gives the same bytes. */
  date: string;
  language: string;
  /** Custom properties, as text. */
  custom: readonly { name: string; value: string }[];
}

const XML_DECLARATION_STANDALONE = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/**
 * docProps/core.xml as docx writes it (the properties it is given, then revision 1 and the two
 * dates), with the dates at noon on `date` rather than docx's "now" and the language added.
 */
function coreXml(properties: DocumentProperties): string {
  const element = (name: string, value: string) => (value ? `<${name}>${escapeXml(value)}</${name}>` : '');
  const timestamp = `xsi:type="dcterms:W3CDTF">${escapeXml(properties.date)}T12:00:00Z`;
  return (
    `${XML_DECLARATION_STANDALONE}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', properties.title) +
    element('dc:subject', properties.subject) +
    element('dc:creator', properties.creator) +
    element('dc:description', properties.description) +
    element('cp:lastModifiedBy', properties.creator) +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created ${timestamp}</dcterms:created><dcterms:modified ${timestamp}</dcterms:modified>` +
    element('dc:language', properties.language) +
    '</cp:coreProperties>'
  );
}

/** docProps/custom.xml as docx writes it (property ids from 2, the first free one). */
function customXml(properties: DocumentProperties): string {
  const open =
    `${XML_DECLARATION_STANDALONE}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ` +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"';
  if (properties.custom.length === 0) return `${open}/>`;
  const items = properties.custom
    .map(
      ({ name, value }, index) =>
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${index + 2}" name="${escapeXml(name)}"><vt:lpwstr>${escapeXml(value)}</vt:lpwstr></property>`,
    )
    .join('');
  return `${open}>${items}</Properties>`;
}

const IMAGE_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';

/**
 * The logos' header: one paragraph, the logos separated by tabs, a right tab stop at `tabStop`.
 * Each distinct image is one media part, named and related as docx names and relates them
 * (`media/image<n>.<type>`, one count per type; relationships from rId0 in a header).
 */
function headerContent(images: readonly ImageSpec[], tabStop: number, lists: ListInstances) {
  const media: { image: ImageSpec; fileName: string }[] = [];
  const counts = new Map<string, number>();
  let runs = '';
  images.forEach((image, index) => {
    let at = media.findIndex((m) => m.image.type === image.type && Buffer.compare(m.image.data, image.data) === 0);
    if (at === -1) {
      const count = (counts.get(image.type) ?? 0) + 1;
      counts.set(image.type, count);
      at = media.push({ image, fileName: `image${count}.${image.type}` }) - 1;
    }
    if (index > 0) runs += TAB_RUN;
    runs += imageRunXml(image, `rId${at}`, index + 1);
  });
  const paragraph: ParagraphSpec = { kind: 'paragraph', runs: [], rightTabStop: tabStop };
  const relationships =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    media.map(({ fileName }, i) => `<Relationship Id="rId${i}" Type="${IMAGE_RELATIONSHIP}" Target="media/${fileName}"/>`).join('') +
    '</Relationships>';
  return { xml: new BodyWriter(lists).paragraph(paragraph, runs), relationships, media };
}

export interface DocumentContent {
  body: readonly BlockSpec[];
  /** The logos of the first page's header (the shell must have a header marker). */
  logos?: { images: readonly ImageSpec[]; tabStop: number };
  properties: DocumentProperties;
}

/**
 * The package's parts: the shell's, and the document's own, compressed — text at level 3 (twice as
 * fast as the default level, for some 10 % more bytes), images at the default level.
 */
export function documentParts(shell: Shell, content: DocumentContent): ZipPart[] {
  const lists = new ListInstances();
  const body = new BodyWriter(lists).blocks(content.body);
  const parts: ZipPart[] = [...shell.shared];
  const text = (path: string, xml: string) => parts.push(zipPart(path, Buffer.from(xml, 'utf8'), 3));
  if ((content.logos !== undefined) !== (shell.header !== undefined)) throw new Error('docx : enveloppe sans en-tête de logos, ou logos sans en-tête');
  if (content.logos && shell.header) {
    const header = headerContent(content.logos.images, content.logos.tabStop, lists);
    text(shell.header.path, shell.header.before + header.xml + shell.header.after);
    text(relationshipsPath(shell.header.path), header.relationships);
    for (const { image, fileName } of header.media) parts.push(zipPart(`word/media/${fileName}`, image.data, 6));
  }
  text('word/document.xml', shell.documentBefore + body + shell.documentAfter);
  text('word/numbering.xml', shell.numberingBefore + listInstancesXml(lists, shell.numbering) + shell.numberingAfter);
  text('docProps/core.xml', coreXml(content.properties));
  text('docProps/custom.xml', customXml(content.properties));
  return parts;
}

/**
 * A zip entry compressed by Node's native zlib, for a Node without `zlib.crc32`: fflate documents
 * this extension point, a `ZipPassThrough` whose `process` emits the compressed bytes while `push`
 * computes the CRC.
 */
class NativeDeflate extends ZipPassThrough {
  constructor(
    name: string,
    private readonly deflated: Uint8Array,
  ) {
    super(name);
    this.compression = 8;
  }

  override process(_chunk: Uint8Array, final: boolean): void {
    // fflate's callback type asks for an ArrayBuffer-backed array, which zlib's output is.
    this.ondata(null, this.deflated as Uint8Array<ArrayBuffer>, final);
  }
}

/** Regular file, rw-r--r--, as Unix attributes (the upper half of the external attributes). */
const UNIX_FILE = { os: 3, attrs: 0o100644 << 16 };

/**
 * The zip of the parts, in name order, every entry dated `mtime` (a local noon: DOS times carry no
 * time zone, so the same noon gives the same bytes everywhere). Each entry is a `ZipInputFile`
 * whose size and CRC are known (fflate's documented interface), so that the shell's parts,
 * compressed once, are not read again for each document.
 */
export function zipParts(parts: readonly ZipPart[], mtime: Date): Buffer {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure ??= error;
    else chunk && chunks.push(chunk);
  });
  for (const { path, bytes, deflated, crc } of [...parts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (crc === undefined) {
      const entry = Object.assign(new NativeDeflate(path, deflated), UNIX_FILE, { mtime });
      zip.add(entry);
      entry.push(bytes, true);
    } else {
      const entry: ZipInputFile = { filename: path, size: bytes.length, crc, compression: 8, mtime, ...UNIX_FILE };
      zip.add(entry);
      entry.ondata!(null, deflated as Uint8Array<ArrayBuffer>, true);
    }
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}
