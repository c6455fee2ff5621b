// The roster (従事者台帳): the people allowed to handle the client's information, and their accounts.
// Read from CSV (UTF-8, with or without BOM) or YAML; every error names the file, the line and the
// column of the value at fault.
import { parseDocument } from "yaml";
import { parseCalendarDate } from "./dates";
import { InputError } from "./errors";
import { SsoOwnerIndex, type SsoUserKey } from "./sso-owners";
import { yamlDocumentToJs, yamlSyntaxError } from "./yaml-input";

export const ROSTER_ROLES = ["manager", "admin", "member", "auditor"] as const;
export type RosterRole = (typeof ROSTER_ROLES)[number];
export const ROSTER_COLUMNS = [
  "person_id",
  "name",
  "email",
  "role",
  "aws_iam_users",
  "ad_accounts",
  "start_date",
  "end_date",
  "briefed_at",
] as const;
const REQUIRED_VALUES = ["person_id", "name", "role", "start_date"] as const;

export interface RosterPerson {
  personId: string;
  name: string;
  email?: string;
  role: RosterRole;
  /** IAM user names, optionally qualified by account: `alice` or `123456789012:alice`. */
  awsIamUsers: string[];
  /** AD account names, optionally qualified: `alice`, `VENDOR\alice`, `alice@vendor.local`. */
  adAccounts: string[];
  startDate: string;
  endDate?: string;
  briefedAt?: string;
  /** Where the person is defined, for messages: `roster.csv:4`. */
  origin: string;
}

export interface Roster {
  path: string;
  /** When the roster was last reviewed (YAML `reviewedAt`, or the config's `roster.reviewedAt`). */
  reviewedAt?: string;
  people: RosterPerson[];
}

/** What to set in itaku.yaml for a roster that is not UTF-8 (the hint of decodeInputText's error). */
export const ROSTER_ENCODING_SETTING = "`roster: { path: …, encoding: cp932 }` in itaku.yaml";

/** A person's values by column, the row's line, and `line:column` of each value for messages. */
type RawRow = { values: Record<string, string>; line: number; places: Record<string, string> };

export function parseRoster(text: string, path: string): Roster {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return /\.ya?ml$/i.test(path) ? parseYamlRoster(body, path) : parseCsvRoster(body, path);
}

function parseCsvRoster(text: string, path: string): Roster {
  const records = parseCsv(text, path);
  const header = records[0];
  if (!header || header.fields.every((f) => f.trim() === ""))
    throw new InputError(path, "1:1", "the roster is empty");
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  for (const required of ROSTER_COLUMNS) {
    if (!columns.includes(required)) {
      throw new InputError(
        path,
        "1:1",
        `missing column "${required}" (expected: ${ROSTER_COLUMNS.join(",")})`,
      );
    }
  }
  const rows: RawRow[] = [];
  for (const record of records.slice(1)) {
    if (record.fields.every((f) => f.trim() === "")) continue;
    if (record.fields.length !== columns.length) {
      // Point at the first field too many, or at the end of the short record.
      const place = record.starts[columns.length] ?? record.end;
      throw new InputError(
        path,
        place,
        `${record.fields.length} fields, but the header has ${columns.length}`,
      );
    }
    const values: Record<string, string> = {};
    const places: Record<string, string> = {};
    columns.forEach((column, i) => {
      values[column] = record.fields[i]!.trim();
      places[column] = record.starts[i]!;
    });
    rows.push({ values, line: record.line, places });
  }
  return { path, people: toPeople(rows, path, (v) => splitList(v, ";")) };
}

function parseYamlRoster(text: string, path: string): Roster {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw yamlSyntaxError(doc.errors[0]!, path);
  const positionOf = makePositionOf(text);
  const root = doc.contents as unknown as { items?: unknown[] } | null;
  const json = yamlDocumentToJs(doc, path);
  let list: unknown;
  let reviewedAt: string | undefined;
  let nodes: unknown[] | undefined;
  if (Array.isArray(json)) {
    list = json;
    nodes = root?.items;
  } else if (json && typeof json === "object" && Array.isArray((json as Record<string, unknown>).people)) {
    list = (json as Record<string, unknown>).people;
    const peopleNode = doc.get("people", true) as { items?: unknown[] } | undefined;
    nodes = peopleNode?.items;
    const rawReviewed = (json as Record<string, unknown>).reviewedAt;
    if (rawReviewed !== undefined) {
      const text = rawReviewed instanceof Date ? rawReviewed.toISOString().slice(0, 10) : String(rawReviewed);
      if (!parseCalendarDate(text))
        throw new InputError(
          path,
          placeOfKey(doc, "reviewedAt", positionOf),
          `reviewedAt "${text}" is not a date (YYYY-MM-DD)`,
        );
      reviewedAt = text;
    }
  } else {
    throw new InputError(path, "1:1", "expected a list of people, or a mapping with a `people:` list");
  }
  const rows: RawRow[] = (list as unknown[]).map((item, i) => {
    const node = nodes?.[i] as YamlNode | undefined;
    const start = node?.range ? positionOf(node.range[0]) : { line: i + 1, col: 1 };
    const line = start.line;
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      throw new InputError(
        path,
        `${start.line}:${start.col}`,
        "each person must be a mapping of roster columns",
      );
    }
    const places: Record<string, string> = {};
    for (const pair of node?.items ?? []) {
      const key = String(pair.key?.value ?? "").toLowerCase();
      const at = pair.value?.range?.[0] ?? pair.key?.range?.[0];
      if (at !== undefined) {
        const { line: valueLine, col } = positionOf(at);
        places[key] = `${valueLine}:${col}`;
      }
    }
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      values[key.toLowerCase()] = Array.isArray(value)
        ? value.map(String).join(";")
        : value instanceof Date
          ? value.toISOString().slice(0, 10)
          : value === null || value === undefined
            ? ""
            : String(value);
    }
    return { values, line, places };
  });
  return { path, reviewedAt, people: toPeople(rows, path, (v) => splitList(v, ";")) };
}

function toPeople(rows: RawRow[], path: string, list: (value: string) => string[]): RosterPerson[] {
  const firstLineOf = new Map<string, number>();
  return rows.map(({ values, line, places }) => {
    const place = (column: string) => places[column] ?? `${line}:1`;
    for (const column of REQUIRED_VALUES) {
      if (!values[column]) throw new InputError(path, place(column), `"${column}" is empty`);
    }
    const personId = values.person_id!;
    const seen = firstLineOf.get(personId);
    if (seen !== undefined) {
      throw new InputError(
        path,
        place("person_id"),
        `person_id "${personId}" is already defined on line ${seen}`,
      );
    }
    firstLineOf.set(personId, line);
    const role = values.role!.toLowerCase();
    if (!(ROSTER_ROLES as readonly string[]).includes(role)) {
      throw new InputError(
        path,
        place("role"),
        `role "${values.role}" is not one of ${ROSTER_ROLES.join(", ")}`,
      );
    }
    const date = (column: "start_date" | "end_date" | "briefed_at"): string | undefined => {
      const text = values[column];
      if (!text) return undefined;
      if (!parseCalendarDate(text))
        throw new InputError(path, place(column), `${column} "${text}" is not a date (YYYY-MM-DD)`);
      return text;
    };
    const startDate = date("start_date")!;
    const endDate = date("end_date");
    if (endDate && endDate < startDate) {
      throw new InputError(path, place("end_date"), `end_date ${endDate} is before start_date ${startDate}`);
    }
    return {
      personId,
      name: values.name!,
      email: values.email || undefined,
      role: role as RosterRole,
      awsIamUsers: list(values.aws_iam_users ?? ""),
      adAccounts: list(values.ad_accounts ?? ""),
      startDate,
      endDate,
      briefedAt: date("briefed_at"),
      origin: `${path}:${line}`,
    };
  });
}

const splitList = (value: string, separator: string): string[] =>
  value
    .split(separator)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

/** The parts of a `yaml` node the roster reads for positions. */
type YamlNode = {
  range?: [number, number, number];
  items?: {
    key?: { value?: unknown; range?: [number, number, number] };
    value?: { range?: [number, number, number] };
  }[];
};

/** `line:column` of a top-level key's value. */
function placeOfKey(
  doc: ReturnType<typeof parseDocument>,
  key: string,
  positionOf: (offset: number) => { line: number; col: number },
): string {
  const node = doc.get(key, true) as YamlNode | undefined;
  if (!node?.range) return key;
  const { line, col } = positionOf(node.range[0]);
  return `${line}:${col}`;
}

/** 1-based line and column of a character offset. */
function makePositionOf(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - starts[lo]! + 1 };
  };
}

type CsvRecord = {
  fields: string[];
  /** `line:column` where each field starts. */
  starts: string[];
  line: number;
  /** `line:column` just after the record's last field. */
  end: string;
};

/**
 * RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF; each record keeps its first line number
 * and where each field starts, so a message can point at the value.
 */
function parseCsv(text: string, path: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let starts: string[] = [];
  let field = "";
  let line = 1;
  let lineStart = 0;
  let recordLine = 1;
  let fieldStart = "1:1";
  let quoted = false;
  let quoteOpenedAt = "1:1";
  const here = (i: number) => `${line}:${i - lineStart + 1}`;
  const endField = (i: number) => {
    fields.push(field);
    starts.push(fieldStart);
    field = "";
    fieldStart = here(i + 1);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n") {
          line++;
          lineStart = i + 1;
        }
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === "") {
      quoted = true;
      quoteOpenedAt = here(i);
      field = "";
    } else if (c === ",") {
      endField(i);
    } else if (c === "\n" || c === "\r") {
      const end = here(i);
      if (c === "\r" && text[i + 1] === "\n") i++;
      endField(i);
      records.push({ fields, starts, line: recordLine, end });
      fields = [];
      starts = [];
      line++;
      lineStart = i + 1;
      recordLine = line;
      fieldStart = here(i + 1);
    } else field += c;
  }
  if (quoted) throw new InputError(path, quoteOpenedAt, "a quoted field is never closed");
  if (field !== "" || fields.length > 0) {
    const end = here(text.length);
    endField(text.length);
    records.push({ fields, starts, line: recordLine, end });
  }
  return records;
}

/** Answers "whose account is this?" for rules; built once per evaluation. */
export class RosterIndex {
  private readonly awsOwners = new Map<string, RosterPerson[]>();
  /** Entries qualified with an account id (`ACCOUNT:name`) by name, then account: no key string per lookup. */
  private readonly awsQualifiedOwners = new Map<string, Map<string, RosterPerson[]>>();
  private readonly adOwners = new Map<string, RosterPerson[]>();
  /** Qualified AD entries by account name, then qualifier: most names are in no roster, one lookup tells. */
  private readonly adQualifiedOwners = new Map<string, Map<string, RosterPerson[]>>();
  private readonly adQualifiers = new Map<string, Map<string | undefined, string[]>>();
  private readonly ssoOwners: SsoOwnerIndex<RosterPerson>;

  constructor(readonly roster: Roster) {
    for (const person of roster.people) {
      for (const entry of person.awsIamUsers) {
        const lower = entry.toLowerCase();
        // IAM user names cannot hold a colon: one says the entry names its account.
        const colon = lower.indexOf(":");
        if (colon < 0) pushOwner(this.awsOwners, lower, person);
        else
          pushQualifiedOwner(this.awsQualifiedOwners, lower.slice(colon + 1), lower.slice(0, colon), person);
      }
      for (const entry of person.adAccounts) {
        const { name, qualifier } = splitAdAccount(entry);
        if (!qualifier) pushOwner(this.adOwners, name, person);
        else pushQualifiedOwner(this.adQualifiedOwners, name, qualifier, person);
      }
    }
    this.ssoOwners = new SsoOwnerIndex(roster.people);
  }

  /** Roster people an IAM Identity Center user belongs to, by e-mail or user name (see SsoOwnerIndex). */
  ownersOfSsoUser(user: SsoUserKey): RosterPerson[] {
    return this.ssoOwners.owners(user);
  }

  get people(): readonly RosterPerson[] {
    return this.roster.people;
  }

  /** Roster people listing this IAM user, unqualified or qualified with this account id. */
  ownersOfAwsUser(accountId: string, userName: string): RosterPerson[] {
    const name = userName.toLowerCase();
    return merged(this.awsOwners.get(name), this.awsQualifiedOwners.get(name)?.get(accountId));
  }

  /** Roster people listing this AD account, unqualified or qualified with the domain (DNS or NetBIOS). */
  ownersOfAdAccount(
    domain: { dnsName: string; netbiosName?: string },
    sAMAccountName: string,
  ): RosterPerson[] {
    const name = sAMAccountName.toLowerCase();
    let owners = merged(this.adOwners.get(name), undefined);
    const byQualifier = this.adQualifiedOwners.get(name);
    if (byQualifier) {
      for (const qualifier of this.qualifiersOf(domain)) {
        const qualified = byQualifier.get(qualifier);
        if (qualified) owners = merged(owners, qualified);
      }
    }
    return owners;
  }

  /** A domain's qualifiers (DNS name, NetBIOS name, first DNS label), lower case; worked out once per domain. */
  private qualifiersOf(domain: { dnsName: string; netbiosName?: string }): readonly string[] {
    let byNetbios = this.adQualifiers.get(domain.dnsName);
    if (!byNetbios) {
      byNetbios = new Map();
      this.adQualifiers.set(domain.dnsName, byNetbios);
    }
    let qualifiers = byNetbios.get(domain.netbiosName);
    if (!qualifiers) {
      qualifiers = [
        ...new Set(
          [domain.dnsName, domain.netbiosName, domain.dnsName.split(".")[0]]
            .filter((q): q is string => Boolean(q))
            .map((q) => q.toLowerCase()),
        ),
      ];
      byNetbios.set(domain.netbiosName, qualifiers);
    }
    return qualifiers;
  }
}

export function splitAdAccount(entry: string): { name: string; qualifier?: string } {
  const lower = entry.trim().toLowerCase();
  const backslash = lower.indexOf("\\");
  if (backslash >= 0) return { qualifier: lower.slice(0, backslash), name: lower.slice(backslash + 1) };
  const at = lower.lastIndexOf("@");
  if (at >= 0) return { name: lower.slice(0, at), qualifier: lower.slice(at + 1) };
  return { name: lower };
}

/** Current on `now`: started, and not yet past the end date (the end date itself is still a working day). */
export function isCurrentPerson(person: RosterPerson, now: Date): boolean {
  const today = dayOf(now);
  return person.startDate <= today && (!person.endDate || person.endDate >= today);
}

/** A leaver: the end date has passed, so every account must already be disabled. */
export function hasLeft(person: RosterPerson, now: Date): boolean {
  return Boolean(person.endDate && person.endDate < dayOf(now));
}

// Rules ask about every account of a snapshot with the same `now`: format the day once, not per person.
let lastInstant = Number.NaN;
let lastDay = "";
function dayOf(now: Date): string {
  const instant = now.getTime();
  if (instant !== lastInstant) {
    lastDay = now.toISOString().slice(0, 10);
    lastInstant = instant;
  }
  return lastDay;
}

/** Adds an owner under a key once (a person listing the same account twice is one owner). */
function pushOwner(map: Map<string, RosterPerson[]>, key: string, person: RosterPerson): void {
  const list = map.get(key);
  if (!list) map.set(key, [person]);
  else if (list[list.length - 1] !== person) list.push(person);
}

/** An entry qualified with its account or domain, filed by name, then qualifier. */
function pushQualifiedOwner(
  map: Map<string, Map<string, RosterPerson[]>>,
  name: string,
  qualifier: string,
  person: RosterPerson,
): void {
  let byQualifier = map.get(name);
  if (!byQualifier) {
    byQualifier = new Map();
    map.set(name, byQualifier);
  }
  pushOwner(byQualifier, qualifier, person);
}

/**
 * Owners from two lookups, each free of repeats, as one new list without repeats in first-seen order.
 * Most accounts have one lookup or none that hits: no set is built for them.
 */
function merged(
  first: readonly RosterPerson[] | undefined,
  second: readonly RosterPerson[] | undefined,
): RosterPerson[] {
  if (!second || second.length === 0) return first ? [...first] : [];
  if (!first || first.length === 0) return [...second];
  return [...new Set([...first, ...second])];
}
