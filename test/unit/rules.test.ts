import { checkCopies, checkNoticeShorterThanDuration, checkPlaceholders, checkSignatureDate, luhnValid, siretValid } from '../../src/core/rules.js';

const today = { today: '2025-06-30' };

describe('shared domain rules', () => {
  test('SIRET: Luhn on SIREN and SIRET, La Poste exception', () => {
    expect(siretValid('264 210 295 000 20')).toBe(true);
    expect(siretValid('26421029500021')).toBe(false);
    expect(siretValid('35600000000047')).toBe(true); // La Poste: digits sum to a multiple of 5
    expect(luhnValid('732829320')).toBe(true);
  });

  test.each([
    ['xxx', true],
    ['XXXX', true],
    ['Directeur(e)', true],
    ['son/a Directeur', true],
    ['Monsieur / Madame', true],
    ['….', true],
    ['[à compléter]', true],
    ['Moyens à définir en fonction de l’action locale', true],
    ['(actions à décrire)', true],
    ['À DÉFINIR', true],
    ['A DEFINIR', true],
    ['une action à définir ensemble', true],
    ['les modalités définies à l’article 4', false],
    ['Ingrid', false],
    ['Directrice (par intérim)', false],
    ['Mme Xavière XIXI', false],
  ])('placeholder %j → %s', (text, flagged) => {
    expect(checkPlaceholders({ parties: [{ nom: text }] }, today).length > 0).toBe(flagged);
  });

  test('signature date: not after today unless planned', () => {
    expect(checkSignatureDate({ signature: { date: '2025-06-30' } }, today)).toEqual([]);
    expect(checkSignatureDate({ signature: { date: '2025-07-01' } }, today)[0]!.code).toBe('date-signature-future');
    expect(checkSignatureDate({ signature: { date: '2025-07-01', prevue: true } }, today)).toEqual([]);
  });

  test('notice shorter than duration; copies equal to signatories', () => {
    expect(checkNoticeShorterThanDuration({ duree: { annees: 1, preavis_mois: 3 } }, today)).toEqual([]);
    expect(checkNoticeShorterThanDuration({ duree: { annees: 1, preavis_mois: 12 } }, today)[0]!.code).toBe('preavis-trop-long');
    expect(checkCopies({ parties: [{}, {}, {}], signature: { exemplaires: 3 } }, today)).toEqual([]);
    expect(checkCopies({ parties: [{}, {}], signature: { exemplaires: 3 } }, today)[0]!.code).toBe('exemplaires-signataires');
  });
});
