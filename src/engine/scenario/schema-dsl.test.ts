import { describe as group, expect, it } from 'vitest';
import type { ScenarioProblem } from './types.ts';
import { anyObject, arr, bool, describe, enumOf, int, literal, named, nullable, num, obj, str, tuple, union, withDefault, type JsonSchemaDefs, type Schema } from './schema-dsl.ts';

function check<O, I>(schema: Schema<O, I>, value: unknown): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  schema.validate(value, '$.x', problems);
  return problems;
}

group('scalars', () => {
  const delay = int({ min: 0, max: 10_000_000, unit: 'microseconds' });
  it('integers: type and range, with the whole rule in the message', () => {
    expect(check(delay, 12.5)).toEqual([{ path: '$.x', code: 'SCENARIO_TYPE', message: 'must be an integer from 0 to 10000000 microseconds, got 12.5' }]);
    expect(check(delay, '5')).toEqual([{ path: '$.x', code: 'SCENARIO_TYPE', message: 'must be an integer from 0 to 10000000 microseconds, got "5"' }]);
    expect(check(delay, -1)).toEqual([{ path: '$.x', code: 'SCENARIO_RANGE', message: 'must be an integer from 0 to 10000000 microseconds, got -1' }]);
    expect(check(delay, Number.NaN)[0]!.code).toBe('SCENARIO_TYPE');
    expect(check(delay, 0)).toEqual([]);
    expect(check(delay, 10_000_000)).toEqual([]);
  });
  it('numbers accept fractions', () => {
    const loss = num({ min: 0, max: 0.5 });
    expect(check(loss, 0.25)).toEqual([]);
    expect(check(loss, 0.6)).toEqual([{ path: '$.x', code: 'SCENARIO_RANGE', message: 'must be a number from 0 to 0.5, got 0.6' }]);
  });
  it('booleans', () => {
    expect(check(bool(), 'yes')).toEqual([{ path: '$.x', code: 'SCENARIO_TYPE', message: 'must be true or false, got "yes"' }]);
  });
  it('strings: pattern, length (in code points, like JSON Schema) and format', () => {
    const id = str({ pattern: /^[a-z]+$/, patternText: 'lowercase letters', maxLength: 3 });
    expect(check(id, 'Ab')).toEqual([{ path: '$.x', code: 'SCENARIO_FORMAT', message: 'must be lowercase letters, got "Ab"' }]);
    expect(check(id, 'abcd')).toEqual([{ path: '$.x', code: 'SCENARIO_RANGE', message: 'must be at most 3 characters long, got 4' }]);
    expect(check(str({ maxLength: 2 }), '😀😀')).toEqual([]);
    expect(check(str({ minLength: 1 }), '')).toEqual([{ path: '$.x', code: 'SCENARIO_RANGE', message: 'must not be empty' }]);
    const even = str({ format: { name: 'even', expected: 'an even-length text', pattern: '.*', check: (t) => (t.length % 2 ? 'its length is odd' : null) } });
    expect(check(even, 'abc')).toEqual([{ path: '$.x', code: 'SCENARIO_FORMAT', message: '"abc" is not an even-length text: its length is odd' }]);
  });
  it('enums name what they are and guess the intended value', () => {
    const scheduler = enumOf(['lowest-rtt', 'round-robin', 'redundant'], { noun: 'a scheduler' });
    expect(check(scheduler, 'lowest_rtt')).toEqual([
      { path: '$.x', code: 'SCENARIO_ENUM', message: '"lowest_rtt" is not a scheduler: expected one of lowest-rtt, round-robin, redundant (did you mean "lowest-rtt"?)' },
    ]);
    expect(check(scheduler, 'fastest')[0]!.message).toBe('"fastest" is not a scheduler: expected one of lowest-rtt, round-robin, redundant');
    expect(check(scheduler, 3)[0]!.code).toBe('SCENARIO_TYPE');
  });
  it('a 5 MB enum value gets its coded problem without a guess (the guess is bounded, not length²)', () => {
    const scheduler = enumOf(['lowest-rtt', 'round-robin', 'redundant'], { noun: 'a scheduler' });
    const huge = 'lowest-rtt'.repeat(500_000);
    expect(check(scheduler, huge)).toEqual([
      { path: '$.x', code: 'SCENARIO_ENUM', message: `"${'lowest-rtt'.repeat(4).slice(0, 35)}…" (5000000 characters) is not a scheduler: expected one of lowest-rtt, round-robin, redundant` },
    ]);
    const tagged = union('kind', { a: obj({ kind: literal('a') }) }, { noun: 'a kind' });
    expect(check(tagged, { kind: huge })[0]!.code).toBe('SCENARIO_ENUM');
    expect(check(obj({ delayUs: int({ min: 0, max: 1 }) }), { [huge]: 1, delay: 1 }).map((p) => p.message)).toEqual([
      expect.stringMatching(/^unknown field ".*" \(the fields here are delayUs\)$/),
      'unknown field "delay" (did you mean "delayUs"?)',
    ]);
  });
  it('literals', () => {
    expect(check(literal(1), 2)).toEqual([{ path: '$.x', code: 'SCENARIO_ENUM', message: 'must be 1, got 2' }]);
    expect(check(literal(1), '1')[0]!.code).toBe('SCENARIO_TYPE');
  });
  it('nullable says null is allowed', () => {
    const limit = nullable(int({ min: 0, max: 9 }));
    expect(check(limit, null)).toEqual([]);
    expect(check(limit, 'none')).toEqual([{ path: '$.x', code: 'SCENARIO_TYPE', message: 'must be an integer from 0 to 9, or null, got "none"' }]);
    expect(check(limit, 10)[0]!.code).toBe('SCENARIO_RANGE');
  });
  it('anyObject accepts any object and nothing else', () => {
    expect(check(anyObject(), { a: [1, { b: null }] })).toEqual([]);
    expect(check(anyObject(), [])).toEqual([{ path: '$.x', code: 'SCENARIO_TYPE', message: 'must be an object, got an array' }]);
  });
});

group('containers', () => {
  const link = obj({ id: str(), delayUs: int({ min: 0, max: 10, unit: 'microseconds' }), label: str(), mtuBytes: withDefault(int({ min: 576, max: 9000 }), 1500) }, { optional: ['label'] });

  it('reports every problem of an object, each at its path', () => {
    expect(check(link, { id: 3, delayUs: 11, extra: true })).toEqual([
      { path: '$.x.id', code: 'SCENARIO_TYPE', message: 'must be a string, got 3' },
      { path: '$.x.delayUs', code: 'SCENARIO_RANGE', message: 'must be an integer from 0 to 10 microseconds, got 11' },
      { path: '$.x.extra', code: 'SCENARIO_UNKNOWN_FIELD', message: 'unknown field "extra" (the fields here are id, delayUs, label, mtuBytes)' },
    ]);
  });
  it('a misspelt required field is one problem, with the guess', () => {
    expect(check(link, { id: 'l', delay: 5 })).toEqual([{ path: '$.x.delay', code: 'SCENARIO_UNKNOWN_FIELD', message: 'unknown field "delay" (did you mean "delayUs"?)' }]);
  });
  it('missing required fields say what they should be', () => {
    expect(check(link, { id: 'l' })).toEqual([
      { path: '$.x.delayUs', code: 'SCENARIO_REQUIRED', message: 'missing required field "delayUs": an integer from 0 to 10 microseconds' },
    ]);
  });
  it('undefined counts as absent', () => {
    expect(check(link, { id: 'l', delayUs: 1, label: undefined })).toEqual([]);
  });
  it('hints explain a known mistake', () => {
    const router = obj({ id: str() }, { hints: { pathManager: 'only hosts have a path manager' } });
    expect(check(router, { id: 'r', pathManager: {} })[0]!.message).toBe('unknown field "pathManager": only hosts have a path manager');
  });
  it('odd keys are quoted in paths', () => {
    expect(check(obj({}), { 'two words': 1 })[0]!.path).toBe('$.x["two words"]');
  });
  it('lists: bounds, items, and duplicates when asked', () => {
    const flags = arr(enumOf(['a', 'b'], { noun: 'a flag' }), { min: 1, max: 2, unique: true });
    expect(check(flags, [])).toEqual([{ path: '$.x', code: 'SCENARIO_RANGE', message: 'must have at least 1 item, got 0' }]);
    expect(check(flags, ['a', 'a', 'c'])).toEqual([
      { path: '$.x', code: 'SCENARIO_RANGE', message: 'must have at most 2 items, got 3' },
      { path: '$.x[1]', code: 'SCENARIO_DUPLICATE', message: '"a" is already listed at [0]' },
      { path: '$.x[2]', code: 'SCENARIO_ENUM', message: '"c" is not a flag: expected one of a, b' },
    ]);
    expect(check(flags, { 0: 'a' })[0]!.message).toBe('must be a list, got an object');
  });
  it('tuples have a fixed length', () => {
    const pair = tuple([int({ min: 0, max: 1 }), str()]);
    expect(check(pair, [0, 'a'])).toEqual([]);
    expect(check(pair, [2, 'a', 'b'])).toEqual([
      { path: '$.x', code: 'SCENARIO_RANGE', message: 'must have exactly 2 items, got 3' },
      { path: '$.x[0]', code: 'SCENARIO_RANGE', message: 'must be an integer from 0 to 1, got 2' },
    ]);
  });
  it('unions pick the branch by their field, then validate it', () => {
    const shape = union('kind', {
      circle: obj({ kind: literal('circle'), radius: int({ min: 1, max: 9 }) }),
      square: obj({ kind: literal('square'), side: int({ min: 1, max: 9 }) }),
    }, { noun: 'a shape' });
    expect(check(shape, { kind: 'circle', radius: 3 })).toEqual([]);
    expect(check(shape, { kind: 'circle', radus: 3 })).toEqual([{ path: '$.x.radus', code: 'SCENARIO_UNKNOWN_FIELD', message: 'unknown field "radus" (did you mean "radius"?)' }]);
    expect(check(shape, { kind: 'circle', side: 3 })).toEqual([
      { path: '$.x.side', code: 'SCENARIO_UNKNOWN_FIELD', message: 'unknown field "side" (the fields here are kind, radius)' },
      { path: '$.x.radius', code: 'SCENARIO_REQUIRED', message: 'missing required field "radius": an integer from 1 to 9' },
    ]);
    expect(check(shape, { kind: 'circel' })).toEqual([
      { path: '$.x.kind', code: 'SCENARIO_ENUM', message: '"circel" is not a shape: expected one of circle, square (did you mean "circle"?)' },
    ]);
    expect(check(shape, { radius: 1 })).toEqual([{ path: '$.x.kind', code: 'SCENARIO_REQUIRED', message: 'missing required field "kind": a shape: one of circle, square' }]);
  });
});

group('defaults', () => {
  const limits = obj({ subflows: withDefault(int({ min: 0, max: 8 }), 2), accepted: withDefault(int({ min: 0, max: 8 }), 0) });
  const host = obj({ id: str(), limits: withDefault(limits, {}), tags: withDefault(arr(str()), []) });

  it('fill supplies defaults, nested ones included, and keeps given values', () => {
    expect(host.fill({ id: 'h' })).toEqual({ id: 'h', limits: { subflows: 2, accepted: 0 }, tags: [] });
    expect(host.fill({ id: 'h', limits: { accepted: 1 } })).toEqual({ id: 'h', limits: { subflows: 2, accepted: 1 }, tags: [] });
  });
  it('never shares a default between documents, nor changes the input', () => {
    const input = { id: 'h' };
    const a = host.fill(input);
    const b = host.fill(input);
    a.tags.push('x');
    expect(b.tags).toEqual([]);
    expect(input).toEqual({ id: 'h' });
  });
  it('a field with a default may be omitted', () => {
    expect(check(host, { id: 'h' })).toEqual([]);
  });
  it('an invalid default is a programming error caught at once', () => {
    expect(() => withDefault(int({ min: 1, max: 2 }), 0)).toThrow(/schema default 0 is invalid/);
  });
});

group('JSON Schema', () => {
  it('emits draft 2020-12 keywords, defaults, descriptions and shared $defs', () => {
    const iface = named('iface', obj({ id: str({ pattern: /^[a-z]+$/ }) }, { description: 'An interface.' }));
    const node = obj(
      {
        kind: literal('host'),
        a: iface,
        b: describe(iface, 'The other one.'),
        mtu: withDefault(int({ min: 576, max: 9000, description: 'Largest packet.' }), 1500),
        pair: tuple([bool(), nullable(num({ min: 0, max: 1 }))]),
        flags: arr(enumOf(['x', 'y'], { noun: 'a flag' }), { max: 2, unique: true }),
      },
      { optional: ['b'] },
    );
    const defs: JsonSchemaDefs = new Map();
    expect(node.toJsonSchema(defs)).toEqual({
      type: 'object',
      properties: {
        kind: { const: 'host' },
        a: { $ref: '#/$defs/iface' },
        b: { description: 'The other one.', $ref: '#/$defs/iface' },
        mtu: { description: 'Largest packet.', type: 'integer', minimum: 576, maximum: 9000, default: 1500 },
        pair: { type: 'array', prefixItems: [{ type: 'boolean' }, { anyOf: [{ type: 'number', minimum: 0, maximum: 1 }, { type: 'null' }] }], items: false, minItems: 2, maxItems: 2 },
        flags: { type: 'array', items: { type: 'string', enum: ['x', 'y'] }, maxItems: 2, uniqueItems: true },
      },
      required: ['kind', 'a', 'pair', 'flags'],
      additionalProperties: false,
    });
    expect(Object.fromEntries(defs)).toEqual({
      iface: { description: 'An interface.', type: 'object', properties: { id: { type: 'string', pattern: '^[a-z]+$' } }, required: ['id'], additionalProperties: false },
    });
  });
});
