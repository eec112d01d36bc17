import { spawnSync } from 'node:child_process';
import { BIN, ROOT } from './paths.js';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real bin (or that of a copy of the package), as a user would, without colours. */
export function runCli(args: string[], cwd: string = ROOT, env: Record<string, string> = {}, bin: string = BIN): CliRun {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    timeout: 60000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
