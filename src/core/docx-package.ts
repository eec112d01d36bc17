/**
 * From a docx `Document` to the bytes of its package, without docx's `Packer`.
 *
 * Why: the Packer serialises each part with the generic `xml` package (written for streams and
 * indentation: it was the largest single cost of a render), then hands the parts to JSZip, whose
 * asynchronous, pure-JavaScript deflate came next. Here the parts are the same — produced by
 * docx's own formatter, relationships and image replacer, in the order its compiler runs them (see
 * `Compiler.xmlifyFile` in docx 9.7, which is pinned), numbering placeholders replaced as docx
 * replaces them — serialised by `serializeXml`, which writes exactly what `xml` writes for docx's
 * output (a unit test compares both, part by part, on every example and on generated trees), then
 * compressed by Node's native zlib and put in the zip by fflate. Body paragraphs are serialised
 * once per process (`cachedParagraph`).
 */
import { deflateRawSync } from 'node:zlib';
import { FileChild, NextAttributeComponent, Packer, type Document, type Paragraph } from 'docx';
import { Zip, ZipPassThrough } from 'fflate';

/** What docx's formatter produces: `{ tag: children | { _attr } | text }`. */
export type XmlNode = Record<string, unknown>;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
const XML_SPECIAL = /[&"<>']/g;

/** As the `xml` package escapes: strings only; other values (numbers, booleans) go through as they are. */
function escapeXml(value: unknown): unknown {
  return typeof value === 'string' && value !== '' ? value.replace(XML_SPECIAL, (c) => XML_ESCAPES[c]!) : value;
}

function attributes(values: Record<string, unknown>, out: string[]): void {
  for (const key of Object.keys(values)) out.push(`${key}="${escapeXml(values[key]) as string}"`);
}

/**
 * One element, as the `xml` package (1.0.1) writes it without indentation — including its quirks,
 * so that the output stays byte for byte what docx's Packer gives: attributes come from `_attr`
 * and from `{ _attr }` children wherever they appear; a text child replaces the child before it.
 */
function element(node: XmlNode): string {
  const name = Object.keys(node)[0];
  const values = name === undefined ? undefined : node[name];
  if (name === RAW_XML) return values as string;
  const attrs: string[] = [];
  const content: unknown[] = [];
  if (typeof values === 'object' && values !== null) {
    const object = values as { _attr?: Record<string, unknown>; _cdata?: string };
    if (object._attr) attributes(object._attr, attrs);
    if (object._cdata) content.push(`<![CDATA[${object._cdata}`.replace(/\]\]>/g, ']]]]><![CDATA[>') + ']]>');
    if (Array.isArray(values)) {
      let text = false;
      content.push('');
      for (const child of values as unknown[]) {
        if (typeof child === 'object') {
          const childNode = child as XmlNode;
          if (Object.keys(childNode)[0] === '_attr') attributes(childNode._attr as Record<string, unknown>, attrs);
          else content.push(element(childNode));
        } else {
          content.pop();
          text = true;
          content.push(escapeXml(child));
        }
      }
      if (!text) content.push('');
    }
  } else if (typeof values !== 'object') {
    content.push(escapeXml(values));
  }
  let body = '';
  for (const piece of content) if (piece !== undefined) body += piece as string;
  if (name === undefined) return body;
  const open = `<${name}${attrs.length > 0 ? ` ${attrs.join(' ')}` : ''}`;
  return content.length > 0 ? `${open}>${body}</${name}>` : `${open}/>`;
}

/** The key of a node holding XML already serialised (see `RawXml`). */
const RAW_XML = '\u0000xml';

/** A body element whose XML was serialised before (a cached paragraph): written as it is. */
export class RawXml extends FileChild {
  constructor(private readonly xml: string) {
    super('w:p');
  }

  override prepForXml(): XmlNode {
    return { [RAW_XML]: this.xml };
  }
}

const paragraphXml = new Map<string, string>();
/** Distinct paragraphs kept: the stock clauses of every type fit, a long batch does not grow it. */
const PARAGRAPH_XML_LIMIT = 4000;

/**
 * The paragraph built by `build`, serialised once per key: the key must say everything the XML
 * depends on (its Markdown, alignment, keep-with-next). Only for paragraphs whose formatting needs
 * no document (no list numbering, image or hyperlink to register): `build` gets no file context.
 */
export function cachedParagraph(key: string, build: () => Paragraph): RawXml {
  let xml = paragraphXml.get(key);
  if (xml === undefined) {
    xml = element(compilerInternals().formatter.format(build() as unknown as Formattable, { stack: [] }));
    if (paragraphXml.size >= PARAGRAPH_XML_LIMIT) paragraphXml.clear();
    paragraphXml.set(key, xml);
  }
  return new RawXml(xml);
}

/** A part's XML: the declaration docx writes (standalone or not), then the root element. */
export function serializeXml(root: XmlNode, standalone: boolean): string {
  return `<?xml version="1.0" encoding="UTF-8"${standalone ? ' standalone="yes"' : ''}?>${element(root)}`;
}

/**
 * docx's `NextAttributeComponent` (the attributes of most run and paragraph properties) builds its
 * payload by spreading the accumulated object once per attribute: quadratic, through Babel helpers,
 * and the largest self time of a render after serialisation. Same keys, same order, same values,
 * built in one pass (a unit test compares both on generated payloads).
 */
export function attributePayload(root: Record<string, { key: string; value: unknown }>): { _attr: Record<string, unknown> } {
  return { _attr: Object.fromEntries(Object.values(root).filter(({ value }) => value !== undefined).map(({ key, value }) => [key, value])) };
}
(NextAttributeComponent.prototype as unknown as { prepForXml(this: { root: Parameters<typeof attributePayload>[0] }): unknown }).prepForXml =
  function prepForXml() {
    return attributePayload(this.root);
  };

/** A part of the package: its path in the zip, its content. */
export interface PackagePart {
  path: string;
  data: string | Uint8Array;
}

// docx's internals this module drives, as docx 9.7 names them.
interface Formattable {
  prepForXml(context: object): XmlNode | undefined;
}
interface Relationships extends Formattable {
  RelationshipCount: number;
  addRelationship(id: number | string, type: string, target: string): void;
}
interface Wrapper {
  View: Formattable;
  Relationships: Relationships;
}
interface MediaData {
  fileName: string;
  type: string;
  data: Uint8Array;
  fallback?: { fileName: string; data: Uint8Array };
}
interface FileInternals {
  Document: Wrapper;
  Comments: Formattable & { Relationships: Relationships };
  CommentsExtended?: Formattable;
  FootNotes: Wrapper;
  Endnotes: Wrapper;
  Headers: Wrapper[];
  Footers: Wrapper[];
  Styles: Formattable;
  CoreProperties: Formattable;
  Numbering: Formattable & { ConcreteNumbering: { reference: string; instance: number; numId: number }[] };
  FileRelationships: Formattable;
  ContentTypes: Formattable;
  CustomProperties: Formattable;
  AppProperties: Formattable;
  Settings: Formattable;
  FontTable: Wrapper & { fontOptionsWithKey: unknown[] };
  Media: { Array: MediaData[] };
}
interface CompilerInternals {
  formatter: { format(input: Formattable, context: object): XmlNode };
  imageReplacer: {
    getMediaData(xml: string, media: FileInternals['Media']): MediaData[];
    replace(xml: string, media: MediaData[], offset: number): string;
  };
}

const IMAGE_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const FONT_TABLE_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable';

function compilerInternals(): CompilerInternals {
  const compiler = (Packer as unknown as { compiler?: Partial<CompilerInternals> }).compiler;
  if (!compiler?.formatter || !compiler.imageReplacer) {
    // docx is pinned in package.json; this names the cause should an upgrade move its compiler.
    throw new Error('docx : compilateur interne introuvable (version de docx non prise en charge)');
  }
  return compiler as CompilerInternals;
}

/**
 * What docx's `NumberingReplacer` does — each `{reference-instance}` placeholder becomes the numId
 * of that numbering instance, the first instance of a key winning — in one pass over the part,
 * where docx runs one regular expression per instance over each part.
 */
function replaceNumberingIds(text: string, instances: readonly { reference: string; instance: number; numId: number }[]): string {
  if (instances.length === 0) return text;
  const ids = new Map<string, string>();
  for (const { reference, instance, numId } of instances) {
    const key = `${reference}-${instance}`;
    if (!ids.has(key)) ids.set(key, String(numId));
  }
  return text.replace(/\{([^{}]*)\}/g, (placeholder, key: string) => ids.get(key) ?? placeholder);
}

/**
 * The package's parts, as docx's `Compiler.xmlifyFile` builds them (same formatter calls, in the
 * same order, since formatting registers relationships and numbering instances as it goes).
 */
export function packageParts(document: Document): PackagePart[] {
  const file = document as unknown as FileInternals;
  const { formatter, imageReplacer } = compilerInternals();
  const xml = (input: Formattable, viewWrapper: object, standalone: boolean) =>
    serializeXml(formatter.format(input, { viewWrapper, file, stack: [] }), standalone);
  const numbering = (text: string) => replaceNumberingIds(text, file.Numbering.ConcreteNumbering);
  const addImages = (relationships: Relationships, media: MediaData[], first: number) =>
    media.forEach((image, i) => relationships.addRelationship(first + i, IMAGE_RELATIONSHIP, `media/${image.fileName}`));

  const documentFirstId = file.Document.Relationships.RelationshipCount + 1;
  const documentXml = xml(file.Document.View, file.Document, true);
  const commentsWrapper = { View: file.Comments, Relationships: file.Comments.Relationships };
  const commentFirstId = file.Comments.Relationships.RelationshipCount + 1;
  const commentXml = xml(file.Comments, commentsWrapper, true);
  const footnoteFirstId = file.FootNotes.Relationships.RelationshipCount + 1;
  const footnoteXml = xml(file.FootNotes.View, file.FootNotes, true);
  const documentMedia = imageReplacer.getMediaData(documentXml, file.Media);
  const commentMedia = imageReplacer.getMediaData(commentXml, file.Media);
  const footnoteMedia = imageReplacer.getMediaData(footnoteXml, file.Media);

  const parts: PackagePart[] = [];
  const add = (path: string, data: string) => parts.push({ path, data });

  addImages(file.Document.Relationships, documentMedia, documentFirstId);
  file.Document.Relationships.addRelationship(file.Document.Relationships.RelationshipCount + 1, FONT_TABLE_RELATIONSHIP, 'fontTable.xml');
  add('word/_rels/document.xml.rels', xml(file.Document.Relationships, file.Document, false));
  add('word/document.xml', numbering(imageReplacer.replace(documentXml, documentMedia, documentFirstId)));
  add('word/styles.xml', numbering(xml(file.Styles, file.Document, true)));
  add('docProps/core.xml', xml(file.CoreProperties, file.Document, true));
  add('word/numbering.xml', xml(file.Numbering, file.Document, true));
  add('_rels/.rels', xml(file.FileRelationships, file.Document, false));
  // Headers and footers: images first become relationships of the part, then are replaced in it.
  // (docx formats each of them twice; once is enough, the text is the same.)
  const headersAndFooters = (wrappers: Wrapper[], kind: 'header' | 'footer') => {
    const views = wrappers.map((wrapper) => {
      const text = xml(wrapper.View, wrapper, false);
      return { wrapper, text, media: imageReplacer.getMediaData(text, file.Media) };
    });
    views.forEach(({ wrapper, media }, index) => {
      addImages(wrapper.Relationships, media, 0);
      add(`word/_rels/${kind}${index + 1}.xml.rels`, xml(wrapper.Relationships, wrapper, false));
    });
    views.forEach(({ text, media }, index) => add(`word/${kind}${index + 1}.xml`, numbering(imageReplacer.replace(text, media, 0))));
  };
  headersAndFooters(file.Headers, 'header');
  headersAndFooters(file.Footers, 'footer');
  add('[Content_Types].xml', xml(file.ContentTypes, file.Document, false));
  add('docProps/custom.xml', xml(file.CustomProperties, file.Document, true));
  add('docProps/app.xml', xml(file.AppProperties, file.Document, true));
  add('word/footnotes.xml', numbering(imageReplacer.replace(footnoteXml, footnoteMedia, footnoteFirstId)));
  addImages(file.FootNotes.Relationships, footnoteMedia, footnoteFirstId);
  add('word/_rels/footnotes.xml.rels', xml(file.FootNotes.Relationships, file.FootNotes, false));
  add('word/endnotes.xml', xml(file.Endnotes.View, file.Endnotes, false));
  add('word/_rels/endnotes.xml.rels', xml(file.Endnotes.Relationships, file.Endnotes, false));
  add('word/settings.xml', xml(file.Settings, file.Document, true));
  add('word/comments.xml', numbering(imageReplacer.replace(commentXml, commentMedia, commentFirstId)));
  addImages(file.Comments.Relationships, commentMedia, commentFirstId);
  add('word/_rels/comments.xml.rels', xml(file.Comments.Relationships, commentsWrapper, false));
  if (file.CommentsExtended) {
    add('word/commentsExtended.xml', xml(file.CommentsExtended, { View: file.CommentsExtended, Relationships: file.Comments.Relationships }, true));
  }
  add('word/fontTable.xml', xml(file.FontTable.View, file.Document, true));
  add('word/_rels/fontTable.xml.rels', xml(file.FontTable.Relationships, file.Document, false));
  if (file.FontTable.fontOptionsWithKey.length > 0) throw new Error('docx : polices incorporées non prises en charge');
  for (const media of file.Media.Array) {
    parts.push({ path: `word/media/${media.fileName}`, data: media.data });
    if (media.type === 'svg' && media.fallback) parts.push({ path: `word/media/${media.fallback.fileName}`, data: media.fallback.data });
  }
  return parts;
}

/**
 * A zip entry compressed by Node's native zlib (synchronously: a part is a few kilobytes, and the
 * asynchronous API's per-call overhead cost more than the compression). fflate documents this
 * extension point: a `ZipPassThrough` whose `process` does the compression.
 */
class NativeDeflate extends ZipPassThrough {
  constructor(
    name: string,
    private readonly deflated: Uint8Array<ArrayBuffer>,
  ) {
    super(name);
    this.compression = 8;
  }

  override process(_chunk: Uint8Array, final: boolean): void {
    this.ondata(null, this.deflated, final);
  }
}

/**
 * Compressed parts by content. Most parts (styles, numbering, settings, the empty comment and note
 * parts, footers) are the same in every document of a batch: compressed once, at the highest level.
 * The parts proper to each document (the text above all, 40 to 60 kB of XML) are compressed at
 * level 3: twice as fast as the default level 6 for some 10 % more bytes on that part. They are
 * never kept, and the cache is bounded, so that a batch of ten thousand documents does not grow it.
 */
const deflatedParts = new Map<string, { bytes: Uint8Array; deflated: Uint8Array }>();
const DEFLATED_PARTS_LIMIT = 64;
const DOCUMENT_PARTS = new Set(['word/document.xml', 'docProps/core.xml', 'docProps/custom.xml']);

function compressed(part: PackagePart): { bytes: Uint8Array; deflated: Uint8Array } {
  const { data } = part;
  const compress = (bytes: Uint8Array, level: number) => ({ bytes, deflated: deflateRawSync(bytes, { level }) });
  if (typeof data !== 'string') return compress(data, 6);
  if (DOCUMENT_PARTS.has(part.path)) return compress(Buffer.from(data, 'utf8'), 3);
  let entry = deflatedParts.get(data);
  if (!entry) {
    entry = compress(Buffer.from(data, 'utf8'), 9);
    if (deflatedParts.size >= DEFLATED_PARTS_LIMIT) deflatedParts.clear();
    deflatedParts.set(data, entry);
  }
  return entry;
}

/**
 * The zip of the parts, in name order, every entry dated `mtime` (a local noon: DOS times carry no
 * time zone, so the same noon gives the same bytes everywhere).
 */
export function zipParts(parts: readonly PackagePart[], mtime: Date): Buffer {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure ??= error;
    else chunk && chunks.push(chunk);
  });
  for (const part of [...parts].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const { bytes, deflated } = compressed(part);
    const entry = new NativeDeflate(part.path, deflated as Uint8Array<ArrayBuffer>);
    entry.mtime = mtime;
    // Regular file, rw-r--r--, as Unix attributes (the upper half of the external attributes).
    entry.os = 3;
    entry.attrs = 0o100644 << 16;
    zip.add(entry);
    // `push` takes the uncompressed part (its size and CRC go in the zip), `process` emits the
    // compressed bytes.
    entry.push(bytes, true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}
