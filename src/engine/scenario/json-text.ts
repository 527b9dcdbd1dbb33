/**
 * JSON text → value, for scenario files. Own parser rather than JSON.parse
 * because (1) syntax errors must name line and column the same way in every
 * browser and in Node, with a hint for the usual slips (comments, trailing
 * commas, single quotes), and (2) a field written twice is silently
 * collapsed by JSON.parse, while here it is reported with both places.
 * Values match JSON.parse exactly; "__proto__" becomes an ordinary field.
 */
import type { ScenarioProblem } from './types.ts';
import { enoughProblems } from './problem-cap.ts';
import { childPath, indexPath, quote } from './problem-text.ts';

export type JsonTextResult = { ok: true; value: unknown; duplicates: ScenarioProblem[] } | { ok: false; problem: ScenarioProblem };

/** Deeper nesting than any scenario needs; keeps the recursion far from the stack limit. */
const MAX_DEPTH = 256;

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

export function parseJsonText(text: string): JsonTextResult {
  const parser = new Parser(text);
  try {
    const value = parser.document();
    return { ok: true, value, duplicates: parser.duplicates };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const { line, column } = lineAndColumn(text, e.offset);
    return { ok: false, problem: { path: '$', code: 'SCENARIO_JSON', message: `JSON syntax error at line ${line}, column ${column}: ${e.message}` } };
  }
}

/** 1-based line and column (in UTF-16 units, as editors count) of `offset`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Line and column of many offsets in one text: the line starts are found
 * once, then each lookup is a binary search, so reporting every duplicate
 * field stays linear instead of rescanning the text for each.
 */
class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  at(offset: number): { line: number; column: number } {
    const starts = (this.starts ??= lineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Parser {
  private pos = 0;
  private depth = 0;
  readonly duplicates: ScenarioProblem[] = [];
  private readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1; // a byte-order mark some editors write
  }

  document(): unknown {
    this.skipSpace();
    if (this.pos >= this.text.length) this.fail('the text is empty; expected a JSON object');
    const value = this.value('$');
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.found()} after the end of the JSON value`);
    return value;
  }

  private value(path: string): unknown {
    const c = this.text[this.pos];
    switch (c) {
      case '{':
        return this.nested(() => this.object(path));
      case '[':
        return this.nested(() => this.array(path));
      case '"':
        return this.string();
      case 't':
        return this.word('true', true);
      case 'f':
        return this.word('false', false);
      case 'n':
        return this.word('null', null);
      case "'":
        return this.fail('strings need double quotes (") in JSON');
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
        return this.fail(`expected a value, found ${this.found()}`);
    }
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
    const value = parse();
    this.depth--;
    return value;
  }

  private object(path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    this.pos++; // {
    this.skipSpace();
    if (this.eat('}')) return out;
    for (;;) {
      if (this.text[this.pos] !== '"') {
        if (this.text[this.pos] === '}') this.fail("trailing comma before '}' (JSON allows none)");
        this.fail(`expected a field name in double quotes, found ${this.found()}`);
      }
      const keyOffset = this.pos;
      const key = this.string();
      this.skipSpace();
      if (!this.eat(':')) this.fail(`expected ':' after the field name ${quote(key)}, found ${this.found()}`);
      this.skipSpace();
      const fieldPath = childPath(path, key);
      const value = this.value(fieldPath);
      const first = seen.get(key);
      // Past the validator's stopping point more duplicates would only be cut from the list (problem-cap.ts).
      if (first !== undefined && !enoughProblems(this.duplicates)) {
        const a = this.lines.at(first);
        const b = this.lines.at(keyOffset);
        this.duplicates.push({
          path: fieldPath,
          code: 'SCENARIO_DUPLICATE',
          message: `field ${quote(key)} is written twice (line ${a.line}, column ${a.column} and line ${b.line}, column ${b.column}); keep one`,
        });
      } else if (first === undefined) {
        seen.set(key, keyOffset);
      }
      // defineProperty: a "__proto__" key must be data, not the prototype.
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      this.skipSpace();
      if (this.eat('}')) return out;
      if (!this.eat(',')) this.fail(`expected ',' or '}' after the value of ${quote(key)}, found ${this.found()}`);
      this.skipSpace();
    }
  }

  private array(path: string): unknown[] {
    const out: unknown[] = [];
    this.pos++; // [
    this.skipSpace();
    if (this.eat(']')) return out;
    for (;;) {
      if (this.text[this.pos] === ']') this.fail("trailing comma before ']' (JSON allows none)");
      out.push(this.value(indexPath(path, out.length)));
      this.skipSpace();
      if (this.eat(']')) return out;
      if (!this.eat(',')) this.fail(`expected ',' or ']' after a list item, found ${this.found()}`);
      this.skipSpace();
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++; // "
    let out = '';
    let runStart = this.pos;
    for (;;) {
      if (this.pos >= this.text.length) this.failAt(start, 'this string has no closing quote');
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x22) break;
      if (code < 0x20) this.fail(code === 10 ? 'a string cannot continue past the end of the line (write \\n)' : 'a control character must be escaped in a string');
      if (code !== 0x5c) {
        this.pos++;
        continue;
      }
      out += this.text.slice(runStart, this.pos);
      const e = this.text[this.pos + 1];
      if (e === 'u') {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('\\u must be followed by four hex digits');
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else if (e !== undefined && ESCAPES[e] !== undefined) {
        out += ESCAPES[e];
        this.pos += 2;
      } else {
        this.fail(`${quote('\\' + (e ?? ''))} is not a JSON escape`);
      }
      runStart = this.pos;
    }
    out += this.text.slice(runStart, this.pos);
    this.pos++; // "
    return out;
  }

  private number(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) return this.fail(`expected a number, found ${this.found()}`);
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private word<T>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`expected a value, found ${this.found()}`);
    this.pos += word.length;
    return value;
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*')) this.fail('JSON has no comments');
      else return;
    }
  }

  private eat(c: string): boolean {
    if (this.text[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  /** What is at the current position, for messages: "'}'", "the end of the text", "the word \"True\"". */
  private found(): string {
    if (this.pos >= this.text.length) return 'the end of the text';
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.pos, this.pos + 40));
    if (word) return `the word ${quote(word[0])}`;
    return `'${this.text[this.pos]}'`;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(this.pos, message);
  }

  private failAt(offset: number, message: string): never {
    throw new JsonSyntaxError(offset, message);
  }
}
