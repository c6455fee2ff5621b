// CloudWatch Logs filter patterns for JSON log events (`{ ($.eventName = CreateTrail) || … }`), parsed
// into a tree and evaluated against sample events. No npm package parses this syntax, so a small
// recursive-descent parser lives here. Judging a metric filter by the events it matches, rather than by
// its text, accepts any spelling of the same condition (order, parentheses, quoting, wildcards).

export type FilterExpression =
  | { kind: "or" | "and"; left: FilterExpression; right: FilterExpression }
  | { kind: "compare"; path: (string | number)[]; operator: Operator; value: FilterValue }
  | { kind: "exists"; path: (string | number)[]; exists: boolean }
  | { kind: "is"; path: (string | number)[]; value: true | false | null };

type Operator = "=" | "!=" | "<" | ">" | "<=" | ">=";
type FilterValue =
  | { type: "string"; text: string }
  | { type: "number"; number: number }
  | { type: "regex"; regex: RegExp };

export class FilterPatternError extends Error {}

type Token =
  | { type: "punct"; text: "{" | "}" | "(" | ")" | "&&" | "||" }
  | { type: "operator"; text: Operator }
  | { type: "selector"; path: (string | number)[] }
  | { type: "quoted"; text: string }
  | { type: "word"; text: string }
  | { type: "regex"; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new FilterPatternError(`${what} at character ${i + 1}`);
  };
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) i++;
    else if ("{}()".includes(c)) {
      tokens.push({ type: "punct", text: c as "{" | "}" | "(" | ")" });
      i++;
    } else if (source.startsWith("&&", i) || source.startsWith("||", i)) {
      tokens.push({ type: "punct", text: source.slice(i, i + 2) as "&&" | "||" });
      i += 2;
    } else if (/[=!<>]/.test(c)) {
      const two = source.slice(i, i + 2);
      if (two === "!=" || two === "<=" || two === ">=") {
        tokens.push({ type: "operator", text: two });
        i += 2;
      } else if (c === "!") fail("a lone '!'");
      else {
        tokens.push({ type: "operator", text: c as Operator });
        i++;
      }
    } else if (c === "$") {
      i++;
      const path: (string | number)[] = [];
      while (i < source.length && (source[i] === "." || source[i] === "[")) {
        if (source[i] === ".") {
          const name =
            /^[A-Za-z0-9_\-@:]+/.exec(source.slice(i + 1))?.[0] ?? fail("a property name after '.'");
          path.push(name);
          i += 1 + name.length;
        } else {
          const index = /^\[(\d+)\]/.exec(source.slice(i))?.[1] ?? fail("an array index in '[…]'");
          path.push(Number(index));
          i += index.length + 2;
        }
      }
      if (path.length === 0) fail("a selector with no property");
      tokens.push({ type: "selector", path });
    } else if (c === '"') {
      let text = "";
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === "\\" && i + 1 < source.length) i++;
        text += source[i];
        i++;
      }
      if (i >= source.length) fail("an unterminated string");
      i++;
      tokens.push({ type: "quoted", text });
    } else if (c === "%") {
      const end = source.indexOf("%", i + 1);
      if (end < 0) fail("an unterminated %regex%");
      tokens.push({ type: "regex", text: source.slice(i + 1, end) });
      i = end + 1;
    } else {
      const word = /^[^\s{}()=!<>&|"]+/.exec(source.slice(i))?.[0] ?? fail(`an unexpected '${c}'`);
      tokens.push({ type: "word", text: word });
      i += word.length;
    }
  }
  return tokens;
}

/** Parses a JSON filter pattern; throws FilterPatternError for anything else (text patterns, bad syntax). */
export function parseFilterPattern(source: string): FilterExpression {
  const tokens = tokenize(source);
  let at = 0;
  const peek = () => tokens[at];
  const fail = (what: string): never => {
    throw new FilterPatternError(`expected ${what} at token ${at + 1} of ${JSON.stringify(source)}`);
  };
  const expectPunct = (text: string) => {
    const token = peek();
    if (token?.type !== "punct" || token.text !== text) fail(`'${text}'`);
    at++;
  };
  const isPunct = (text: string) => {
    const token = peek();
    return token?.type === "punct" && token.text === text;
  };

  const orExpression = (): FilterExpression => {
    let left = andExpression();
    while (isPunct("||")) {
      at++;
      left = { kind: "or", left, right: andExpression() };
    }
    return left;
  };
  const andExpression = (): FilterExpression => {
    let left = term();
    while (isPunct("&&")) {
      at++;
      left = { kind: "and", left, right: term() };
    }
    return left;
  };
  const term = (): FilterExpression => {
    if (isPunct("(")) {
      at++;
      const inner = orExpression();
      expectPunct(")");
      return inner;
    }
    const selector = peek();
    if (selector?.type !== "selector") return fail("a selector ($.field) or '('");
    at++;
    const next = peek();
    if (next?.type === "word" && next.text.toUpperCase() === "NOT") {
      at++;
      const exists = peek();
      if (exists?.type !== "word" || exists.text.toUpperCase() !== "EXISTS") fail("EXISTS after NOT");
      at++;
      return { kind: "exists", path: selector.path, exists: false };
    }
    if (next?.type === "word" && next.text.toUpperCase() === "EXISTS") {
      at++;
      return { kind: "exists", path: selector.path, exists: true };
    }
    if (next?.type === "word" && next.text.toUpperCase() === "IS") {
      at++;
      const literal = peek();
      const word = literal?.type === "word" ? literal.text.toUpperCase() : "";
      if (word !== "TRUE" && word !== "FALSE" && word !== "NULL") fail("TRUE, FALSE or NULL after IS");
      at++;
      return {
        kind: "is",
        path: selector.path,
        value: word === "TRUE" ? true : word === "FALSE" ? false : null,
      };
    }
    if (next?.type !== "operator") return fail("a comparison operator");
    at++;
    const value = peek();
    at++;
    if (value?.type === "quoted")
      return compare(selector.path, next.text, { type: "string", text: value.text });
    if (value?.type === "regex") {
      if (next.text !== "=" && next.text !== "!=") fail("= or != before a %regex%");
      let regex: RegExp;
      try {
        regex = new RegExp(value.text);
      } catch {
        return fail("a valid regular expression");
      }
      return compare(selector.path, next.text, { type: "regex", regex });
    }
    if (value?.type === "word") {
      const number = Number(value.text);
      if (value.text !== "" && Number.isFinite(number) && /^-?[\d.]+(e-?\d+)?$/i.test(value.text))
        return compare(selector.path, next.text, { type: "number", number });
      return compare(selector.path, next.text, { type: "string", text: value.text });
    }
    return fail("a value");
  };
  const compare = (path: (string | number)[], operator: Operator, value: FilterValue): FilterExpression => {
    if (value.type === "string" && operator !== "=" && operator !== "!=") fail("a number after < or >");
    return { kind: "compare", path, operator, value };
  };

  expectPunct("{");
  const expression = orExpression();
  expectPunct("}");
  if (at !== tokens.length) fail("the end of the pattern");
  return expression;
}

const MISSING = Symbol("missing");

function select(event: unknown, path: (string | number)[]): unknown {
  let value: unknown = event;
  for (const key of path) {
    if (value === null || typeof value !== "object") return MISSING;
    if (!(key in (value as object))) return MISSING;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** `*` matches any run of characters, as CloudWatch Logs' string wildcards do. */
function wildcardMatch(pattern: string, text: string): boolean {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`, "s").test(text);
}

function equals(actual: unknown, value: FilterValue): boolean {
  if (value.type === "number") return typeof actual === "number" && actual === value.number;
  const text =
    typeof actual === "string"
      ? actual
      : typeof actual === "number" || typeof actual === "boolean"
        ? String(actual)
        : undefined;
  if (text === undefined) return false;
  return value.type === "regex" ? value.regex.test(text) : wildcardMatch(value.text, text);
}

/** Whether the filter matches one JSON log event. A comparison on a field the event lacks is false. */
export function matchesEvent(expression: FilterExpression, event: unknown): boolean {
  switch (expression.kind) {
    case "or":
      return matchesEvent(expression.left, event) || matchesEvent(expression.right, event);
    case "and":
      return matchesEvent(expression.left, event) && matchesEvent(expression.right, event);
    case "exists":
      return (select(event, expression.path) !== MISSING) === expression.exists;
    case "is": {
      const actual = select(event, expression.path);
      return actual !== MISSING && actual === expression.value;
    }
    case "compare": {
      const actual = select(event, expression.path);
      if (actual === MISSING) return false;
      const { operator, value } = expression;
      if (operator === "=") return equals(actual, value);
      if (operator === "!=") return !equals(actual, value);
      if (value.type !== "number" || typeof actual !== "number") return false;
      if (operator === "<") return actual < value.number;
      if (operator === ">") return actual > value.number;
      if (operator === "<=") return actual <= value.number;
      return actual >= value.number;
    }
  }
}
