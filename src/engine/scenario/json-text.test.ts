import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STOP_WALKING_AT } from './problem-cap.ts';
import { parseJsonText } from './json-text.ts';

const syntaxError = (text: string) => {
  const r = parseJsonText(text);
  if (r.ok) throw new Error('expected a syntax error');
  expect(r.problem.code).toBe('SCENARIO_JSON');
  expect(r.problem.path).toBe('$');
  return r.problem.message;
};

describe('JSON text', () => {
  it('gives the same values as JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const r = parseJsonText(text);
        expect(r.ok && r.value).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });
  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const r = parseJsonText(text);
        let native = true;
        try {
          JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
        } catch {
          native = false;
        }
        expect(r.ok).toBe(native);
      }),
      { numRuns: 300 },
    );
  });
  it('accepts and refuses exactly what JSON.parse does, on damaged JSON', () => {
    const damaged = fc
      .tuple(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '0', '-', 'e', '\\', ' '))
      .map(([value, at, insert]) => {
        const text = JSON.stringify(value, null, 1);
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(damaged, (text) => {
        let native = true;
        try {
          JSON.parse(text);
        } catch {
          native = false;
        }
        expect(parseJsonText(text).ok).toBe(native);
      }),
      { numRuns: 2000 },
    );
  });
  it('names line and column of a syntax error', () => {
    expect(syntaxError('{\n  "a": 1\n  "b": 2\n}')).toBe(`JSON syntax error at line 3, column 3: expected ',' or '}' after the value of "a", found '"'`);
    expect(syntaxError('{"a": [1, 2,]}')).toBe("JSON syntax error at line 1, column 13: trailing comma before ']' (JSON allows none)");
    expect(syntaxError('{"a": 1,\n}')).toBe("JSON syntax error at line 2, column 1: trailing comma before '}' (JSON allows none)");
    expect(syntaxError('{\n  // note\n  "a": 1}')).toBe('JSON syntax error at line 2, column 3: JSON has no comments');
    expect(syntaxError("{'a': 1}")).toBe('JSON syntax error at line 1, column 2: expected a field name in double quotes, found \'\'\'');
    expect(syntaxError('{"a": True}')).toBe('JSON syntax error at line 1, column 7: expected a value, found the word "True"');
    expect(syntaxError('{"a": "x')).toBe('JSON syntax error at line 1, column 7: this string has no closing quote');
    expect(syntaxError('')).toBe('JSON syntax error at line 1, column 1: the text is empty; expected a JSON object');
    expect(syntaxError('{} {}')).toBe("JSON syntax error at line 1, column 4: unexpected '{' after the end of the JSON value");
    expect(syntaxError('['.repeat(300))).toMatch(/nested more than 256 levels deep/);
  });
  it('reports a field written twice, keeping the last like JSON.parse', () => {
    const r = parseJsonText('{"a": {"b": 1,\n "b": 2}}');
    expect(r.ok && r.value).toEqual({ a: { b: 2 } });
    expect(r.ok && r.duplicates).toEqual([
      { path: '$.a.b', code: 'SCENARIO_DUPLICATE', message: 'field "b" is written twice (line 1, column 8 and line 2, column 2); keep one' },
    ]);
  });
  it('reports many duplicates with their places, linearly and up to the validator\'s stopping point', () => {
    const text = `{${Array.from({ length: 200_000 }, (_, i) => `\n  "a": ${i}`).join(',')}\n}`;
    const r = parseJsonText(text);
    expect(r.ok && r.value).toEqual({ a: 199_999 });
    const duplicates = r.ok ? r.duplicates : [];
    expect(duplicates).toHaveLength(STOP_WALKING_AT);
    expect(duplicates[0]!.message).toBe('field "a" is written twice (line 2, column 3 and line 3, column 3); keep one');
    expect(duplicates.at(-1)!.message).toBe(`field "a" is written twice (line 2, column 3 and line ${STOP_WALKING_AT + 2}, column 3); keep one`);
  });
  it('reads a 10 MB document', () => {
    const text = JSON.stringify({ items: Array.from({ length: 200_000 }, (_, i) => ({ id: `item-${i}`, note: 'x'.repeat(20) })) });
    expect(text.length).toBeGreaterThan(10_000_000);
    const r = parseJsonText(text);
    const items = r.ok ? (r.value as { items: unknown[] }).items : [];
    expect(items).toHaveLength(200_000);
    expect(items.at(-1)).toEqual({ id: 'item-199999', note: 'x'.repeat(20) });
  });
  it('keeps "__proto__" as an ordinary field', () => {
    const r = parseJsonText('{"__proto__": {"x": 1}}');
    const value = r.ok ? (r.value as Record<string, unknown>) : {};
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });
  it('skips a byte-order mark', () => {
    const r = parseJsonText('\uFEFF{"a": 1}');
    expect(r.ok && r.value).toEqual({ a: 1 });
  });
});
