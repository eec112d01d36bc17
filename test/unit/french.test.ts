import { dateInWords, numberInWords, possessive, withA, withArticle, withDe, yearsInWords, fullName } from '../../src/core/french.js';

describe('French drafting rules', () => {
  test.each([
    ['CPAM', true, 'la CPAM', 'de la CPAM', 'à la CPAM'],
    ['CCAS', false, 'le CCAS', 'du CCAS', 'au CCAS'],
    ['URSSAF', true, "l'URSSAF", "de l'URSSAF", "à l'URSSAF"],
    ['Union', true, "l'Union", "de l'Union", "à l'Union"],
  ])('%s (féminin: %s)', (word, feminine, le, de, a) => {
    expect(withArticle(word, feminine)).toBe(le);
    expect(withDe(word, feminine)).toBe(de);
    expect(withA(word, feminine)).toBe(a);
  });

  test('possessive agrees with the function and elides before a vowel', () => {
    expect(possessive('Directrice', true)).toBe('sa Directrice');
    expect(possessive('Directeur', false)).toBe('son Directeur');
    expect(possessive('Administratrice', true)).toBe('son Administratrice');
  });

  test('dates are written in French words, "1er" for the first day', () => {
    expect(dateInWords('2024-11-14')).toBe('14 novembre 2024');
    expect(dateInWords('2024-12-01')).toBe('1er décembre 2024');
    expect(dateInWords('2022-08-05')).toBe('5 août 2022');
  });

  test('numbers up to ten in letters, durations, names', () => {
    expect(numberInWords(3)).toBe('trois');
    expect(numberInWords(12)).toBe('12');
    expect(yearsInWords(1)).toBe('un an');
    expect(yearsInWords(3)).toBe('trois ans');
    expect(fullName('Ingrid', 'Cerda')).toBe('Ingrid CERDA');
  });
});
