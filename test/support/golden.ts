/**
 * Golden files: expected outputs kept in git and compared byte for byte. They are written only on
 * request (`UPDATE_GOLDEN=1 npm test`, on a developer's machine, the diff then reviewed), never by a
 * run that merely finds one missing: a golden written by the run that checks it checks nothing, and a
 * case whose golden was forgotten would pass unseen. Under CI nothing is ever written, even on request.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { inCi } from './ci.js';
import { ROOT } from './paths.js';

/** `UPDATE_GOLDEN=1`: rewrite the golden files instead of comparing with them. */
export function updatingGoldens(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.UPDATE_GOLDEN === '1';
}

const HOW_TO_UPDATE = 'lancez `UPDATE_GOLDEN=1 npm test` sur votre poste, relisez le diff et committez le fichier';

/** What `expectGolden` does for one golden file: the decision alone, testable without touching the disk. */
export type GoldenAction = { kind: 'compare'; expected: string } | { kind: 'write' } | { kind: 'fail'; message: string };

export function goldenAction(file: string, expected: string | undefined, env: NodeJS.ProcessEnv = process.env): GoldenAction {
  const name = relative(ROOT, file);
  if (updatingGoldens(env)) {
    if (inCi(env)) {
      return {
        kind: 'fail',
        message: `UPDATE_GOLDEN=1 refusé en intégration continue (CI=${env.CI}) : aucun fichier de référence n'y est écrit ; ${HOW_TO_UPDATE}.`,
      };
    }
    return { kind: 'write' };
  }
  if (expected === undefined) return { kind: 'fail', message: `Fichier de référence absent : ${name} ; ${HOW_TO_UPDATE}.` };
  return { kind: 'compare', expected };
}

/**
 * Compares `actual` with the golden file `file`, or rewrites it under `UPDATE_GOLDEN=1`. A missing
 * golden fails everywhere (with the command that creates it); `UPDATE_GOLDEN=1` under CI fails too.
 * The file's name heads both sides, so that a failure says which golden differs.
 */
export function expectGolden(file: string, actual: string, env: NodeJS.ProcessEnv = process.env): void {
  const action = goldenAction(file, existsSync(file) ? readFileSync(file, 'utf8') : undefined, env);
  if (action.kind === 'fail') throw new Error(action.message);
  if (action.kind === 'write') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  const name = relative(ROOT, file);
  expect(`${name}\n${actual}`).toBe(`${name}\n${action.expected}`);
}
