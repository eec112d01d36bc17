/**
 * Agreement between a type's catalogue, its schema and the templates: the roles the schema admits
 * are the catalogue's, so are the regimes, options, models, stock annexes and fixed values with a
 * text; every path a condition reads exists in the schema, with values the schema admits; every
 * partial the catalogue names exists. The catalogue's own shape is its JSON Schema's business
 * (templates/catalogue.schema.json). Run by the build (which fails on any disagreement) and by the
 * tests; the messages are French, for whoever writes a new type.
 */
import { clauseCandidates } from './compose.js';
import { schemaAt } from './conditions.js';
import type { Condition, Test } from './generated/catalogue.js';
import type { TypeDefinition } from './registry.js';
import { REGIMES } from './rgpd.js';
import type { JsonSchema } from './schema-inline.js';

const sorted = (values: Iterable<unknown>) => [...new Set([...values].map(String))].sort();
const same = (a: Iterable<unknown>, b: Iterable<unknown>) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const list = (values: Iterable<unknown>) => sorted(values).join(', ') || '(aucune)';

/** The values a schema admits for a field or for the elements of a list, if it fixes them. */
function fixedValues(schema: JsonSchema | undefined): unknown[] | undefined {
  if (!schema) return undefined;
  if (Array.isArray(schema.enum)) return schema.enum as unknown[];
  if ('const' in schema) return [schema.const];
  const items = schema.items as JsonSchema | undefined;
  if (items) {
    if (Array.isArray(items.enum)) return items.enum as unknown[];
    const branch = Array.isArray(items.anyOf) ? (items.anyOf as JsonSchema[]).find((b) => Array.isArray(b.enum)) : undefined;
    if (branch) return branch.enum as unknown[];
  }
  return undefined;
}

/** Problems of one type, in French; none when catalogue, schema and templates agree. */
export function checkTypeDefinition(definition: TypeDefinition, templates: ReadonlySet<string>): string[] {
  const { catalogue, form, id: type } = definition;
  const problems: string[] = [];
  const places = Object.keys(catalogue.parties);
  const roles = Object.values(catalogue.parties).flatMap((p) => Object.keys(p?.roles ?? {}));
  const partial = (name: string) => (name.includes('/') ? name : `${type}/${name}`);
  const annexPartial = (name: string) => (name.includes('/') ? name : `${type}/annexes/${name}`);
  const needTemplate = (name: string, where: string) => {
    if (!templates.has(name)) problems.push(`${where} : gabarit « ${name} » introuvable (templates/${name}.md.hbs).`);
  };

  const fieldAt = (path: string): JsonSchema | undefined => {
    if (path === 'document.annexes') return { type: 'array' };
    const parts = path.split('.');
    if (parts[0] === 'parties' && parts.length > 1 && places.includes(parts[1]!)) return parts.length === 2 ? schemaAt(form, 'parties') : schemaAt(form, ['parties', ...parts.slice(2)].join('.'));
    return schemaAt(form, path);
  };
  const needField = (path: string, where: string): JsonSchema | undefined => {
    const field = fieldAt(path);
    if (!field) problems.push(`${where} : la rubrique « ${path} » n'existe pas dans schemas/${definition.schemaFile}.`);
    return field;
  };
  const checkTest = (test: Test, path: string, where: string, field: JsonSchema) => {
    const admitted = fixedValues(field);
    const values: unknown[] = Array.isArray(test) ? test : test !== null && typeof test === 'object' ? (test.contient !== undefined ? [test.contient] : []) : [test];
    if (admitted) for (const value of values) if (!admitted.includes(value)) problems.push(`${where} : « ${String(value)} » n'est pas une valeur admise de « ${path} » (${list(admitted)}).`);
    if (test !== null && typeof test === 'object' && !Array.isArray(test) && test.non !== undefined) checkTest(test.non, path, where, field);
  };
  const checkCondition = (condition: Condition | undefined, where: string) => {
    if (!condition) return;
    for (const [key, test] of Object.entries(condition)) {
      if (test === undefined) continue;
      if (key === 'ou') for (const c of test as Condition[]) checkCondition(c, where);
      else if (key === 'non') checkCondition(test as Condition, where);
      else {
        const field = needField(key, where);
        if (field) checkTest(test as Test, key, where, field);
      }
    }
  };

  // Parties: the roles of the schema are the catalogue's.
  const role = schemaAt(form, 'parties.role');
  if (Array.isArray(role?.enum)) {
    if (!same(role.enum as unknown[], roles)) problems.push(`rôles du schéma (${list(role.enum as unknown[])}) différents de ceux du catalogue (${list(roles)}).`);
  } else if (typeof role?.pattern === 'string') {
    const pattern = new RegExp(role.pattern, 'u');
    for (const [place, p] of Object.entries(catalogue.parties)) {
      for (const r of Object.keys(p?.roles ?? {})) {
        const examples = p?.suffixes ? [r, `${r}-nord`] : [r];
        for (const example of examples) if (!pattern.test(example)) problems.push(`parties.${place} : le rôle « ${example} » ne correspond pas au motif du schéma (${role.pattern}).`);
      }
    }
  } else problems.push(`le schéma ne fixe pas les rôles des parties (enum ou pattern de parties.role).`);
  if (catalogue.auteur !== undefined && !places.includes(catalogue.auteur)) problems.push(`auteur : « ${catalogue.auteur} » n'est pas une place de « parties » (${list(places)}).`);
  for (const [regime, config] of Object.entries(catalogue.rgpd)) {
    for (const [key, who] of [['responsable', config?.responsable], ['sous_traitant', config?.sous_traitant]] as const) {
      const where = `rgpd.${regime}.${key}`;
      if (typeof who === 'string' && !places.includes(who)) problems.push(`${where} : « ${who} » n'est pas une place de « parties » (${list(places)}).`);
      if (who && typeof who === 'object' && 'donnees' in who) needField(who.donnees, where);
    }
    for (const place of config?.dpo ?? []) if (!places.includes(place)) problems.push(`rgpd.${regime}.dpo : « ${place} » n'est pas une place de « parties » (${list(places)}).`);
    const annex = REGIMES[regime as keyof typeof REGIMES]?.annexe;
    if (annex) needTemplate(annexPartial(config?.annexe?.gabarit ?? annex.gabarit), `rgpd.${regime}.annexe`);
  }
  for (const r of catalogue.ordre_signature ?? []) if (!roles.includes(r)) problems.push(`ordre_signature : « ${r} » n'est pas un rôle du catalogue (${list(roles)}).`);

  // RGPD regimes: admitted by the schema, known to the engine.
  const regimes = fixedValues(schemaAt(form, 'rgpd.regimes'));
  if (!regimes) problems.push('le schéma ne fixe pas les régimes de rgpd.regimes (enum).');
  else {
    for (const r of Object.keys(catalogue.rgpd)) if (!regimes.includes(r)) problems.push(`rgpd : le régime « ${r} » n'est pas admis par le schéma (${list(regimes)}).`);
    for (const r of regimes) if (!(String(r) in REGIMES)) problems.push(`le schéma admet le régime « ${String(r)} », inconnu du moteur (${list(Object.keys(REGIMES))}).`);
  }

  // Drafting models: the schema's `modele` lists them when there are several.
  const models = Object.keys(catalogue.modeles);
  const modele = schemaAt(form, 'modele');
  if (models.length > 1 && !same(fixedValues(modele) ?? [], models)) problems.push(`modeles : les modèles du catalogue (${list(models)}) diffèrent de ceux de la rubrique « modele » du schéma (${list(fixedValues(modele) ?? [])}).`);
  if (models.length === 1 && modele && !same(fixedValues(modele) ?? [], models)) problems.push(`modeles : un seul modèle, « ${models[0]} », que la rubrique « modele » du schéma doit admettre seul (ou omettre).`);

  // Options: the schema's list of options is the union of the models' options.
  const optionField = catalogue.options ? needField(catalogue.options.champ, 'options.champ') : undefined;
  const options = Object.values(catalogue.modeles).flatMap((m) => m?.options ?? []);
  if (catalogue.options && optionField && !same(fixedValues(optionField) ?? [], options)) problems.push(`options : les options des modèles (${list(options)}) diffèrent de celles du schéma pour « ${catalogue.options.champ} » (${list(fixedValues(optionField) ?? [])}).`);
  if (!catalogue.options && options.length > 0) problems.push('des modèles ont des options, mais la rubrique « options » ne dit pas où le YAML les choisit.');
  for (const [option, text] of Object.entries(catalogue.options?.textes ?? {})) {
    if (!options.includes(option)) problems.push(`options.textes : « ${option} » n'est l'option d'aucun modèle (${list(options)}).`);
    if (text) needField(text.champ, `options.textes.${option}`);
  }

  const groups = Object.keys(catalogue.groupes ?? {});
  if (catalogue.titres_groupes) {
    const titles = needField(catalogue.titres_groupes, 'titres_groupes');
    for (const key of Object.keys((titles?.properties as object | undefined) ?? {})) if (!groups.includes(key)) problems.push(`titres_groupes : « ${key} » n'est pas un groupe (${list(groups)}).`);
  }
  for (const [id, model] of Object.entries(catalogue.modeles)) {
    if (!model) continue;
    if (![`${type}/preambule.${id}`, `${type}/preambule`].some((t) => templates.has(t))) problems.push(`modeles.${id} : pas de préambule (templates/${type}/preambule.md.hbs).`);
    const seen = new Set<string>();
    for (const article of model.articles) {
      const where = `modeles.${id}.articles.${article.id}`;
      if (seen.has(article.id)) problems.push(`${where} : identifiant en double.`);
      seen.add(article.id);
      if (article.groupe !== undefined && !groups.includes(article.groupe)) problems.push(`${where} : le groupe « ${article.groupe} » n'est pas dans « groupes » (${list(groups)}).`);
      if (article.titre === undefined && article.repeter === undefined) problems.push(`${where} : titre manquant.`);
      if (article.repeter !== undefined) {
        const repeated = needField(article.repeter, where);
        if (repeated && repeated.type !== 'array') problems.push(`${where} : « ${article.repeter} » n'est pas une liste.`);
      }
      const candidates = clauseCandidates(type, 'articles', article.gabarit ?? article.id, id);
      if (!candidates.some((c) => templates.has(c))) problems.push(`${where} : aucun gabarit (cherché : ${candidates.join(', ')}).`);
      checkCondition(article.si, where);
    }
  }

  // Stock annexes: the YAML may name each (to join it, or to say how one joined of the
  // catalogue's accord is provided), by the ids of its schema's rubrique « annexes ».
  const annexes = catalogue.annexes ?? {};
  const nameable = Object.keys(annexes);
  const annexField = schemaAt(form, 'annexes');
  const annexIds = fixedValues(((annexField?.items as JsonSchema | undefined)?.properties as Record<string, JsonSchema> | undefined)?.id) ?? [];
  if (annexField || nameable.length > 0) {
    if (!same(annexIds, nameable)) problems.push(`annexes : celles du catalogue (${list(nameable)}) diffèrent des identifiants de la rubrique « annexes » du schéma (${list(annexIds)}).`);
  }
  const articleIds = new Set(Object.values(catalogue.modeles).flatMap((modele) => (modele?.articles ?? []).map((article) => article.id)));
  for (const [id, annex] of Object.entries(annexes)) {
    if (!annex) continue;
    if (annex.gabarit) needTemplate(annexPartial(annex.gabarit), `annexes.${id}`);
    if (annex.titre_depuis) needField(annex.titre_depuis, `annexes.${id}.titre_depuis`);
    checkCondition(annex.gabarit_si, `annexes.${id}.gabarit_si`);
    for (const article of annex.citee_dans ?? []) {
      if (!articleIds.has(article)) problems.push(`annexes.${id}.citee_dans : « ${article} » n'est l'identifiant d'aucun article des modèles du type.`);
    }
  }

  // Texts of fixed values: one per value the schema admits.
  for (const [path, texts] of Object.entries(catalogue.libelles ?? {})) {
    const admitted = fixedValues(needField(path, `libelles.${path}`));
    if (admitted && !same(admitted, Object.keys(texts ?? {}))) problems.push(`libelles.${path} : valeurs (${list(Object.keys(texts ?? {}))}) différentes de celles du schéma (${list(admitted)}).`);
  }
  for (const [path, field] of Object.entries(catalogue.champs ?? {})) {
    needField(path, `champs.${path}`);
    checkCondition(field?.si, `champs.${path}`);
  }
  for (const [index, rule] of (catalogue.regles ?? []).entries()) {
    needField(rule.chemin, `regles.${index}.chemin`);
    checkCondition(rule.si, `regles.${index}`);
  }
  for (const [name, variant] of Object.entries(catalogue.variantes ?? {})) {
    for (const [index, version] of (variant?.versions ?? []).entries()) checkCondition(version.si, `variantes.${name}.versions.${index}`);
  }
  if (catalogue.bloc_final) {
    needTemplate(partial(catalogue.bloc_final.gabarit), 'bloc_final');
    checkCondition(catalogue.bloc_final.si, 'bloc_final');
  }
  return problems;
}
