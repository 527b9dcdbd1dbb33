/**
 * A small declarative schema language. One definition gives four things: a
 * validator that reports every problem with its JSON path, the default of an
 * optional field, a description, and JSON Schema (draft 2020-12) for editors.
 *
 * A schema is typed twice: `Out<S>` is the value after defaults are applied,
 * `In<S>` the document a person may write (fields with defaults optional).
 * `fill` turns a validated `In` into an `Out`; it always builds new
 * containers, so defaults are never shared between documents.
 */
import type { ScenarioProblem } from './types.ts';
import { LabError } from '../core/errors.ts';
import { enoughProblems } from './problem-cap.ts';
import { childPath, didYouMean, closest, indexPath, listOf, quote, show } from './problem-text.ts';

export type ProblemCode = ScenarioProblem['code'];
export type JsonSchema = { [keyword: string]: unknown };

/** Shared `$defs` of the JSON Schema being built (see `named`). */
export type JsonSchemaDefs = Map<string, JsonSchema>;

export interface Schema<O, I = O> {
  /** What a value must be, as a phrase after "must be": "an integer from 0 to 8". */
  readonly expected: string;
  readonly description: string | undefined;
  /** True when the field may be omitted and `fill` supplies `defaultValue`. */
  readonly hasDefault: boolean;
  readonly defaultValue: O | undefined;
  /** Appends every problem of `value` (found at `path`) to `problems`. */
  validate(value: unknown, path: string, problems: ScenarioProblem[]): void;
  /** The value with defaults applied; `value` must have validated. */
  fill(value: I): O;
  toJsonSchema(defs: JsonSchemaDefs): JsonSchema;
  /** Type carriers only; never set. */
  readonly _out?: O;
  readonly _in?: I;
}

export type Defaulted<O, I = O> = Schema<O, I> & { readonly hasDefault: true; readonly defaultValue: O };
export type AnySchema = Schema<unknown, unknown>;
export type Out<S> = S extends { readonly _out?: infer O } ? O : never;
export type In<S> = S extends { readonly _in?: infer I } ? I : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

function problem(problems: ScenarioProblem[], path: string, code: ProblemCode, message: string): void {
  problems.push({ path, code, message });
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** Builds a schema from its parts, with no default. */
function make<O, I = O>(parts: {
  expected: string;
  description?: string | undefined;
  validate: Schema<O, I>['validate'];
  fill: Schema<O, I>['fill'];
  json: (defs: JsonSchemaDefs) => JsonSchema;
}): Schema<O, I> {
  const { expected, description, validate, fill, json } = parts;
  return {
    expected,
    description,
    hasDefault: false,
    defaultValue: undefined,
    validate,
    fill,
    toJsonSchema: (defs) => withDescription(json(defs), description),
  };
}

function withDescription(json: JsonSchema, description: string | undefined): JsonSchema {
  return description === undefined ? json : { description, ...json };
}

const identity = <T>(v: T): T => v;

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// ---------------------------------------------------------------- modifiers

/** The same schema with a description (for JSON Schema and tooltips). */
export function describe<S extends AnySchema>(schema: S, description: string): S {
  const toJsonSchema = (defs: JsonSchemaDefs): JsonSchema => {
    const { description: _replaced, ...rest } = schema.toJsonSchema(defs);
    return { description, ...rest };
  };
  return { ...schema, description, toJsonSchema };
}

/**
 * An optional field that gets `value` (written as a document would, then
 * filled) when absent. The default must itself validate: a wrong default is
 * a programming error, caught when the module loads.
 */
export function withDefault<O, I>(schema: Schema<O, I>, value: I): Defaulted<O, I> {
  const problems: ScenarioProblem[] = [];
  schema.validate(value, '$', problems);
  if (problems.length > 0) throw new LabError('INTERNAL', `schema default ${JSON.stringify(value)} is invalid: ${problems[0]!.message}`);
  const filled = schema.fill(value);
  return {
    ...schema,
    hasDefault: true,
    defaultValue: filled,
    toJsonSchema: (defs) => ({ ...schema.toJsonSchema(defs), default: filled }),
  } as Defaulted<O, I>;
}

/**
 * Emits the schema once under `$defs/<name>` and refers to it with `$ref`
 * everywhere it is used, so the published file stays readable.
 */
export function named<S extends AnySchema>(name: string, schema: S): S {
  return {
    ...schema,
    toJsonSchema: (defs: JsonSchemaDefs) => {
      if (!defs.has(name)) {
        defs.set(name, {}); // reserve first: keeps the order stable and ends recursion
        defs.set(name, schema.toJsonSchema(defs));
      }
      return { $ref: `#/$defs/${name}` };
    },
  };
}

/** `schema` or null. */
export function nullable<O, I>(schema: Schema<O, I>, opts: { description?: string } = {}): Schema<O | null, I | null> {
  const expected = `${schema.expected}, or null`;
  return make<O | null, I | null>({
    expected,
    description: opts.description,
    validate: (value, path, problems) => {
      if (value === null) return;
      const inner: ScenarioProblem[] = [];
      schema.validate(value, path, inner);
      // A wrong type should say null was allowed too.
      for (const p of inner) problems.push(p.path === path && p.code === 'SCENARIO_TYPE' ? { ...p, message: `must be ${expected}, got ${show(value)}` } : p);
    },
    fill: (value) => (value === null ? null : schema.fill(value)),
    json: (defs) => ({ anyOf: [schema.toJsonSchema(defs), { type: 'null' }] }),
  });
}

// ---------------------------------------------------------------- scalars

export interface NumberOptions {
  min: number;
  max: number;
  /** Word after the range in messages: "microseconds", "bytes". */
  unit?: string;
  description?: string;
}

function numeric(integer: boolean, opts: NumberOptions): Schema<number> {
  const { min, max, unit } = opts;
  const expected = `${integer ? 'an integer' : 'a number'} from ${min} to ${max}${unit ? ` ${unit}` : ''}`;
  return make<number>({
    expected,
    description: opts.description,
    validate: (value, path, problems) => {
      const message = `must be ${expected}, got ${show(value)}`;
      if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
        problem(problems, path, 'SCENARIO_TYPE', message);
      } else if (value < min || value > max) {
        problem(problems, path, 'SCENARIO_RANGE', message);
      }
    },
    fill: identity,
    json: () => ({ type: integer ? 'integer' : 'number', minimum: min, maximum: max }),
  });
}

export const int = (opts: NumberOptions): Schema<number> => numeric(true, opts);
export const num = (opts: NumberOptions): Schema<number> => numeric(false, opts);

export function bool(opts: { description?: string } = {}): Schema<boolean> {
  return make<boolean>({
    expected: 'true or false',
    description: opts.description,
    validate: (value, path, problems) => {
      if (typeof value !== 'boolean') problem(problems, path, 'SCENARIO_TYPE', `must be true or false, got ${show(value)}`);
    },
    fill: identity,
    json: () => ({ type: 'boolean' }),
  });
}

/** A text format checked in code (CIDR, IP address), published as JSON Schema `format` plus a loose pattern. */
export interface StringFormat {
  readonly name: string;
  /** "an address with a prefix length, like 198.18.1.1/24". */
  readonly expected: string;
  /** A permissive pattern for editors; `check` has the final word. */
  readonly pattern: string;
  /** Null when `text` is fine, else why it is not: "the prefix length 33 is more than 32". */
  check(text: string): string | null;
}

export interface StringOptions {
  pattern?: RegExp;
  /** What `pattern` means, for messages: "an id: a lowercase letter, then lowercase letters, digits or '-'". */
  patternText?: string;
  format?: StringFormat;
  minLength?: number;
  maxLength?: number;
  description?: string;
}

export function str(opts: StringOptions = {}): Schema<string> {
  const { pattern, patternText, format, minLength = 0, maxLength } = opts;
  const expected = format?.expected ?? patternText ?? (minLength > 0 ? 'a non-empty string' : 'a string');
  return make<string>({
    expected,
    description: opts.description,
    validate: (value, path, problems) => {
      if (typeof value !== 'string') return problem(problems, path, 'SCENARIO_TYPE', `must be ${expected}, got ${show(value)}`);
      const length = codePoints(value); // as JSON Schema counts
      if (length < minLength) {
        const message = minLength === 1 ? 'must not be empty' : `must be at least ${minLength} characters long, got ${length}`;
        return problem(problems, path, 'SCENARIO_RANGE', message);
      }
      if (maxLength !== undefined && length > maxLength) {
        return problem(problems, path, 'SCENARIO_RANGE', `must be at most ${maxLength} characters long, got ${length}`);
      }
      if (pattern && !pattern.test(value)) return problem(problems, path, 'SCENARIO_FORMAT', `must be ${expected}, got ${show(value)}`);
      if (format) {
        const why = format.check(value);
        if (why !== null) problem(problems, path, 'SCENARIO_FORMAT', `${show(value)} is not ${format.expected}: ${why}`);
      }
    },
    fill: identity,
    json: () => {
      const json: JsonSchema = { type: 'string' };
      if (minLength > 0) json.minLength = minLength;
      if (maxLength !== undefined) json.maxLength = maxLength;
      if (pattern) json.pattern = pattern.source;
      if (format) Object.assign(json, { format: format.name, pattern: format.pattern });
      return json;
    },
  });
}

/** Exactly `value`. */
export function literal<const V extends string | number | boolean>(value: V, opts: { description?: string } = {}): Schema<V> {
  const expected = JSON.stringify(value);
  return make<V>({
    expected,
    description: opts.description,
    validate: (v, path, problems) => {
      if (v !== value) problem(problems, path, typeof v === typeof value ? 'SCENARIO_ENUM' : 'SCENARIO_TYPE', `must be ${expected}, got ${show(v)}`);
    },
    fill: identity,
    json: () => ({ const: value }),
  });
}

/** One of a list of strings; `noun` names what they are in messages ("a scheduler"). */
export function enumOf<const V extends string>(values: readonly V[], opts: { noun: string; description?: string }): Schema<V> {
  const expected = `${opts.noun}: one of ${listOf(values)}`;
  return make<V>({
    expected,
    description: opts.description,
    validate: (value, path, problems) => {
      if (typeof value !== 'string') return problem(problems, path, 'SCENARIO_TYPE', `must be ${expected}, got ${show(value)}`);
      if (!(values as readonly string[]).includes(value)) {
        problem(problems, path, 'SCENARIO_ENUM', `${show(value)} is not ${opts.noun}: expected one of ${listOf(values)}${didYouMean(value, values)}`);
      }
    },
    fill: identity,
    json: () => ({ type: 'string', enum: [...values] }),
  });
}

/** Any JSON object, unchecked inside (the `ui` sub-object). */
export function anyObject(opts: { description?: string } = {}): Schema<Record<string, unknown>> {
  return make<Record<string, unknown>>({
    expected: 'an object',
    description: opts.description,
    validate: (value, path, problems) => {
      if (!isPlainObject(value)) problem(problems, path, 'SCENARIO_TYPE', `must be an object, got ${show(value)}`);
    },
    fill: (value) => ({ ...value }),
    json: () => ({ type: 'object' }),
  });
}

// ---------------------------------------------------------------- containers

export interface ArrayOptions {
  min?: number;
  max?: number;
  /** Repeated items are SCENARIO_DUPLICATE problems (for lists of flags). */
  unique?: boolean;
  description?: string;
}

export function arr<O, I>(item: Schema<O, I>, opts: ArrayOptions = {}): Schema<O[], I[]> {
  const { min = 0, max, unique = false } = opts;
  const plural = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
  return make<O[], I[]>({
    expected: `a list of ${item.expected}`,
    description: opts.description,
    validate: (value, path, problems) => {
      if (!Array.isArray(value)) return problem(problems, path, 'SCENARIO_TYPE', `must be a list, got ${show(value)}`);
      if (value.length < min) problem(problems, path, 'SCENARIO_RANGE', `must have at least ${plural(min)}, got ${value.length}`);
      if (max !== undefined && value.length > max) problem(problems, path, 'SCENARIO_RANGE', `must have at most ${plural(max)}, got ${value.length}`);
      const seen = new Map<string, number>();
      for (let i = 0; i < value.length && !enoughProblems(problems); i++) {
        const v: unknown = value[i];
        item.validate(v, indexPath(path, i), problems);
        if (!unique || (typeof v !== 'string' && typeof v !== 'number')) continue;
        const key = `${typeof v}:${v}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, i);
        else problem(problems, indexPath(path, i), 'SCENARIO_DUPLICATE', `${show(v)} is already listed at ${indexPath('', first)}`);
      }
    },
    fill: (value) => value.map((v) => item.fill(v)),
    json: (defs) => {
      const json: JsonSchema = { type: 'array', items: item.toJsonSchema(defs) };
      if (min > 0) json.minItems = min;
      if (max !== undefined) json.maxItems = max;
      if (unique) json.uniqueItems = true;
      return json;
    },
  });
}

type TupleOut<T> = { -readonly [K in keyof T]: Out<T[K]> };
type TupleIn<T> = { -readonly [K in keyof T]: In<T[K]> };

/** A fixed-length list whose positions have their own schemas. */
export function tuple<const T extends readonly AnySchema[]>(items: T, opts: { description?: string } = {}): Schema<TupleOut<T>, TupleIn<T>> {
  const n = items.length;
  return make<TupleOut<T>, TupleIn<T>>({
    expected: `a list of exactly ${n} items`,
    description: opts.description,
    validate: (value, path, problems) => {
      if (!Array.isArray(value)) return problem(problems, path, 'SCENARIO_TYPE', `must be a list of exactly ${n} items, got ${show(value)}`);
      if (value.length !== n) problem(problems, path, 'SCENARIO_RANGE', `must have exactly ${n} items, got ${value.length}`);
      value.forEach((v: unknown, i) => items[i]?.validate(v, indexPath(path, i), problems));
    },
    fill: (value) => (value as readonly unknown[]).map((v, i) => items[i]!.fill(v)) as TupleOut<T>,
    json: (defs) => ({ type: 'array', prefixItems: items.map((s) => s.toJsonSchema(defs)), items: false, minItems: n, maxItems: n }),
  });
}

type Props = Record<string, AnySchema>;
type DefaultedKeys<P> = { [K in keyof P]: P[K] extends { readonly hasDefault: true } ? K : never }[keyof P];
export type ObjOut<P, K extends keyof P> = Simplify<
  { [F in Exclude<keyof P, K> | DefaultedKeys<P>]: Out<P[F]> } & { [F in Exclude<K, DefaultedKeys<P>>]?: Out<P[F]> }
>;
export type ObjIn<P, K extends keyof P> = Simplify<
  { [F in Exclude<keyof P, K | DefaultedKeys<P>>]: In<P[F]> } & { [F in K | DefaultedKeys<P>]?: In<P[F]> }
>;

export interface ObjectOptions<K> {
  /** Fields that may be absent and stay absent. Fields with a default may always be omitted. */
  optional?: readonly K[];
  description?: string;
  /** Extra words for an unknown field that is a known mistake: { pathManager: 'only hosts have a path manager' }. */
  hints?: Record<string, string>;
}

/**
 * An object with exactly these fields. Unknown fields are problems, with a
 * guess at the intended name; when the guess is a required field that is
 * missing, the one problem says both, so a typo is reported once.
 */
export function obj<P extends Props, K extends keyof P & string = never>(props: P, opts: ObjectOptions<K> = {}): Schema<ObjOut<P, K>, ObjIn<P, K>> {
  const names = Object.keys(props);
  const optional = new Set<string>(opts.optional ?? []);
  const required = names.filter((n) => !optional.has(n) && !props[n]!.hasDefault);
  return make<ObjOut<P, K>, ObjIn<P, K>>({
    expected: 'an object',
    description: opts.description,
    validate: (value, path, problems) => {
      if (!isPlainObject(value)) return problem(problems, path, 'SCENARIO_TYPE', `must be an object, got ${show(value)}`);
      const missing = required.filter((n) => !hasOwn(value, n) || value[n] === undefined);
      const claimed = new Set<string>();
      for (const key of Object.keys(value)) {
        if (enoughProblems(problems)) return; // the list is capped anyway (problem-cap.ts)
        const schema = hasOwn(props, key) ? props[key] : undefined;
        if (schema) {
          if (value[key] !== undefined) schema.validate(value[key], childPath(path, key), problems);
          continue;
        }
        const hint = opts.hints && hasOwn(opts.hints, key) ? opts.hints[key] : undefined;
        const guess = closest(key, names.filter((n) => !hasOwn(value, n)));
        let message: string;
        if (hint !== undefined) message = `unknown field ${quote(key)}: ${hint}`;
        else if (guess !== undefined) message = `unknown field ${quote(key)} (did you mean ${quote(guess)}?)`;
        else message = `unknown field ${quote(key)} (the fields here are ${listOf(names)})`;
        if (guess !== undefined && hint === undefined && missing.includes(guess)) claimed.add(guess);
        problem(problems, childPath(path, key), 'SCENARIO_UNKNOWN_FIELD', message);
      }
      for (const n of missing) {
        if (!claimed.has(n)) problem(problems, childPath(path, n), 'SCENARIO_REQUIRED', `missing required field ${quote(n)}: ${props[n]!.expected}`);
      }
    },
    fill: (value) => {
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const n of names) {
        const schema = props[n]!;
        if (source[n] !== undefined) out[n] = schema.fill(source[n]);
        // fill is idempotent on valid values, so filling the filled default makes a fresh copy.
        else if (schema.hasDefault) out[n] = schema.fill(schema.defaultValue);
      }
      return out as ObjOut<P, K>;
    },
    json: (defs) => {
      const properties: Record<string, JsonSchema> = {};
      for (const n of names) properties[n] = props[n]!.toJsonSchema(defs);
      const json: JsonSchema = { type: 'object', properties };
      if (required.length > 0) json.required = required;
      json.additionalProperties = false;
      return json;
    },
  });
}

/**
 * Objects told apart by a string field (`kind`): the field's value picks the
 * branch, which validates the rest. `noun` names the field in messages.
 */
export function union<const B extends Record<string, AnySchema>>(
  field: string,
  branches: B,
  opts: { noun: string; description?: string },
): Schema<Out<B[keyof B]>, In<B[keyof B]>> {
  const kinds = Object.keys(branches);
  return make<Out<B[keyof B]>, In<B[keyof B]>>({
    expected: `an object whose ${quote(field)} is one of ${listOf(kinds)}`,
    description: opts.description,
    validate: (value, path, problems) => {
      if (!isPlainObject(value)) return problem(problems, path, 'SCENARIO_TYPE', `must be an object, got ${show(value)}`);
      const tag = value[field];
      const at = childPath(path, field);
      if (tag === undefined) return problem(problems, at, 'SCENARIO_REQUIRED', `missing required field ${quote(field)}: ${opts.noun}: one of ${listOf(kinds)}`);
      if (typeof tag !== 'string') return problem(problems, at, 'SCENARIO_TYPE', `must be ${opts.noun}: one of ${listOf(kinds)}, got ${show(tag)}`);
      const branch = hasOwn(branches, tag) ? branches[tag] : undefined;
      if (!branch) return problem(problems, at, 'SCENARIO_ENUM', `${show(tag)} is not ${opts.noun}: expected one of ${listOf(kinds)}${didYouMean(tag, kinds)}`);
      branch.validate(value, path, problems);
    },
    fill: (value) => {
      const tag = (value as Record<string, unknown>)[field] as string;
      return branches[tag]!.fill(value) as Out<B[keyof B]>;
    },
    json: (defs) => ({ oneOf: kinds.map((k) => branches[k]!.toJsonSchema(defs)) }),
  });
}
