/**
 * The parties' logos: part of stage 1 (load), the only other place that reads the disk for a
 * convention. A YAML may come from someone else, and its logos end up in a document sent out, so a
 * logo is read only from the YAML's folder (or a subfolder), only from a regular file, never past
 * its size limit, and is embedded only once decoded whole by an image library.
 */
import type { LoadedConvention } from './load.js';
import type { Problem } from './problem.js';
import { readConfinedFile } from './confined-file.js';
import { megabytes } from './regular-file.js';

export interface Logo {
  role: string;
  bytes: Buffer;
  type: 'png' | 'jpg';
  width: number;
  height: number;
}

/** Logos are small images; a larger file is surely not the logo meant. */
export const MAX_LOGO_BYTES = 1024 * 1024;
/**
 * A logo is shown at most 200 × 64 pixels (src/core/docx.ts): a picture past these is surely not
 * the logo meant, and decoding it would cost tens of megabytes.
 */
export const MAX_LOGO_SIDE = 4096;
export const MAX_LOGO_PIXELS = 4 * 1024 * 1024;
/**
 * Past this ratio between its sides, a logo fitted into the header's 200 × 64 box would shrink to a
 * line a few pixels thick, or to nothing once rounded (a 1000 × 2 image comes out 0 pixels high).
 */
export const MAX_LOGO_RATIO = 10;
/**
 * What an embedded ICC profile may inflate to. Profiles weigh a few kilobytes to a few hundred;
 * the bound only stops a compressed stream made to inflate without end.
 */
const MAX_ICC_PROFILE_BYTES = 4 * 1024 * 1024;

type LogoCheck = { ok: true; logo: Omit<Logo, 'role'> } | { ok: false; code: string; message: string };

/**
 * Reads the logos the parties name (paths relative to the YAML file), checking each: inside the
 * YAML's folder, a regular file, at most 1 MB, a PNG or JPEG image decoded whole with sane
 * dimensions. Any failure is a problem of the convention (exit 1) placed at the `logo` value.
 */
export async function loadLogos(loaded: LoadedConvention): Promise<{ logos: Logo[]; problems: Problem[] }> {
  const parties = (loaded.data.parties as { role: string; logo?: string }[] | undefined) ?? [];
  // Most conventions have no logo: validating them loads neither the image libraries nor the positions.
  if (!parties.some((party) => party.logo)) return { logos: [], problems: [] };
  const { place } = await import('./positions.js');
  const logos: Logo[] = [];
  const problems: Problem[] = [];
  for (const [index, party] of parties.entries()) {
    if (!party.logo) continue;
    const checked = await readLogo(loaded.file, party.logo);
    if (checked.ok) logos.push({ role: party.role, ...checked.logo });
    else problems.push(place(loaded, { code: checked.code, severity: 'error', path: `/parties/${index}/logo`, message: checked.message }));
  }
  return { logos, problems };
}

async function readLogo(yamlFile: string, logo: string): Promise<LogoCheck> {
  const read = await readConfined(yamlFile, logo);
  return read.ok ? decodeLogo(read.bytes, logo) : read;
}

/** The logo's bytes, read only from a regular file inside the YAML's folder, at most MAX_LOGO_BYTES. */
async function readConfined(yamlFile: string, logo: string): Promise<{ ok: true; bytes: Buffer } | { ok: false; code: string; message: string }> {
  const read = await readConfinedFile(yamlFile, logo, MAX_LOGO_BYTES);
  if (read.ok) return read;
  switch (read.why) {
    case 'introuvable':
      return { ok: false, code: 'logo-introuvable', message: `Logo introuvable : ${logo} (le chemin part du dossier du fichier YAML).` };
    case 'hors-dossier':
      return {
        ok: false,
        code: 'logo-hors-dossier',
        message:
          `Logo refusé : ${logo} mène hors du dossier du fichier YAML. Un logo doit se trouver dans ce dossier ou ` +
          `l'un de ses sous-dossiers (un lien symbolique compte pour le fichier qu'il désigne) : une convention ` +
          `reçue ne peut pas faire entrer dans un document un fichier pris ailleurs sur le disque.`,
      };
    case 'illisible':
      return { ok: false, code: 'logo-illisible', message: `Le logo ${logo} ne peut pas être lu : ${read.reason}.` };
    case 'trop-lourd':
      return {
        ok: false,
        code: 'logo-trop-lourd',
        message: `Le logo ${logo} pèse plus de 1 Mo${read.atLeast ? '' : ` (${megabytes(read.size, 2)} Mo)`} : réduisez l'image.`,
      };
  }
}

/**
 * Checks that the bytes are a PNG or JPEG image of sane dimensions, decoded whole: a truncated file
 * or a header on something else would give a broken picture in the document.
 */
async function decodeLogo(bytes: Buffer, logo: string): Promise<LogoCheck> {
  // The image libraries load only for a convention that has logos.
  const { imageSize } = await import('image-size');
  let header: { width?: number; height?: number; type?: string };
  try {
    header = imageSize(bytes);
  } catch {
    header = {};
  }
  const type = header.type === 'png' ? 'png' : header.type === 'jpg' ? 'jpg' : undefined;
  if (!type || header.width === undefined || header.height === undefined) {
    return { ok: false, code: 'logo-format', message: `Le fichier ${logo} n'est pas une image PNG ou JPEG lisible.` };
  }
  const { width, height } = header;
  const badSize = (reason: string) => ({ ok: false as const, code: 'logo-dimensions', message: `Le logo ${logo} mesure ${width} × ${height} pixels : ${reason}.` });
  if (width < 1 || height < 1) return badSize('une image a au moins un pixel de large et de haut');
  if (width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE || width * height > MAX_LOGO_PIXELS) {
    return badSize(`au plus ${MAX_LOGO_SIDE} pixels de côté et ${MAX_LOGO_PIXELS / 1048576} mégapixels en tout (il est affiché en 200 × 64 pixels au plus) ; réduisez l'image`);
  }
  if (width > MAX_LOGO_RATIO * height || height > MAX_LOGO_RATIO * width) {
    return badSize(`un logo est au plus ${MAX_LOGO_RATIO} fois plus large que haut, ou plus haut que large, sans quoi il se réduirait à un trait dans l'en-tête`);
  }
  const damaged = {
    ok: false as const,
    code: 'logo-endommage',
    message: `Le logo ${logo} n'est pas une image ${type === 'png' ? 'PNG' : 'JPEG'} complète et lisible (fichier tronqué ou endommagé ?) : enregistrez-le de nouveau depuis un logiciel d'image.`,
  };
  let decoded: { width: number; height: number };
  try {
    if (type === 'png') {
      const streams = await pngStreams(bytes, width, height);
      if (streams === 'oversized') {
        return {
          ok: false,
          code: 'logo-endommage',
          message: `Le logo ${logo} contient bien plus de données compressées que ses ${width} × ${height} pixels n'en demandent (fichier endommagé ou piégé) : enregistrez-le de nouveau depuis un logiciel d'image.`,
        };
      }
      if (streams === 'corrupt') return damaged;
      const { decode } = await import('fast-png');
      decoded = decode(bytes, { checkCrc: true });
    } else {
      const { default: jpeg } = await import('jpeg-js');
      // Not tolerant: a missing or broken part is an error, not grey blocks in the picture. The
      // memory bound lets through the largest logo accepted (a 4096 × 1024 colour JPEG takes 77 MB,
      // a four-component one more) and nothing far past it.
      decoded = jpeg.decode(bytes, { useTArray: true, tolerantDecoding: false, maxResolutionInMP: MAX_LOGO_PIXELS / 1e6, maxMemoryUsageInMB: 192 });
    }
  } catch {
    return damaged;
  }
  // The header read first and the decoded image must agree: the size goes into the document.
  if (decoded.width !== width || decoded.height !== height) return damaged;
  return { ok: true, logo: { bytes, type, width, height } };
}

/**
 * Whether a PNG's compressed streams inflate within what its size allows, checked before fast-png
 * decodes it: fast-png inflates the image data and the ICC profile whole, without a bound, and one
 * megabyte of deflated zeros is a gigabyte (29 s and 2.5 GB measured for a 16 × 16 image). Only the
 * chunk framing (length, type) is read here; decoding is left to fast-png, which checks the rest
 * (checksums, filters, that every row is there). A frame cut short ends the walk: fast-png refuses it.
 */
async function pngStreams(bytes: Buffer, width: number, height: number): Promise<'bounded' | 'oversized' | 'corrupt'> {
  const { inflateSync } = await import('node:zlib');
  // The most image data a width × height PNG can hold: 8 bytes a pixel (16-bit RGBA) plus a filter
  // byte and a partial byte per row, rows counted for the 7 passes of an interlaced image.
  const maxImageData = 8 * width * height + 4 * height + 64;
  const imageData: Buffer[] = [];
  const profiles: Buffer[] = [];
  for (let offset = 8; offset + 12 <= bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 8 + length;
    if (end + 4 > bytes.length) break;
    const data = bytes.subarray(offset + 8, end);
    if (type === 'IDAT') imageData.push(data);
    // iCCP: a profile name ended by a zero byte, the compression method, then the zlib stream.
    else if (type === 'iCCP' && data.indexOf(0) >= 0) profiles.push(data.subarray(data.indexOf(0) + 2));
    else if (type === 'IEND') break;
    offset = end + 4;
  }
  try {
    inflateSync(Buffer.concat(imageData), { maxOutputLength: maxImageData });
    for (const profile of profiles) inflateSync(profile, { maxOutputLength: MAX_ICC_PROFILE_BYTES });
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'oversized' : 'corrupt';
  }
  return 'bounded';
}
