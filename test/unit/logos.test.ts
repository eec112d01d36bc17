/**
 * The largest logos accepted are decoded within the libraries' own limits: the bounds on size
 * (src/core/logos.ts) and the decoders' memory bounds must agree, or a logo within the rules would
 * be called damaged. The two images (test/fixtures/valid/logos/plus-grand.*) are at the bounds:
 * a 4096 × 1024 colour JPEG, a 2048 × 2048 PNG in 16-bit RGBA (the most bytes a pixel can take).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile } from '../../src/core/pipeline.js';
import { MAX_LOGO_PIXELS, MAX_LOGO_SIDE } from '../../src/core/logos.js';
import { FIXTURES, temporaryFolder } from '../support/paths.js';

test('logos at the largest size accepted are read and decoded whole', async () => {
  const folder = temporaryFolder();
  mkdirSync(join(folder, 'logos'));
  for (const name of ['plus-grand.png', 'plus-grand.jpg']) copyFileSync(join(FIXTURES, 'valid', 'logos', name), join(folder, 'logos', name));
  const file = join(folder, 'convention.yaml');
  const convention = readFileSync(join(FIXTURES, 'valid', 'locale-ccas-logos.yaml'), 'utf8');
  writeFileSync(file, convention.replace('logos/cpam.png', 'logos/plus-grand.png').replace('logos/ccas.jpg', 'logos/plus-grand.jpg'));
  const { problems, logos } = await checkFile(file, { today: '2025-06-30' });
  expect(problems).toEqual([]);
  expect(logos?.map((logo) => [logo.type, logo.width, logo.height])).toEqual([
    ['png', Math.sqrt(MAX_LOGO_PIXELS), Math.sqrt(MAX_LOGO_PIXELS)],
    ['jpg', MAX_LOGO_SIDE, MAX_LOGO_PIXELS / MAX_LOGO_SIDE],
  ]);
});
