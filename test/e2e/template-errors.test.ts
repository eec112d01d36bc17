/**
 * A template overlay's mistakes are reported in French, naming the template that holds the
 * mistake — the included partial, not the document that includes it — with its line: exit 2,
 * nothing written, never Handlebars' English text nor an "erreur interne".
 */
import { readdirSync } from 'node:fs';
import { renderWithOverlay } from '../support/overlay.js';

describe('template errors (real bin)', () => {
  test.each<[string, string, RegExp]>([
    ['a field the model does not have', 'Texte.\n\n{{champInconnu}}\n', /gabarit « common\/parties », ligne 3, colonne 3 : « champInconnu » n'existe ni dans le modèle ni parmi les fonctions des gabarits/],
    ['a field of a field the model does not have', 'Texte.\n{{#each parties}}\n{{this.inconnue.nom}}\n{{/each}}\n', /gabarit « common\/parties », ligne 3, colonne \d+ : « nom » n'existe ni dans le modèle/],
    ['an unknown helper', 'Texte.\n{{aideInconnue titre}}\n', /gabarit « common\/parties », ligne 2, colonne 3 : « aideInconnue » n'existe ni dans le modèle ni parmi les fonctions des gabarits/],
    ['a partial that does not exist', 'Texte.\n{{> common/absent}}\n', /gabarit « common\/parties » : gabarit « common\/absent » introuvable/],
    ['a block left open', 'Texte.\n{{#if titre}}\nsuite\n', /gabarit « common\/parties » : syntaxe Handlebars invalide, ligne \d+/],
  ])('a partial with %s: named, in French, with its line (exit 2), nothing written', (_name, text, message) => {
    const { run, folder } = renderWithOverlay({ 'common/parties': text });
    expect(run.stdout).not.toContain('erreur interne');
    expect(run.status).toBe(2);
    // A file's failure is part of the report, on stdout (README, « Sorties »).
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('erreur de gabarit');
    expect(run.stdout).toMatch(message);
    expect(run.stdout).not.toMatch(/not defined|Missing helper|could not be found|Parse error|Expecting/);
    expect(readdirSync(folder)).toEqual(['marolles.yaml']);
  });
});
