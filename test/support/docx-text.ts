import JSZip from 'jszip';
import mammoth from 'mammoth';

/** Text of a DOCX as an independent reader (mammoth) sees it. */
export async function extractText(bytes: Buffer): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: bytes });
  return value.replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

/** One XML part of a DOCX, for structural checks. */
export async function readPart(bytes: Buffer, part: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(part);
  if (!file) throw new Error(`partie absente : ${part}`);
  return file.async('string');
}
