/**
 * Running under continuous integration, as CI services and tools (ci-info, Jest's `--ci`) take it:
 * `CI` set to anything but an empty string or `false`.
 */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value.toLowerCase() !== 'false';
}
