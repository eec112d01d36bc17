// The licences of the third-party packages a build step bundled (scripts/bundle.mjs for the CLI,
// scripts/build-web.mjs for the browser app of `convention serve`), written beside the bundle.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Each bundled package's name, version, licence and licence text: the notices MIT, ISC, BSD and
 * Apache licences ask to keep with copies of the code, which the minified bundle (legalComments:
 * 'none') no longer carries. Packages are found from the inputs esbuild read (its metafiles);
 * `where` names the bundle in the file's first line.
 */
export function thirdPartyLicences(root, where, ...metafiles) {
  const packageDirs = new Set();
  for (const { inputs } of metafiles) {
    for (const input of Object.keys(inputs)) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.split('\\').join('/'));
      if (match) packageDirs.add(match[1]);
    }
  }
  const entries = [...packageDirs]
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      const licenceFile = readdirSync(join(root, dir)).find((file) => /^(licen[cs]e|copying)(\b|[.-])/i.test(file));
      return { name: manifest.name, version: manifest.version, licence: manifest.license ?? 'voir le paquet', text: licenceFile ? readFileSync(join(root, dir, licenceFile), 'utf8').trim() : undefined };
    })
    .filter((entry, index, all) => all.findIndex((other) => other.name === entry.name && other.version === entry.version) === index)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header = `Paquets tiers regroupés dans ${where}, avec leur licence.\n`;
  return [header, ...entries.map((e) => `${'='.repeat(72)}\n${e.name} ${e.version} (${e.licence})\n${e.text ? `\n${e.text}\n` : ''}`)].join('\n');
}
