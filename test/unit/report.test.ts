import { formatProblem } from '../../src/cli/report.js';
import type { Problem } from '../../src/core/problem.js';

const problem = (line: number, column: number): Problem => ({
  code: 'valeur-inconnue',
  severity: 'error',
  message: 'Valeur « \u001b[2J » non admise.',
  path: '/modele',
  file: 'a\u0007.yaml',
  line,
  column,
});

describe('report (text format)', () => {
  test('control characters are shown, and the caret still points at the column', () => {
    const source = 'type: locale-ccas\nmodele: "\u001b]0;x\u0007" # \u001b[31m\nfin: 1\n';
    const text = formatProblem(problem(2, 9), source);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(text).toContain('a\\u{7}.yaml:2:9  erreur  valeur-inconnue  Valeur « \\u{1b}[2J » non admise.');
    const lines = text.split('\n');
    const shown = lines.findIndex((l) => l.startsWith('  > 2 | '));
    expect(lines[shown]).toBe('  > 2 | modele: "\\u{1b}]0;x\\u{7}" # \\u{1b}[31m');
    expect(lines[shown - 1]).toBe('    1 | type: locale-ccas');
    expect(lines[shown + 2]).toBe('    3 | fin: 1');
    // The caret under the opening quote, column 9.
    expect(lines[shown + 1]!.indexOf('^') - lines[shown]!.indexOf('modele')).toBe(8);
  });

  test('a very long line is shown around the column only', () => {
    const long = 'x'.repeat(100_000);
    const source = `a: 1\nb: ${long}\n`;
    const text = formatProblem(problem(2, 50_000), source);
    expect(text.length).toBeLessThan(1_000);
    const lines = text.split('\n');
    const shown = lines.find((l) => l.startsWith('  > 2 | '))!;
    const caret = lines[lines.indexOf(shown) + 1]!;
    expect(shown).toMatch(/^ {2}> 2 \| …x+…$/);
    expect(caret.indexOf('^')).toBeGreaterThan(shown.indexOf('…'));
    expect(caret.indexOf('^')).toBeLessThan(shown.lastIndexOf('…'));
  });
});
