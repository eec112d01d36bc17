/** Jest runs the TypeScript tests as ES modules through ts-jest (see the `test` script's flag). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 120000,
  // Several tests spawn the real bin and LibreOffice: two workers match the two cores.
  maxWorkers: 2,
};
