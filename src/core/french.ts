/**
 * French drafting rules in one place: articles and elision, gender agreement, names, dates and
 * numbers in words. Pure functions on plain strings.
 */
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { fr } from 'date-fns/locale/fr';

const VOWEL_START = /^[aeiouyàâäéèêëîïôöùûüœæ]/i;

/** "la", "le" or "l'" before a word, by gender and elision. */
export function definiteArticle(word: string, feminine: boolean): string {
  if (VOWEL_START.test(word)) return "l'";
  return feminine ? 'la' : 'le';
}

/** "la CPAM", "le CCAS", "l'URSSAF"; a name used without article ("France Travail") stays bare. */
export function withArticle(word: string, feminine: boolean, noArticle = false): string {
  if (noArticle) return word;
  const article = definiteArticle(word, feminine);
  return article === "l'" ? article + word : `${article} ${word}`;
}

/** "une ou des Missions Locales", "un ou des CCAS": the indefinite article agrees with the noun. */
export function oneOrMore(plural: string, feminine: boolean): string {
  return `${feminine ? 'une' : 'un'} ou des ${plural}`;
}

/** "de la CPAM", "du CCAS", "de l'URSSAF", "de France Travail". */
export function withDe(word: string, feminine: boolean, noArticle = false): string {
  if (noArticle) return VOWEL_START.test(word) ? `d'${word}` : `de ${word}`;
  const article = definiteArticle(word, feminine);
  if (article === 'le') return `du ${word}`;
  return article === "l'" ? `de l'${word}` : `de la ${word}`;
}

/** "à la CPAM", "au CCAS", "à l'URSSAF", "à France Travail". */
export function withA(word: string, feminine: boolean, noArticle = false): string {
  if (noArticle) return `à ${word}`;
  const article = definiteArticle(word, feminine);
  if (article === 'le') return `au ${word}`;
  return article === "l'" ? `à l'${word}` : `à la ${word}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr-FR') + text.slice(1);
}

/** "sa Directrice", "son Directeur", "son Administratrice" (possessive before a vowel is "son"). */
export function possessive(noun: string, feminine: boolean): string {
  return `${feminine && !VOWEL_START.test(noun) ? 'sa' : 'son'} ${noun}`;
}

/** "Ingrid CERDA": first name as written, surname in capitals (the French convention in deeds). */
export function fullName(firstName: string, lastName: string): string {
  return `${firstName.trim()} ${lastName.trim().toLocaleUpperCase('fr-FR')}`;
}

const UNITS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'];

/** Numbers up to ten in letters ("trois"), larger ones in figures, as French drafting does. */
export function numberInWords(n: number): string {
  return Number.isInteger(n) && n >= 0 && n < UNITS.length ? UNITS[n]! : String(n);
}

/**
 * 60000 → « 60 000 € », 1234.5 → « 1 234,50 € »: digit groups joined by a narrow no-break space,
 * the euro sign by a no-break space, as French typography writes amounts.
 */
export function euros(amount: number): string {
  const cents = Math.round(amount * 100);
  const whole = String(Math.trunc(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  const rest = cents % 100;
  return `${whole}${rest === 0 ? '' : `,${String(rest).padStart(2, '0')}`}\u00a0€`;
}

/** "14 novembre 2024", "1er décembre 2024": always the French locale, never the machine's. */
export function dateInWords(isoDate: string): string {
  const date = parseISO(isoDate);
  const day = date.getDate() === 1 ? '1er' : String(date.getDate());
  return `${day} ${format(date, 'MMMM yyyy', { locale: fr })}`;
}

/** Article numbers as French legal drafting writes them: "1er", then "2", "3"… */
export function articleNumber(n: number): string {
  return n === 1 ? '1er' : String(n);
}

/** "1 an", "3 ans". */
export function yearsInWords(years: number): string {
  return years === 1 ? 'un an' : `${numberInWords(years)} ans`;
}

/**
 * Kinds of street, as they open an address line (FANTOIR's and La Poste's usual kinds, with their
 * common abbreviations). In running text French writes them in lower case: « située rue Mariazé ».
 */
const STREET_KINDS = new Set([
  'allée', 'allées', 'avenue', 'av.', 'boulevard', 'bd', 'carrefour', 'chaussée', 'chemin', 'cité', 'clos',
  'corniche', 'cours', 'domaine', 'esplanade', 'faubourg', 'galerie', 'hameau', 'impasse', 'jardin',
  'lieu-dit', 'lotissement', 'mail', 'montée', 'parc', 'parvis', 'passage', 'place', 'placette', 'pont',
  'port', 'promenade', 'quai', 'quartier', 'résidence', 'rond-point', 'route', 'rue', 'ruelle', 'sente',
  'sentier', 'square', 'traverse', 'venelle', 'villa', 'voie', 'zone',
]);

/** Business or industrial areas, named by their acronym: « ZI des Plaines ». */
const AREA_ACRONYMS = new Set(['ZA', 'ZAC', 'ZAE', 'ZI', 'ZIL']);

/** A street number: « 2 », « 1-5 », « 26-50, », « 12 bis », « 12B », « 10 à 14 ». */
const STREET_NUMBER = /^\d+[A-Za-z]?(?:\s*(?:-|–|à)\s*\d+[A-Za-z]?)?(?:\s+(?:bis|ter|quater))?,?\s+/i;

/**
 * Where a party is, as the words after « Située » / « Situé »: « au 1 parvis Pierre Laroque » (a
 * street number takes « au »), « place de l'Europe » (a street without number takes no preposition),
 * the kind of street in lower case as in the seeds. Null when the line names no street (a postal
 * box « BP 12 », « CS 60001 », a building): « Située au BP 12 » is not French, such an address is
 * introduced otherwise.
 */
export function streetLocation(street: string): string | null {
  const text = street.trim();
  const number = STREET_NUMBER.exec(text)?.[0] ?? '';
  const rest = text.slice(number.length);
  const kind = /^[^\s,]+/.exec(rest)?.[0] ?? '';
  const lower = STREET_KINDS.has(kind.toLocaleLowerCase('fr-FR'));
  // An area's acronym (« ZAC », « ZI ») keeps its capitals; a kind written « Rue » or « RUE » does not.
  const known = lower || AREA_ACRONYMS.has(kind);
  const named = lower ? kind.toLocaleLowerCase('fr-FR') + rest.slice(kind.length) : rest;
  if (number) return `au ${number}${named}`;
  return known ? named : null;
}
