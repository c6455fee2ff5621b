import { displayWidth } from "./display-width";
import { fixtureContext, fixtureResult, JAPANESE_NAME } from "./fixtures";
import { renderTable } from "./table";

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colour sequences
const ANSI_SGR = /\u001b\[[0-9;]*m/g;

describe("table report", () => {
  const result = fixtureResult();
  const plain = renderTable(result, fixtureContext({ width: 120 }));
  const lines = plain.split("\n");

  it("starts with the tool and a summary line of every status", () => {
    expect(lines[0]).toBe("itaku 0.1.0  evaluated 2026-11-20T00:00:00.000Z (live)");
    expect(lines[1]).toBe("Findings: 4 fail, 1 unknown, 1 waived, 7 pass, 1 not applicable");
    expect(plain.endsWith("\n")).toBe(true);
  });

  it("groups failing, waived and unknown findings by severity, then rule; passes are not listed", () => {
    const critical = lines.indexOf("CRITICAL");
    const high = lines.indexOf("HIGH");
    expect(critical).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(critical);
    expect(lines[critical + 1]).toBe("  test-user-generic-name  Accounts are individual");
    expect(lines[high + 1]).toBe("  test-user-mfa  Console users have MFA");
    expect(lines[high + 2]).toBe("    fix: Enable a virtual MFA device for the user");
    const mfaRows = lines.slice(high + 4, high + 8);
    expect(mfaRows.map((l) => l.trim().split(/\s+/)[0])).toEqual(["fail", "fail", "fail", "unknown"]);
    const bob = lines.find((l) => l.includes(" bob "))!;
    expect(bob).toMatch(
      /^ {4}fail +bob +aws\.iam\.user +111122223333\/global +User bob has a console password but no MFA$/,
    );
    expect(plain).not.toMatch(/^\s+pass\s/m);
    expect(lines.find((l) => l.includes("shared-ops") && l.includes("waived"))).toContain(
      "waived: Moving to personal",
    );
  });

  it("aligns columns by display width, Japanese names included", () => {
    const bob = lines.find((l) => l.includes(" bob "))!;
    const yamada = lines.find((l) => l.includes(`fail     ${JAPANESE_NAME}`))!;
    const typeColumn = (line: string) => displayWidth(line.slice(0, line.indexOf("aws.iam.user")));
    expect(typeColumn(yamada)).toBe(typeColumn(bob));
    const messageColumn = (line: string) => displayWidth(line.slice(0, line.indexOf("User ")));
    expect(messageColumn(yamada)).toBe(messageColumn(bob));
  });

  it("fits the terminal width, truncating long names with an ellipsis but never the message", () => {
    const narrow = renderTable(result, fixtureContext({ width: 80 }));
    for (const line of narrow.split("\n")) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(narrow).toContain("…");
    // At 80 columns each message gets lines of its own below its row, whole (issue 14, item 5).
    const bob = narrow.split("\n").findIndex((l) => /^ {4}fail +bob /.test(l));
    expect(narrow.split("\n")[bob]).not.toContain("User bob");
    expect(narrow.split("\n")[bob + 1]).toBe("      User bob has a console password but no MFA");
  });

  it("lists expired waivers as warnings, and gaps", () => {
    expect(plain).toContain(
      "  ! Waiver expired on 2026-01-31 and no longer applies: rule test-user-mfa, resource bob (approved by yamada)",
    );
    expect(plain).toMatch(
      /^Gaps .*\n {2}aws 111122223333 ap-northeast-1 {2}aws\.s3\.bucket {2}ListBuckets: AccessDenied/m,
    );
  });

  it("shows the controls status table, with the ones nobody assessed listed by id", () => {
    expect(plain).toMatch(/^Controls {2}\d+ not assessed, 1 attested, 4 fail$/m);
    expect(plain).toMatch(/^ {2}NIC-1-4-2-2 +auto +fail +One account per individual$/m);
    expect(plain).toMatch(/^ {2}NIC-1-3 +manual +attested +Rooms/m);
    expect(plain).toMatch(/^ {4}NIC-1-1 NIC-1-2-1 /m);
  });

  it("uses ANSI colour only when asked to", () => {
    expect(plain).not.toContain("\u001b");
    const coloured = renderTable(result, fixtureContext({ color: true }));
    expect(coloured).toContain("\u001b[31m");
    expect(coloured.replace(ANSI_SGR, "")).toBe(renderTable(result, fixtureContext()));
  });
});
