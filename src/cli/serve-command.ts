/**
 * `convention serve [DOSSIER] [--port N] [--host H]`: the conventions of a folder as forms in the
 * browser (src/server). Prints one line on stdout, the address to open, with the session's token in
 * its fragment (never sent in a request line, so never in a log); stays up until Ctrl-C (exit 130)
 * or SIGTERM (exit 0). The server is loaded only by this command.
 */
import { randomBytes } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ExitCode, UserError } from '../core/errors.js';
import { displayPath } from './inputs.js';

export interface ServeCommandOptions {
  port?: string;
  host?: string;
}

export const DEFAULT_PORT = 8410;
const LOOPBACK = '127.0.0.1';
/** The shell's code for a command stopped by Ctrl-C (128 + SIGINT). */
const INTERRUPTED = 130 as ExitCode;

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UserError(`valeur « ${value} » invalide pour --port : un numéro de port de 0 à 65535 (0 : un port libre, choisi par le système).`, 'option-invalide');
  }
  return Number(value);
}

/** `http://127.0.0.1:8410/`, `http://[::1]:8410/`. */
function origin(host: string, port: number): string {
  const shown = host === '0.0.0.0' ? LOOPBACK : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}/`;
}

export async function serveCommand(folder: string | undefined, options: ServeCommandOptions): Promise<ExitCode> {
  const given = folder ?? '.';
  const port = parsePort(options.port);
  const host = options.host ?? LOOPBACK;
  const info = await stat(given).catch(() => undefined);
  if (!info) throw new UserError(`${given} : dossier introuvable.`, 'entree-introuvable');
  if (!info.isDirectory()) throw new UserError(`${given} : ce n'est pas un dossier ; « convention serve » sert les conventions d'un dossier.`, 'entree-introuvable');
  const root = await realpath(given);
  // Test-only: a fixed token (see README). Otherwise 32 random bytes.
  const token = process.env.CONVENTION_SERVE_TOKEN || randomBytes(32).toString('base64url');
  const { createConventionServer } = await import('../server/server.js');
  // The folder as the user named it, or its own name for the current folder (« . » says little in a page title).
  const shown = displayPath(given) === '.' ? basename(root) || root : displayPath(given);
  const { server, setPort } = createConventionServer({ served: { root, shown }, token, host });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new UserError(`le port ${port} est déjà pris par un autre programme ; choisissez-en un autre (--port ${port + 1}) ou laissez le système choisir (--port 0).`, 'port-occupe'));
      } else if (error.code === 'EACCES') {
        reject(new UserError(`le port ${port} est réservé (ports inférieurs à 1024) ; choisissez-en un autre (--port ${DEFAULT_PORT}).`, 'port-occupe'));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new UserError(`l'adresse « ${host} » n'est pas une adresse de cette machine ; --host attend une adresse locale (127.0.0.1 par défaut).`, 'option-invalide'));
      } else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  setPort(actualPort);
  // The signals are handled before the address is printed: whoever reads it may stop the server at once.
  const stopped = new Promise<ExitCode>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve(signal === 'SIGINT' ? INTERRUPTED : ExitCode.Success));
      server.closeAllConnections();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  if (host !== LOOPBACK && host !== 'localhost' && host !== '::1') {
    console.error(
      `convention serve : attention, le serveur écoute sur ${host} : d'autres machines du réseau peuvent l'atteindre. Le jeton protège l'accès, mais le trafic n'est pas chiffré (HTTP).`,
    );
  }
  console.error(`convention serve : conventions de « ${shown} », à ouvrir dans le navigateur à l'adresse ci-dessous ; Ctrl-C pour arrêter.`);
  console.log(`${origin(host, actualPort)}#jeton=${token}`);
  const code = await stopped;
  console.error('convention serve : serveur arrêté.');
  return code;
}
