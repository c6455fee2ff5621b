import { InputError } from "./errors";
import { hasLeft, isCurrentPerson, parseRoster, RosterIndex } from "./roster";

const HEADER = "person_id,name,email,role,aws_iam_users,ad_accounts,start_date,end_date,briefed_at";

const errorOf = (text: string, path = "roster.csv"): InputError => {
  try {
    parseRoster(text, path);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
};

describe("parseRoster (CSV)", () => {
  it("reads UTF-8 with a BOM, CRLF, quoted fields and ;-separated account lists", () => {
    const text = `\uFEFF${HEADER}\r\nP001,"山田, 太郎",y@x.example,manager,yamada;ops-yamada,SAMPLE\\yamada,2024-04-01,,2026-04-01\r\n`;
    const roster = parseRoster(text, "roster.csv");
    expect(roster.people).toEqual([
      expect.objectContaining({
        personId: "P001",
        name: "山田, 太郎",
        role: "manager",
        awsIamUsers: ["yamada", "ops-yamada"],
        adAccounts: ["SAMPLE\\yamada"],
        endDate: undefined,
        briefedAt: "2026-04-01",
        origin: "roster.csv:2",
      }),
    ]);
  });

  it("names the missing column on line 1", () => {
    const error = errorOf("person_id,name,role,start_date\nP1,a,member,2024-01-01\n");
    expect(error.message).toMatch(/^roster\.csv:1:1: missing column "email"/);
  });

  it("names the line and column of a bad date", () => {
    const error = errorOf(`${HEADER}\nP1,a,,member,,,2024-01-01,,\nP2,b,,member,,,2024-02-30,,\n`);
    expect(error.message).toBe('roster.csv:3:16: start_date "2024-02-30" is not a date (YYYY-MM-DD)');
  });

  it("rejects a duplicate person, naming both lines", () => {
    const error = errorOf(`${HEADER}\nP1,a,,member,,,2024-01-01,,\nP1,b,,member,,,2024-01-01,,\n`);
    expect(error.message).toBe('roster.csv:3:1: person_id "P1" is already defined on line 2');
  });

  it("rejects an unknown role and a row with too few fields", () => {
    expect(errorOf(`${HEADER}\nP1,a,,boss,,,2024-01-01,,\n`).message).toMatch(/roster\.csv:2:7: role "boss"/);
    expect(errorOf(`${HEADER}\nP1,a,member\n`).message).toMatch(
      /roster\.csv:2:12: 3 fields, but the header has 9/,
    );
    // Too many: the first field the header has no column for.
    expect(errorOf(`${HEADER}\nP1,a,,member,,,2024-01-01,,,extra\n`).message).toMatch(
      /roster\.csv:2:29: 10 fields, but the header has 9/,
    );
    expect(errorOf(`${HEADER}\nP1,"a,,member\n`).message).toMatch(
      /roster\.csv:2:4: a quoted field is never closed/,
    );
  });

  it("reports line numbers correctly after a quoted field spanning lines", () => {
    const error = errorOf(`${HEADER}\nP1,"a\nb",,member,,,2024-01-01,,\nP2,c,,member,,,bad,,\n`);
    expect(error.place).toBe("4:16");
    const inside = errorOf(`${HEADER}\nP1,"a\nb",,member,,,bad,,\n`);
    expect(inside.place).toBe("3:14");
  });
});

describe("parseRoster (YAML)", () => {
  it("reads a people list with reviewedAt and account arrays", () => {
    const roster = parseRoster(
      "reviewedAt: 2026-10-01\npeople:\n  - person_id: P1\n    name: 佐藤\n    role: admin\n    aws_iam_users: [sato]\n    start_date: 2024-04-01\n",
      "roster.yaml",
    );
    expect(roster.reviewedAt).toBe("2026-10-01");
    expect(roster.people[0]).toEqual(
      expect.objectContaining({ personId: "P1", awsIamUsers: ["sato"], startDate: "2024-04-01" }),
    );
  });

  it("names the line and column of the bad value", () => {
    const error = errorOf(
      "people:\n  - person_id: P1\n    name: a\n    role: member\n    start_date: 2024-01-01\n  - person_id: P2\n    name: b\n    role: member\n    start_date: 2024-13-01\n",
      "roster.yaml",
    );
    expect(error.message).toBe('roster.yaml:9:17: start_date "2024-13-01" is not a date (YYYY-MM-DD)');
    const reviewed = errorOf("reviewedAt: 2026-13-01\npeople: []\n", "roster.yaml");
    expect(reviewed.message).toBe('roster.yaml:1:13: reviewedAt "2026-13-01" is not a date (YYYY-MM-DD)');
    const role = errorOf(
      "- person_id: P1\n  name: a\n  role: boss\n  start_date: 2024-01-01\n",
      "roster.yaml",
    );
    expect(role.place).toBe("3:9");
  });
});

describe("RosterIndex", () => {
  const roster = parseRoster(
    `${HEADER}\nP1,a,,member,111122223333:alice;bob,SAMPLE\\alice;carol@corp.example,2024-01-01,2026-09-30,\n`,
    "r.csv",
  );
  const index = new RosterIndex(roster);

  it("matches IAM users plain or qualified by account id", () => {
    expect(index.ownersOfAwsUser("111122223333", "Alice").map((p) => p.personId)).toEqual(["P1"]);
    expect(index.ownersOfAwsUser("999999999999", "alice")).toEqual([]);
    expect(index.ownersOfAwsUser("999999999999", "bob").map((p) => p.personId)).toEqual(["P1"]);
  });

  it("matches AD accounts by NetBIOS or DNS qualifier", () => {
    const domain = { dnsName: "corp.example", netbiosName: "SAMPLE" };
    expect(index.ownersOfAdAccount(domain, "alice")).toHaveLength(1);
    expect(index.ownersOfAdAccount(domain, "carol")).toHaveLength(1);
    expect(index.ownersOfAdAccount({ dnsName: "other.example" }, "alice")).toEqual([]);
  });

  it("knows who has left", () => {
    const person = roster.people[0]!;
    expect(isCurrentPerson(person, new Date("2026-09-30T12:00:00Z"))).toBe(true);
    expect(hasLeft(person, new Date("2026-09-30T12:00:00Z"))).toBe(false);
    expect(hasLeft(person, new Date("2026-10-01T00:00:00Z"))).toBe(true);
  });
});
