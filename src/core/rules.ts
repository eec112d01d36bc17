/**
 * Domain rules every convention type shares, run after the schema on data it accepted. Each rule is
 * a small function with its own code; a rule never throws, it returns problems.
 */
import { toPointer, type UnplacedProblem } from './problem.js';

export interface RuleContext {
  /** The day the check runs (injected so tests do not depend on the clock): ISO `YYYY-MM-DD`. */
  today: string;
}

type Rule = (data: Record<string, unknown>, context: RuleContext) => UnplacedProblem[];

/** Text left from a model or a copy: never in a document ready to sign. */
const PLACEHOLDERS: { pattern: RegExp; what: string }[] = [
  { pattern: /\bx{3,}\b/i, what: '« xxx »' },
  { pattern: /(?:\.{4,}|…{2,}|…\.|\.…)/, what: 'des points de suspension à compléter' },
  { pattern: /à\s+compl[ée]ter/i, what: '« à compléter »' },
  { pattern: /\bson\s*\/\s*s?a\b|\bsa\s*\/\s*son\b/i, what: '« son/sa »' },
  { pattern: /\b(?:Monsieur\s*\/\s*Madame|Madame\s*\/\s*Monsieur)\b/i, what: '« Monsieur / Madame »' },
  { pattern: /\p{L}\((?:e|es|s|ne|le)\)/u, what: 'une écriture à choix comme « Directeur(e) »' },
  // `\b` knows ASCII letters only: around « à » and accented letters, Unicode lookarounds.
  { pattern: /\bTODO\b|(?<!\p{L})[aà]\s+(?:d[ée]finir|d[ée]crire|pr[ée]ciser)(?!\p{L})/iu, what: 'une mention « à définir » ou « à décrire »' },
];

/** What placeholder a text holds (« xxx », « à compléter »…), if any: the rule's and the templates' check. */
export function placeholderIn(text: string): string | undefined {
  return PLACEHOLDERS.find((p) => p.pattern.test(text))?.what;
}

function* strings(value: unknown, path: (string | number)[] = []): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, [...path, i]);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (key !== '$schema') yield* strings(item, [...path, key]);
  }
}

export const checkPlaceholders: Rule = (data) => {
  const problems: UnplacedProblem[] = [];
  for (const [text, path] of strings(data)) {
    const found = placeholderIn(text);
    if (found) {
      problems.push({
        code: 'texte-a-completer',
        severity: 'error',
        path: toPointer(path),
        message: `Ce texte contient ${found} : remplacez-le par la valeur réelle avant de rendre la convention.`,
      });
    }
  }
  return problems;
};

/**
 * Characters XML 1.0 cannot carry (C0 controls but tab and line feeds, DEL, non-characters, lone
 * surrogates): refused with their location rather than written into a corrupt DOCX.
 */
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

export const checkForbiddenCharacters: Rule = (data) => {
  const problems: UnplacedProblem[] = [];
  for (const [text, path] of strings(data)) {
    const match = FORBIDDEN_CHARACTER.exec(text);
    if (match) {
      const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      problems.push({
        code: 'caractere-interdit',
        severity: 'error',
        path: toPointer(path),
        message: `Ce texte contient un caractère de contrôle invisible (U+${code}, position ${match.index + 1}) qu'un document Word ne peut pas contenir : supprimez-le (il vient souvent d'un copier-coller).`,
      });
    }
  }
  return problems;
};

/** Luhn checksum, as INSEE defines it for SIREN and SIRET (La Poste's establishments excepted). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const LA_POSTE_SIREN = '356000000';

export function siretValid(siret: string): boolean {
  const digits = siret.replace(/\s/g, '');
  if (!/^\d{14}$/.test(digits)) return false;
  if (digits.startsWith(LA_POSTE_SIREN)) {
    return [...digits].reduce((sum, d) => sum + Number(d), 0) % 5 === 0;
  }
  return luhnValid(digits.slice(0, 9)) && luhnValid(digits);
}

export const checkSiret: Rule = (data) => {
  const parties = (data.parties as { siret?: string }[] | undefined) ?? [];
  return parties.flatMap((party, index) =>
    party.siret && !siretValid(party.siret)
      ? [
          {
            code: 'siret-invalide',
            severity: 'error' as const,
            path: toPointer(['parties', index, 'siret']),
            message: `Le numéro SIRET « ${party.siret} » est invalide (clé de contrôle fausse) : vérifiez-le sur l'avis de situation SIRENE.`,
          },
        ]
      : [],
  );
};

export const checkSignatureDate: Rule = (data, context) => {
  const signature = data.signature as { date?: string; prevue?: boolean } | undefined;
  if (!signature?.date || signature.prevue) return [];
  // ISO dates (YYYY-MM-DD, checked by the schema) compare as strings.
  if (signature.date <= context.today) return [];
  return [
    {
      code: 'date-signature-future',
      severity: 'error',
      path: '/signature/date',
      message: `La date de signature ${signature.date} est postérieure à aujourd'hui (${context.today}) : corrigez-la, ou indiquez « prevue: true » pour une signature à venir.`,
    },
  ];
};

export const checkNoticeShorterThanDuration: Rule = (data) => {
  const duree = data.duree as { annees?: number; preavis_mois?: number } | undefined;
  if (!duree?.annees || duree.preavis_mois === undefined || duree.preavis_mois < duree.annees * 12) return [];
  return [
    {
      code: 'preavis-trop-long',
      severity: 'error',
      path: '/duree/preavis_mois',
      message: `Un préavis de ${duree.preavis_mois} mois n'est pas plus court que la durée de la convention (${duree.annees * 12} mois).`,
    },
  ];
};

export const checkCopies: Rule = (data) => {
  const signature = data.signature as { exemplaires?: number } | undefined;
  const signatories = ((data.parties as unknown[] | undefined) ?? []).length;
  if (signature?.exemplaires === undefined || signature.exemplaires === signatories) return [];
  return [
    {
      code: 'exemplaires-signataires',
      severity: 'error',
      path: '/signature/exemplaires',
      message: `La convention est établie en autant d'exemplaires que de signataires : ${signatories}, et non ${signature.exemplaires}.`,
    },
  ];
};

export const COMMON_RULES: readonly Rule[] = [checkForbiddenCharacters, checkPlaceholders, checkSiret, checkSignatureDate, checkNoticeShorterThanDuration, checkCopies];

export function checkSharedRules(data: Record<string, unknown>, context: RuleContext): UnplacedProblem[] {
  return COMMON_RULES.flatMap((rule) => rule(data, context));
}
