/**
 * Domain rules every type shares, each a small function returning problems with a code and a
 * pointer: references between sections (referents, DPO, signature order) must name a party.
 */
import type { UnplacedProblem } from '../core/problem.js';
import { toPointer } from '../core/problem.js';
import { didYouMean } from '../core/suggest.js';

interface CommonConvention {
  parties: { role: string }[];
  referents: { partie: string; prenom?: string; nom?: string }[];
  rgpd?: { dpo?: { partie: string }[] };
  signature: { ordre?: string[] };
}

export function checkCommonRules(convention: CommonConvention): UnplacedProblem[] {
  return [
    ...checkUniqueRoles(convention),
    ...checkReferents(convention),
    ...checkDpoParties(convention),
    ...checkSignatureOrder(convention),
  ];
}

function checkUniqueRoles(convention: CommonConvention): UnplacedProblem[] {
  const seen = new Set<string>();
  const problems: UnplacedProblem[] = [];
  convention.parties.forEach((party, index) => {
    if (seen.has(party.role)) {
      problems.push({
        code: 'partie-en-double',
        severity: 'error',
        path: toPointer(['parties', index, 'role']),
        message: `Le rôle « ${party.role} » est déjà celui d'une autre partie : chaque partie a un rôle distinct.`,
      });
    }
    seen.add(party.role);
  });
  return problems;
}

function unknownParty(role: string, roles: string[], path: (string | number)[], what: string): UnplacedProblem {
  return {
    code: 'partie-inconnue',
    severity: 'error',
    path: toPointer(path),
    message: `${what} renvoie à la partie « ${role} », absente de la convention ; parties : ${roles.join(', ')}.${didYouMean(role, roles)}`,
  };
}

function checkReferents(convention: CommonConvention): UnplacedProblem[] {
  const roles = convention.parties.map((p) => p.role);
  const problems: UnplacedProblem[] = [];
  convention.referents.forEach((referent, index) => {
    if (!roles.includes(referent.partie)) {
      problems.push(unknownParty(referent.partie, roles, ['referents', index, 'partie'], 'Ce référent'));
    }
    if (Boolean(referent.prenom) !== Boolean(referent.nom)) {
      problems.push({
        code: 'referent-nom-incomplet',
        severity: 'error',
        path: toPointer(['referents', index]),
        message: 'Un référent nommé a un prénom et un nom ; un référent désigné par sa seule fonction n’a ni l’un ni l’autre.',
      });
    }
  });
  convention.parties.forEach((party, index) => {
    if (!convention.referents.some((r) => r.partie === party.role)) {
      problems.push({
        code: 'referent-manquant',
        severity: 'error',
        path: toPointer(['parties', index]),
        message: `La partie « ${party.role} » n'a aucun référent : ajoutez-en un dans la rubrique referents.`,
      });
    }
  });
  return problems;
}

function checkDpoParties(convention: CommonConvention): UnplacedProblem[] {
  const roles = convention.parties.map((p) => p.role);
  return (convention.rgpd?.dpo ?? []).flatMap((dpo, index) =>
    roles.includes(dpo.partie) ? [] : [unknownParty(dpo.partie, roles, ['rgpd', 'dpo', index, 'partie'], 'Ce délégué à la protection des données')],
  );
}

function checkSignatureOrder(convention: CommonConvention): UnplacedProblem[] {
  const order = convention.signature.ordre;
  if (!order) return [];
  const roles = convention.parties.map((p) => p.role);
  const problems = order.flatMap((role, index) =>
    roles.includes(role) ? [] : [unknownParty(role, roles, ['signature', 'ordre', index], "L'ordre des signatures")],
  );
  const missing = roles.filter((r) => !order.includes(r));
  if (missing.length > 0) {
    problems.push({
      code: 'signataire-manquant',
      severity: 'error',
      path: '/signature/ordre',
      message: `L'ordre des signatures omet ${missing.map((r) => `« ${r} »`).join(', ')} : chaque partie signe.`,
    });
  }
  return problems;
}
