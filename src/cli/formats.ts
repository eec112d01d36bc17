/**
 * The formats of `validate --format`, in a module of their own: the command line lists them for
 * its help and completion without loading the printing code (src/cli/report.ts).
 */
export const FORMATS = ['text', 'json', 'github', 'sarif', 'junit', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];
