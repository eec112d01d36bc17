/**
 * The template contract, checked statically: every path a template reads must exist in the model it
 * is rendered with. The model's shape comes from its TypeScript declaration (src/core/model.ts,
 * read with the TypeScript compiler), the YAML part of it (`donnees`) from the type's JSON Schema,
 * the places of the parties from the catalogue. Templates are walked from the entry points the
 * engine renders (document skeleton, préambule, each article of each drafting model, each annex,
 * the final block), following partials with the context each call gives them.
 */
import Handlebars from 'handlebars';
import ts from 'typescript';
import { join } from 'node:path';
import { clauseCandidates } from '../../src/core/compose.js';
import { REGIMES } from '../../src/core/rgpd.js';
import type { JsonSchema } from '../../src/core/schema-inline.js';
import type { TypeDefinition } from '../../src/core/registry.js';
import { ROOT } from './paths.js';

type Node = hbs.AST.Node;
type Expression = hbs.AST.Expression;

export type Shape =
  | { kind: 'any' }
  | { kind: 'scalar' }
  | { kind: 'object'; props: Map<string, Shape>; index?: Shape }
  | { kind: 'array'; items: Shape }
  | { kind: 'union'; of: Shape[] };

const ANY: Shape = { kind: 'any' };
const SCALAR: Shape = { kind: 'scalar' };
const object = (props: Record<string, Shape>, index?: Shape): Shape => ({ kind: 'object', props: new Map(Object.entries(props)), ...(index ? { index } : {}) });

/** The shape of a property of a shape, or undefined when it has none. */
export function member(shape: Shape, key: string): Shape | undefined {
  switch (shape.kind) {
    case 'any':
      return ANY;
    case 'scalar':
      return key === 'length' ? SCALAR : undefined;
    case 'array':
      return key === 'length' ? SCALAR : /^\d+$/.test(key) ? shape.items : undefined;
    case 'object':
      return shape.props.get(key) ?? shape.index;
    case 'union': {
      const found = shape.of.map((s) => member(s, key)).filter((s): s is Shape => s !== undefined);
      return found.length === 0 ? undefined : found.length === 1 ? found[0] : { kind: 'union', of: found };
    }
  }
}

function itemsOf(shape: Shape): Shape {
  if (shape.kind === 'array') return shape.items;
  if (shape.kind === 'object') return shape.index ?? union([...shape.props.values()]);
  if (shape.kind === 'union') return union(shape.of.map(itemsOf));
  return ANY;
}

function union(shapes: Shape[]): Shape {
  const kept = shapes.filter((s) => s.kind !== 'scalar' || shapes.length === 1);
  if (kept.some((s) => s.kind === 'any')) return ANY;
  return kept.length === 1 ? kept[0]! : { kind: 'union', of: kept };
}

function extend(shape: Shape, props: Record<string, Shape>): Shape {
  if (shape.kind === 'any') return ANY;
  if (shape.kind === 'object') return { kind: 'object', props: new Map([...shape.props, ...Object.entries(props)]), ...(shape.index ? { index: shape.index } : {}) };
  return object(props);
}

// ── The model's declared shape, from src/core/model.ts ──────────────────────────────────────────

let declared: Map<string, Shape> | undefined;

/** The shapes of the interfaces declared in src/core/model.ts, by name. */
export function modelShapes(): Map<string, Shape> {
  if (declared) return declared;
  const file = join(ROOT, 'src', 'core', 'model.ts');
  const program = ts.createProgram([file], { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const seen = new Map<ts.Type, Shape>();
  const shapeOf = (type: ts.Type): Shape => {
    const known = seen.get(type);
    if (known) return known;
    if (type.flags & ts.TypeFlags.Unknown || type.flags & ts.TypeFlags.Any) return ANY;
    if (type.isUnion()) {
      const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
      const literals = parts.every((t) => t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike));
      return literals ? SCALAR : parts.length === 1 ? shapeOf(parts[0]!) : union(parts.map(shapeOf));
    }
    if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike)) return SCALAR;
    if (checker.isArrayType(type)) return { kind: 'array', items: shapeOf(checker.getTypeArguments(type as ts.TypeReference)[0]!) };
    const result: Shape = { kind: 'object', props: new Map() };
    seen.set(type, result);
    for (const property of type.getProperties()) result.props.set(property.name, shapeOf(checker.getTypeOfSymbolAtLocation(property, source)));
    const index = type.getStringIndexType();
    if (index) result.index = shapeOf(index);
    return result;
  };
  declared = new Map();
  ts.forEachChild(source, (node) => {
    if (ts.isInterfaceDeclaration(node)) declared!.set(node.name.text, shapeOf(checker.getTypeAtLocation(node)));
  });
  return declared;
}

/** What a YAML described by a schema looks like once compose filled its defaults. */
export function schemaShape(schema: JsonSchema | undefined): Shape {
  if (!schema) return ANY;
  const branches = [...(Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : []), ...(Array.isArray(schema.oneOf) ? (schema.oneOf as JsonSchema[]) : [])];
  const own = (): Shape | undefined => {
    if (schema.properties) return object(Object.fromEntries(Object.entries(schema.properties as Record<string, JsonSchema>).map(([k, v]) => [k, schemaShape(v)])));
    if (schema.items) return { kind: 'array', items: schemaShape(schema.items as JsonSchema) };
    if (schema.type === 'object') return object({}, ANY);
    if (schema.type === 'array') return { kind: 'array', items: ANY };
    return schema.type || schema.enum || 'const' in schema ? SCALAR : undefined;
  };
  const shapes = [own(), ...branches.map((b) => schemaShape({ ...schema, anyOf: undefined, oneOf: undefined, ...b }))].filter((s): s is Shape => s !== undefined);
  return shapes.length === 0 ? ANY : union(shapes);
}

// ── The walk ─────────────────────────────────────────────────────────────────────────────────

export interface Finding {
  template: string;
  line: number;
  column: number;
  message: string;
}

interface Walk {
  type: TypeDefinition;
  templates: ReadonlyMap<string, hbs.AST.Program>;
  root: Shape;
  /** Roots of every type, for a shared template testing a field some types lack. */
  others: Shape[];
  helpers: ReadonlySet<string>;
  articleIds: ReadonlySet<string>;
  findings: Finding[];
  visited: Set<string>;
}

const BUILTIN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

function resolve(path: hbs.AST.PathExpression, stack: Shape[], root: Shape): Shape | undefined {
  let shape: Shape | undefined;
  let parts = path.parts;
  if (path.data) {
    if (parts[0] === 'root') {
      shape = root;
      parts = parts.slice(1);
    } else return SCALAR; // @index, @first, @last, @key
  } else {
    shape = stack[stack.length - 1 - path.depth];
    if (!shape) return undefined;
  }
  for (const part of parts) {
    if (!shape) return undefined;
    shape = member(shape, part);
  }
  return shape;
}

function checkExpression(walk: Walk, node: Expression, stack: Shape[], template: string): Shape | undefined {
  switch (node.type) {
    case 'PathExpression': {
      const path = node as hbs.AST.PathExpression;
      const shape = resolve(path, stack, walk.root);
      if (!shape) report(walk, template, node, `« ${path.original} » absent du modèle`);
      return shape;
    }
    case 'SubExpression': {
      const sub = node as hbs.AST.SubExpression;
      checkCall(walk, sub.path as hbs.AST.PathExpression, sub.params, sub.hash, stack, template, node);
      return ANY;
    }
    default:
      return SCALAR;
  }
}

function report(walk: Walk, template: string, node: Node, message: string): void {
  walk.findings.push({ template, line: node.loc?.start.line ?? 0, column: (node.loc?.start.column ?? 0) + 1, message: `${walk.type.id} : ${message}` });
}

function checkCall(walk: Walk, path: hbs.AST.PathExpression, params: Expression[], hash: hbs.AST.Hash | undefined, stack: Shape[], template: string, node: Node): void {
  const name = path.original;
  if (!walk.helpers.has(name) && !BUILTIN_HELPERS.has(name)) report(walk, template, node, `helper « ${name} » inconnu`);
  for (const param of params) checkExpression(walk, param, stack, template);
  for (const pair of hash?.pairs ?? []) checkExpression(walk, pair.value, stack, template);
  const literal = params[0]?.type === 'StringLiteral' ? (params[0] as hbs.AST.StringLiteral).value : undefined;
  if (literal !== undefined) {
    if ((name === 'ref' || name === 'renvoiA') && !walk.articleIds.has(literal)) report(walk, template, node, `renvoi à l'article « ${literal} », qu'aucun modèle du type n'a`);
    if (name === 'libelle' && !(walk.type.catalogue.libelles && literal in walk.type.catalogue.libelles)) report(walk, template, node, `pas de libellés pour « ${literal} » dans le catalogue`);
  }
}

/** A shared template may test a field some types lack (the branch is dead for them), never one no type has. */
function guard(walk: Walk, param: Expression, stack: Shape[], template: string): 'live' | 'dead' {
  if (param.type !== 'PathExpression') {
    checkExpression(walk, param, stack, template);
    return 'live';
  }
  const path = param as hbs.AST.PathExpression;
  if (resolve(path, stack, walk.root)) return 'live';
  const rooted = path.data || stack.length === 1;
  if (template.startsWith('common/') && rooted && walk.others.some((other) => resolve(path, [other], other))) return 'dead';
  report(walk, template, param, `« ${path.original} » absent du modèle`);
  return 'live';
}

function walkProgram(walk: Walk, program: hbs.AST.Program | undefined, stack: Shape[], template: string): void {
  for (const statement of program?.body ?? []) walkStatement(walk, statement, stack, template);
}

function walkStatement(walk: Walk, node: hbs.AST.Statement, stack: Shape[], template: string): void {
  switch (node.type) {
    case 'MustacheStatement': {
      const mustache = node as hbs.AST.MustacheStatement;
      const path = mustache.path as hbs.AST.PathExpression;
      const isHelper = mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0 || (path.parts.length === 1 && !path.data && walk.helpers.has(path.original));
      if (!isHelper) checkExpression(walk, path, stack, template);
      else if (path.original !== 'corps') checkCall(walk, path, mustache.params, mustache.hash, stack, template, node);
      return;
    }
    case 'BlockStatement': {
      const block = node as hbs.AST.BlockStatement;
      const name = (block.path as hbs.AST.PathExpression).original;
      const param = block.params[0];
      if ((name === 'if' || name === 'unless') && param) {
        const live = guard(walk, param, stack, template);
        if (live === 'live') walkProgram(walk, block.program, stack, template);
        walkProgram(walk, block.inverse, stack, template);
      } else if ((name === 'each' || name === 'with') && param) {
        const shape = checkExpression(walk, param, stack, template) ?? ANY;
        walkProgram(walk, block.program, [...stack, name === 'each' ? itemsOf(shape) : shape], template);
        walkProgram(walk, block.inverse, stack, template);
      } else {
        checkCall(walk, block.path as hbs.AST.PathExpression, block.params, block.hash, stack, template, node);
        walkProgram(walk, block.program, stack, template);
        walkProgram(walk, block.inverse, stack, template);
      }
      return;
    }
    case 'PartialStatement': {
      const partial = node as hbs.AST.PartialStatement;
      let context = partial.params[0] ? (checkExpression(walk, partial.params[0], stack, template) ?? ANY) : stack[stack.length - 1]!;
      const hash: Record<string, Shape> = {};
      for (const pair of partial.hash?.pairs ?? []) hash[pair.key] = checkExpression(walk, pair.value, stack, template) ?? ANY;
      if (Object.keys(hash).length > 0) context = extend(context, hash);
      let names: string[];
      if (partial.name.type === 'SubExpression') {
        // `(concat "locale-ccas/engagements/" this)`: every template below that prefix.
        const sub = partial.name as hbs.AST.SubExpression;
        checkCall(walk, sub.path as hbs.AST.PathExpression, sub.params, sub.hash, stack, template, node);
        const prefix = sub.params[0]?.type === 'StringLiteral' ? (sub.params[0] as hbs.AST.StringLiteral).value : '';
        names = [...walk.templates.keys()].filter((t) => prefix && t.startsWith(prefix));
      } else {
        const name = (partial.name as hbs.AST.PathExpression).original;
        if (!walk.templates.has(name)) report(walk, template, node, `gabarit « ${name} » introuvable`);
        names = [name];
      }
      for (const name of names) walkTemplate(walk, name, context);
      return;
    }
    default:
      return;
  }
}

function walkTemplate(walk: Walk, name: string, context: Shape): void {
  const program = walk.templates.get(name);
  if (!program) return;
  // A template is walked once per context it is given (partials called with other hash values are new contexts).
  const key = `${name}\0${JSON.stringify(context, (_k, v: unknown) => (v instanceof Map ? [...v.keys()] : v))}`;
  if (walk.visited.has(key)) return;
  walk.visited.add(key);
  walkProgram(walk, program, [context], name);
}

/** The model a type's templates see: the declared model, the type's places, its YAML's shape. */
export function rootShape(type: TypeDefinition): Shape {
  const shapes = modelShapes();
  const party = shapes.get('PartyView')!;
  const document = shapes.get('DocumentModel')!;
  if (document.kind !== 'object') throw new Error('DocumentModel introuvable');
  const places = Object.keys(type.catalogue.parties);
  return extend(document, {
    ...Object.fromEntries(places.map((p) => [p, party])),
    membres: object(Object.fromEntries(places.map((p) => [p, { kind: 'array', items: party } as Shape]))),
    donnees: schemaShape(type.form),
  });
}

/** Every finding of every template a type renders. */
export function checkTemplates(type: TypeDefinition, others: readonly TypeDefinition[], sources: ReadonlyMap<string, string>, helpers: ReadonlySet<string>): Finding[] {
  const templates = new Map([...sources].map(([name, text]) => [name, Handlebars.parse(text)]));
  const root = rootShape(type);
  const catalogue = type.catalogue;
  const articleIds = new Set(Object.values(catalogue.modeles).flatMap((m) => m?.articles.map((a) => a.id) ?? []));
  const walk: Walk = { type, templates, root, others: others.map(rootShape), helpers, articleIds, findings: [], visited: new Set() };
  const shapes = modelShapes();
  const article = shapes.get('ArticleView')!;
  const annex = shapes.get('AnnexView')!;
  const first = (candidates: string[]) => candidates.find((c) => templates.has(c));
  const entry = (name: string | undefined, context: Shape, what: string) => {
    if (name === undefined) walk.findings.push({ template: what, line: 0, column: 0, message: `${type.id} : aucun gabarit pour ${what}` });
    else walkTemplate(walk, name, context);
  };

  entry('common/document', root, 'le document');
  for (const [modele, definition] of Object.entries(catalogue.modeles)) {
    if (!definition) continue;
    entry(first([`${type.id}/preambule.${modele}`, `${type.id}/preambule`]), root, `le préambule (${modele})`);
    for (const entryOf of definition.articles) {
      const repeated = entryOf.repeter ? (member(schemaShape(type.form), entryOf.repeter.split('.')[0]!) ?? ANY) : undefined;
      const element = repeated ? itemsOf(entryOf.repeter!.split('.').slice(1).reduce<Shape>((s, k) => member(s, k) ?? ANY, repeated)) : SCALAR;
      const context = extend(root, { article: extend(article, { element }) });
      entry(first(clauseCandidates(type.id, 'articles', entryOf.gabarit ?? entryOf.id, modele)), context, `l'article « ${entryOf.id} » (${modele})`);
    }
    if (definition.annexes_separees) entry('common/annexe-separee', extend(root, { annexe: annex }), 'les annexes séparées');
  }
  const annexPartial = (name: string) => (name.includes('/') ? name : `${type.id}/annexes/${name}`);
  const annexes = [
    ...Object.values(catalogue.annexes ?? {}).flatMap((a) => (a?.gabarit ? [annexPartial(a.gabarit)] : [])),
    ...Object.entries(catalogue.rgpd).flatMap(([regime, config]) => {
      const standard = REGIMES[regime as keyof typeof REGIMES]?.annexe;
      return standard ? [annexPartial(config?.annexe?.gabarit ?? standard.gabarit)] : [];
    }),
  ];
  for (const name of annexes) entry(name, extend(root, { annexe: annex }), `l'annexe ${name}`);
  if (catalogue.bloc_final) entry(catalogue.bloc_final.gabarit.includes('/') ? catalogue.bloc_final.gabarit : `${type.id}/${catalogue.bloc_final.gabarit}`, root, 'le bloc final');
  return walk.findings;
}
