/** A DOCX's outline as its XML says it, for comparison with what other readers (pandoc, a PDF's bookmarks) see. */
import { readPart } from './docx-text.js';

export interface Heading {
  level: number;
  text: string;
}

export const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The headings of a DOCX as its XML says: paragraphs in a style with an outline level, that level + 1. */
export async function docxHeadings(bytes: Buffer): Promise<Heading[]> {
  const styles = await readPart(bytes, 'word/styles.xml');
  const levels = new Map<string, number>();
  for (const [, id, body] of styles.matchAll(/<w:style w:type="paragraph" w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g)) {
    const level = /<w:outlineLvl w:val="(\d)"\/>/.exec(body!)?.[1];
    if (level !== undefined) levels.set(id!, Number(level) + 1);
  }
  const body = await readPart(bytes, 'word/document.xml');
  const headings: Heading[] = [];
  for (const [paragraph] of body.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)) {
    const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(paragraph)?.[1];
    const level = style === undefined ? undefined : levels.get(style);
    if (level === undefined) continue;
    const text = [...paragraph.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    headings.push({ level, text: normalise(text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')) });
  }
  return headings;
}

