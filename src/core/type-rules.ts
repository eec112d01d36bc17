/**
 * Domain rules read from a type's catalogue, the same for every type: the parties each place
 * admits and how many, references between sections, options of the drafting model, RGPD regimes
 * and the DPOs they need, fields that only count under a condition, references to articles, and
 * the catalogue's own rules. Run after the schema, on data it accepted; each rule returns problems.
 */
import { conventionFacts, holds, modelOf, placeOf, valueAt, variantsWithoutVersion, withDefaults, type Facts } from './conditions.js';
import type { Catalogue } from './generated/catalogue.js';
import { planAnnexes, planArticles, regimesOf, repeatedIds, type ListedAnnex } from './plan.js';
import { frenchCount, toPointer, type UnplacedProblem } from './problem.js';
import type { TypeDefinition } from './registry.js';
import { REGIMES, type RgpdRegime } from './rgpd.js';
import { didYouMean } from './suggest.js';

type Data = Record<string, unknown>;
type Path = (string | number)[];

interface Convention {
  parties: { role: string }[];
  referents: { partie: string; prenom?: string; nom?: string }[];
  rgpd?: { dpo?: { partie: string }[] };
  signature: { ordre?: string[] };
}

/** What every rule gets: the YAML, the same with defaults, the type, and the facts conditions read. */
interface RuleInput {
  data: Data;
  convention: Convention;
  /** The YAML with defaults, made on first use (most conventions never need it here). */
  filled(): Data;
  definition: TypeDefinition;
  catalogue: Catalogue;
  modele: string;
  facts: Facts;
}

type Rule = (input: RuleInput) => UnplacedProblem[];

/** The facts of a convention for the catalogue's conditions (those of the document, when given, on first use). */
export function factsOf(definition: TypeDefinition, data: Data, filled: () => Data, document?: () => { annexes: number }): Facts {
  const parties = Array.isArray(data.parties) ? (data.parties as { role?: unknown }[]) : [];
  return conventionFacts({
    schema: definition.form,
    data,
    filled,
    ...(document ? { document } : {}),
    placeIndex: (place) => {
      const index = parties.findIndex((p) => typeof p?.role === 'string' && placeOf(definition.catalogue, p.role) === place);
      return index < 0 ? undefined : index;
    },
  });
}

export function checkTypeRules(data: Data, definition: TypeDefinition): UnplacedProblem[] {
  const catalogue = definition.catalogue;
  let filledData: Data | undefined;
  const filled = () => (filledData ??= withDefaults(definition.form, data));
  let document: { annexes: number } | undefined;
  // The number of annexes, for a condition on `document.annexes` (the article « Annexes »).
  const annexes = () => (document ??= { annexes: planAnnexes(catalogue, filled(), regimesOf(filled()), factsOf(definition, data, filled), definition.id).length });
  const input: RuleInput = {
    data,
    convention: data as unknown as Convention,
    filled,
    definition,
    catalogue,
    modele: modelOf(catalogue, data),
    facts: factsOf(definition, data, filled, annexes),
  };
  return RULES.flatMap((rule) => rule(input));
}

// ── Parties: each place's count, distinct roles ────────────────────────────────────────────────

function roleList(roles: string[], suffixes: boolean): string {
  const quoted = roles.map((r) => `« ${r} »`);
  if (suffixes) quoted.push(...roles.map((r) => `« ${r}-… »`));
  return `rôle ${quoted.join(' ou ')}`;
}

const checkPlaces: Rule = ({ convention, catalogue }) => {
  const problems: UnplacedProblem[] = [];
  const problem = (message: string, path = '/parties'): void => void problems.push({ code: 'parties-roles', severity: 'error', path, message });
  for (const [place, definition] of Object.entries(catalogue.parties)) {
    if (!definition) continue;
    const count = convention.parties.filter((p) => placeOf(catalogue, p.role) === place).length;
    const min = definition.min ?? 0;
    const max = definition.max;
    if (count >= min && (max === undefined || count <= max)) continue;
    const feminine = definition.genre === 'féminin';
    const one = feminine ? 'une' : 'un';
    const roles = roleList(Object.keys(definition.roles), definition.suffixes === true);
    const plural = definition.designation_pluriel ?? definition.designation;
    const counted = `; elle en compte ${count}.`;
    if (min === max) {
      const exactly = min === 1 ? `${feminine ? 'une et une seule' : 'un et un seul'} ${definition.designation}` : `exactement ${min} ${plural}`;
      problem(`La convention doit compter ${exactly} (${roles}) ${counted}`);
    } else if (count < min) {
      problem(`La convention doit compter au moins ${min === 1 ? `${one} ${definition.designation}` : `${min} ${plural}`} (${roles}) ${counted}`);
    } else {
      problem(`La convention ne peut compter ${max === 1 ? `qu’${one} ${definition.designation}` : `plus de ${max} ${plural}`} (${roles}) ${counted}`);
    }
  }
  convention.parties.forEach((party, index) => {
    if (placeOf(catalogue, party.role) === undefined) {
      const admitted = Object.values(catalogue.parties).flatMap((p) => Object.keys(p?.roles ?? {}));
      problem(`Le rôle « ${party.role} » n'a pas de place dans ce type de convention ; rôles admis : ${admitted.join(', ')}.${didYouMean(party.role, admitted)}`, toPointer(['parties', index, 'role']));
    }
  });
  return problems;
};

const checkUniqueRoles: Rule = ({ convention, catalogue }) => {
  const seen = new Set<string>();
  const problems: UnplacedProblem[] = [];
  convention.parties.forEach((party, index) => {
    if (seen.has(party.role)) {
      const place = placeOf(catalogue, party.role);
      const definition = place ? catalogue.parties[place] : undefined;
      // Several parties at a place that admits suffixed roles: say how to tell them apart.
      const base = definition?.suffixes ? Object.keys(definition.roles).find((r) => party.role === r || party.role.startsWith(`${r}-`)) : undefined;
      const hint = base ? ` Donnez à chaque ${definition!.designation} un rôle « ${base}-… » qui lui est propre (${base}-nord, ${base}-est).` : '';
      problems.push({
        code: 'partie-en-double',
        severity: 'error',
        path: toPointer(['parties', index, 'role']),
        message: `Le rôle « ${party.role} » est déjà celui d'une autre partie : chaque partie a un rôle distinct.${hint}`,
      });
    }
    seen.add(party.role);
  });
  return problems;
};

function unknownParty(role: string, roles: string[], path: Path, what: string): UnplacedProblem {
  return {
    code: 'partie-inconnue',
    severity: 'error',
    path: toPointer(path),
    message: `${what} renvoie à la partie « ${role} », absente de la convention ; parties : ${roles.join(', ')}.${didYouMean(role, roles)}`,
  };
}

const checkReferents: Rule = ({ convention }) => {
  const roles = convention.parties.map((p) => p.role);
  const problems: UnplacedProblem[] = [];
  convention.referents.forEach((referent, index) => {
    if (!roles.includes(referent.partie)) problems.push(unknownParty(referent.partie, roles, ['referents', index, 'partie'], 'Ce référent'));
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
        // Placed where the user adds the referent (the party is named in the message): the wizard
        // re-asks the referents, not the party, which no answer there could correct.
        path: toPointer(['referents']),
        message: `La partie « ${party.role} » n'a aucun référent : ajoutez-en un dans la rubrique referents.`,
      });
    }
  });
  return problems;
};

const checkDpoParties: Rule = ({ convention }) => {
  const roles = convention.parties.map((p) => p.role);
  return (convention.rgpd?.dpo ?? []).flatMap((dpo, index) =>
    roles.includes(dpo.partie) ? [] : [unknownParty(dpo.partie, roles, ['rgpd', 'dpo', index, 'partie'], 'Ce délégué à la protection des données')],
  );
};

const checkSignatureOrder: Rule = ({ convention }) => {
  const order = convention.signature.ordre;
  if (!order) return [];
  const roles = convention.parties.map((p) => p.role);
  const problems = order.flatMap((role, index) => (roles.includes(role) ? [] : [unknownParty(role, roles, ['signature', 'ordre', index], "L'ordre des signatures")]));
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
};

// ── Financial provisions (the common block `financement`, in any type whose schema has it) ──────

interface Funding {
  montant: number;
  payeur: string;
  beneficiaire: string;
  echeancier: { montant: number }[];
}

/** Cents, so that 0.1 + 0.2 sums to 0.3. */
const cents = (amount: number) => Math.round(amount * 100);

const checkFunding: Rule = ({ data, convention }) => {
  const funding = data.financement as Funding | undefined;
  if (!funding || typeof funding !== 'object') return [];
  const roles = convention.parties.map((p) => p.role);
  const problems: UnplacedProblem[] = [];
  if (!roles.includes(funding.payeur)) problems.push(unknownParty(funding.payeur, roles, ['financement', 'payeur'], 'La partie qui verse'));
  if (!roles.includes(funding.beneficiaire)) problems.push(unknownParty(funding.beneficiaire, roles, ['financement', 'beneficiaire'], 'La partie qui reçoit'));
  if (funding.payeur === funding.beneficiaire) {
    problems.push({
      code: 'financement-parties',
      severity: 'error',
      path: '/financement/beneficiaire',
      message: `La partie qui reçoit la somme est celle qui la verse (« ${funding.payeur} ») : nommez deux parties distinctes.`,
    });
  }
  const total = funding.echeancier.reduce((sum, step) => sum + cents(step.montant), 0);
  if (total !== cents(funding.montant)) {
    const euros = (c: number) => `${frenchCount(Math.trunc(c / 100))}${c % 100 === 0 ? '' : `,${String(Math.abs(c % 100)).padStart(2, '0')}`} €`;
    problems.push({
      code: 'financement-echeancier',
      severity: 'error',
      path: '/financement/echeancier',
      message: `Les versements de l'échéancier totalisent ${euros(total)}, le montant total est de ${euros(cents(funding.montant))} : ils doivent être égaux.`,
    });
  }
  return problems;
};

// ── Options of the drafting model ──────────────────────────────────────────────────────────────

const checkOptions: Rule = ({ data, catalogue, modele }) => {
  const options = catalogue.options;
  if (!options) return [];
  const path = options.champ.split('.');
  const written = valueAt(data, path);
  const chosen: unknown[] = Array.isArray(written) ? written : [];
  const allowed = catalogue.modeles[modele]?.options ?? [];
  const problems: UnplacedProblem[] = chosen.flatMap((option: unknown, index) =>
    typeof option !== 'string' || allowed.includes(option)
      ? []
      : [
          {
            code: 'option-hors-modele',
            severity: 'error' as const,
            path: toPointer([...path, index]),
            message: `${options.designation} « ${option} » n'appartient pas au modèle « ${modele} » ; ${options.designation_pluriel} de ce modèle : ${allowed.join(', ')}.${didYouMean(option, allowed)}`,
          },
        ],
  );
  problems.push(...optionTexts(data, options, chosen, allowed));
  return problems;
};

/** « engagements.initiatives_locales » → « la rubrique « initiatives_locales » d'« engagements » ». */
function rubrique(path: string[]): string {
  const last = `« ${path[path.length - 1]} »`;
  return path.length > 1 ? `la rubrique ${last} d'« ${path[path.length - 2]} »` : `la rubrique ${last}`;
}

/**
 * An option without stock text needs the parties' words (at the option's line); those words
 * without their option would not be printed (a warning, at the words).
 */
function optionTexts(data: Data, options: NonNullable<Catalogue['options']>, chosen: unknown[], allowed: readonly string[]): UnplacedProblem[] {
  const problems: UnplacedProblem[] = [];
  const texts = Object.entries(options.textes ?? {}).filter((entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined);
  chosen.forEach((option, index) => {
    const text = texts.find(([id]) => id === option)?.[1];
    // An option foreign to the model is reported as such (option-hors-modele), not for its text.
    if (text && allowed.includes(option as string) && valueAt(data, text.champ.split('.')) === undefined) {
      problems.push({
        code: 'option-sans-texte',
        severity: 'error',
        path: toPointer([...options.champ.split('.'), index]),
        message: `${options.designation} « ${String(option)} » n'a pas de texte type : ${text.consigne} dans ${rubrique(text.champ.split('.'))}.`,
      });
    }
  });
  const field = options.champ.split('.');
  for (const [option, text] of texts) {
    const path = text.champ.split('.');
    if (valueAt(data, path) !== undefined && !chosen.includes(option)) {
      const designation = options.designation.charAt(0).toLocaleLowerCase('fr-FR') + options.designation.slice(1);
      problems.push({
        code: 'texte-sans-option',
        severity: 'warning',
        path: toPointer(path),
        message: `La rubrique « ${path[path.length - 1]} » ne sera pas imprimée : ${designation} « ${option} » n'est pas choisi dans « ${field[field.length - 1]} ».`,
      });
    }
  }
  return problems;
}

// ── Articles: ids of repeated articles, references written in the YAML's texts ────────────────

/** « [article:information] » in a text of the YAML: a reference to an article by its id. */
export const ARTICLE_REFERENCE = /\[article:([a-z0-9-]+)\]/g;

const checkRepeatedIds: Rule = ({ data, catalogue, modele }) => {
  const entries = catalogue.modeles[modele]?.articles ?? [];
  const problems: UnplacedProblem[] = [];
  for (const entry of entries) {
    if (!entry.repeter) continue;
    const list = valueAt(data, entry.repeter.split('.'));
    const others = entries.filter((e) => e !== entry).map((e) => e.id);
    const seen = new Set<string>();
    repeatedIds(entry, Array.isArray(list) ? list : []).forEach((id, index) => {
      if (seen.has(id) || others.includes(id)) {
        problems.push({
          code: 'doublon',
          severity: 'error',
          path: toPointer([...entry.repeter!.split('.'), index, 'id']),
          message: `L'identifiant d'article « ${id} » est déjà pris : donnez à cet article un identifiant distinct.`,
        });
      }
      seen.add(id);
    });
  }
  return problems;
};

/** The texts of the YAML that refer to an article, with their paths. */
export function referringTexts(value: unknown, path: Path, found: [string, Path][]): [string, Path][] {
  if (typeof value === 'string') {
    if (value.includes('[article:')) found.push([value, [...path]]);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      referringTexts(value[i], path, found);
      path.pop();
    }
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (key === '$schema') continue;
      path.push(key);
      referringTexts((value as Data)[key], path, found);
      path.pop();
    }
  }
  return found;
}

const checkArticleReferences: Rule = ({ data, catalogue, modele, filled, facts }) => {
  let ids: string[] | undefined;
  const problems: UnplacedProblem[] = [];
  for (const [text, path] of referringTexts(data, [], [])) {
    for (const match of text.matchAll(ARTICLE_REFERENCE)) {
      ids ??= planArticles(catalogue, modele, filled(), facts).map((a) => a.id);
      if (!ids.includes(match[1]!)) {
        problems.push({
          code: 'valeur-inconnue',
          severity: 'error',
          path: toPointer(path),
          message: `Le renvoi « ${match[0]} » désigne un article absent de cette convention ; articles : ${ids.join(', ')}.${didYouMean(match[1]!, ids)}`,
        });
      }
    }
  }
  return problems;
};

// ── Annexes: each cited or listed one written by the tool, supplied as a file, or joined apart ─

/** « l'article 8 « Contenu des conventions locales » », « les articles 7 « … » et 8 « … » ». */
function articlesCiting(articles: { id: string; titre: string }[], ids: readonly string[]): string | null {
  const citing = articles.flatMap((article, index) => (ids.includes(article.id) ? [`${index + 1} « ${article.titre} »`] : []));
  if (citing.length === 0) return null;
  if (citing.length === 1) return `à l'article ${citing[0]}`;
  return `aux articles ${citing.slice(0, -1).join(', ')} et ${citing.at(-1)}`;
}

const checkAnnexes: Rule = ({ data, catalogue, definition, modele, filled, facts }) => {
  const listed = Array.isArray(data.annexes) ? (data.annexes as ListedAnnex[]) : [];
  const plan = planAnnexes(catalogue, filled(), regimesOf(filled()), facts, definition.id);
  if (plan.every((annex) => annex.fourniture !== null) && listed.every((annex) => !annex.fichier && annex.joint_separement !== true)) return [];
  const problems: UnplacedProblem[] = [];
  let articles: { id: string; titre: string }[] | undefined;
  const seen = new Map<string, number>();
  listed.forEach((annex, index) => {
    if (typeof annex.id !== 'string') return;
    const first = seen.get(annex.id);
    if (first === undefined) seen.set(annex.id, index);
    else {
      problems.push({
        code: 'annexe-en-double',
        severity: 'error',
        path: toPointer(['annexes', index]),
        message: `L'annexe « ${annex.id} » est déjà l'élément ${first + 1} de la rubrique « annexes » : une annexe n'y figure qu'une fois.`,
      });
    }
  });
  plan.forEach((annex, index) => {
    const numero = index + 1;
    const element = annex.element === null ? undefined : listed[annex.element];
    const path = annex.element === null ? '/annexes' : toPointer(['annexes', annex.element]);
    const named = `L'annexe ${numero} « ${annex.titre} »${annex.id.startsWith('jointe-') ? '' : ` (${annex.id})`}`;
    if (annex.fourniture === 'redigee' && element && (element.fichier !== undefined || element.joint_separement === true)) {
      problems.push({
        code: 'annexe-contradictoire',
        severity: 'error',
        path,
        message: `${named} est rédigée par l'outil dans cette convention : elle ne se fournit pas par un fichier et ne se joint pas séparément ; retirez « ${element.fichier !== undefined ? 'fichier' : 'joint_separement'} ».`,
      });
    } else if (element?.fichier !== undefined && element.joint_separement === true) {
      problems.push({
        code: 'annexe-contradictoire',
        severity: 'error',
        path,
        message: `${named} est à la fois fournie par un fichier (${element.fichier}) et déclarée jointe séparément : gardez « fichier » ou « joint_separement », pas les deux.`,
      });
    }
    if (annex.fourniture !== null) return;
    articles ??= planArticles(catalogue, modele, filled(), facts);
    const entry = catalogue.annexes?.[annex.id];
    const where = articlesCiting(articles, entry?.citee_dans ?? []);
    const sometimes = entry?.gabarit ? " ici (seulement dans les cas que dit la description de la rubrique « annexes »)" : '';
    problems.push({
      code: 'annexe-non-fournie',
      severity: 'error',
      path,
      message:
        `${named}, ${where ? `citée ${where}` : 'listée parmi les annexes'}, manque : l'outil ne la rédige pas${sometimes}, et elle n'est ni fournie par un fichier ni déclarée jointe séparément. ` +
        `Dans la rubrique « annexes », donnez son fichier (fichier: chemin d'un PDF ou d'un DOCX, relatif au fichier YAML) ou déclarez-la jointe séparément (joint_separement: true).`,
    });
  });
  return problems;
};

// ── RGPD: regimes admitted by the type, exclusive ones, the DPOs sous-traitance needs ──────────

const checkRegimes: Rule = ({ data, convention, filled, catalogue }) => {
  const problems: UnplacedProblem[] = [];
  // As written (problems point at each one), or the schema's default.
  const written = valueAt(data, ['rgpd', 'regimes']);
  const regimes = Array.isArray(written) ? (written as RgpdRegime[]) : regimesOf(filled());
  const allowed = Object.keys(catalogue.rgpd);
  regimes.forEach((regime, index) => {
    const path = toPointer(['rgpd', 'regimes', index]);
    if (!allowed.includes(regime)) {
      problems.push({
        code: 'rgpd-regime-interdit',
        severity: 'error',
        path,
        message: `Le régime RGPD « ${regime} » n'est pas admis pour ce type de convention ; régimes admis : ${allowed.join(', ')}.`,
      });
    }
    if (REGIMES[regime]?.exclusif && regimes.length > 1) {
      problems.push({
        code: 'rgpd-regime-exclusif',
        severity: 'error',
        path,
        message: `Le régime « ${regime} » (${REGIMES[regime].libelle}) ne peut pas être déclaré avec un autre régime.`,
      });
    }
  });
  const dpoRoles = (convention.rgpd?.dpo ?? []).map((d) => d.partie);
  // A party whose DPO two regimes require is reported once, for the first.
  const reported = new Set<string>();
  for (const regime of regimes.filter((r: RgpdRegime) => REGIMES[r]?.dpoRequis || (catalogue.rgpd[r]?.dpo ?? []).length > 0)) {
    const roles = catalogue.rgpd[regime];
    // Only parties have DPOs: a designation (a network, « la caisse ») is no party of this convention.
    const named = REGIMES[regime]?.dpoRequis ? [roles?.responsable, roles?.sous_traitant] : [];
    const places = [...new Set([...named, ...(roles?.dpo ?? [])].filter((p): p is string => typeof p === 'string'))];
    for (const place of places) {
      for (const party of convention.parties.filter((p) => placeOf(catalogue, p.role) === place)) {
        if (!dpoRoles.includes(party.role) && !reported.has(party.role)) {
          reported.add(party.role);
          problems.push({
            code: 'rgpd-dpo-manquant',
            severity: 'error',
            path: '/rgpd',
            message: `${regime === 'sous-traitance' ? 'La sous-traitance' : `Le régime « ${regime} »`} exige les coordonnées du délégué à la protection des données de la partie « ${party.role} » (rubrique rgpd.dpo).`,
          });
        }
      }
    }
  }
  return problems;
};

// ── Fields that count only under a condition; the catalogue's own rules ───────────────────────

const checkConditionalFields: Rule = ({ catalogue, facts }) =>
  Object.entries(catalogue.champs ?? {}).flatMap(([path, field]) =>
    field && facts.given(path) && !holds(field.si, facts)
      ? [
          {
            code: 'valeur-invalide',
            severity: 'error' as const,
            path: toPointer(facts.pointer(path) ?? path.split('.')),
            message: field.message,
          },
        ]
      : [],
  );

const checkCatalogueRules: Rule = ({ catalogue, facts }) =>
  (catalogue.regles ?? []).flatMap((rule) =>
    holds(rule.si, facts)
      ? [
          {
            code: rule.code,
            severity: rule.gravite === 'erreur' ? ('error' as const) : ('warning' as const),
            path: toPointer(facts.pointer(rule.chemin) ?? rule.chemin.split('.')),
            message: rule.message,
          },
        ]
      : [],
  );

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « 10 mai 2017 » from AAAA-MM-JJ, without the date library compose uses (validate stays light). */
function frenchDate(value: unknown): string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return String(value);
  const day = Number(match[3]);
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/**
 * A text whose truth depends on the date or the place (a COG, a scheme) with no version for this
 * convention: the document omits it; the warning says which text, at the signature date.
 */
const checkVariants: Rule = ({ catalogue, facts }) => {
  const missing = variantsWithoutVersion(catalogue, facts);
  return Object.entries(catalogue.variantes ?? {}).flatMap(([name, variant]) =>
    variant && missing.includes(name)
      ? [
          {
            code: 'variante-sans-version',
            severity: 'warning' as const,
            path: '/signature/date',
            message: `Aucune version de « ${name} » (${variant.designation}) ne vaut pour cette convention, signée le ${frenchDate(facts.value('signature.date'))} : le document ne la cite pas.`,
          },
        ]
      : [],
  );
};

/** In the order their problems are reported. */
const RULES: readonly Rule[] = [
  checkPlaces,
  checkUniqueRoles,
  checkReferents,
  checkDpoParties,
  checkSignatureOrder,
  checkFunding,
  checkOptions,
  checkRepeatedIds,
  checkArticleReferences,
  checkAnnexes,
  checkRegimes,
  checkConditionalFields,
  checkCatalogueRules,
  checkVariants,
];
