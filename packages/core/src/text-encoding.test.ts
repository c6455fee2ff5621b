import { execFileSync } from "node:child_process";
import { InputError } from "./errors";
import { decodeInputText } from "./text-encoding";

/** Bytes as a Japanese Excel writes them: real CP932 from the system's iconv, not our own encoder. */
const cp932 = (text: string): Buffer =>
  execFileSync("iconv", ["-f", "UTF-8", "-t", "CP932"], { input: text });
const HEADER = "person_id,name,email,role,aws_iam_users,ad_accounts,start_date,end_date,briefed_at\n";
const ROW = "P001,山田 太郎,yamada@vendor.example,manager,yamada,yamada,2024-04-01,,2026-04-10\n";

function errorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("decodeInputText", () => {
  it("reads UTF-8 with or without a BOM to the same text", () => {
    const plain = Buffer.from(`${HEADER}${ROW}`);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    expect(decodeInputText(withBom, "roster.csv")).toBe(`${HEADER}${ROW}`);
    expect(decodeInputText(plain, "roster.csv")).toBe(`${HEADER}${ROW}`);
  });

  it("refuses a CP932 roster at its first Japanese character, with the iconv command and the setting", () => {
    // Before: read as mojibake ("�c ���Y") and accepted.
    const error = errorOf(() =>
      decodeInputText(cp932(`${HEADER}${ROW}`), "/data/roster.csv", { encodingSetting: "roster.encoding" }),
    );
    expect(error.file).toBe("/data/roster.csv");
    expect(error.place).toBe("2:6");
    expect(error.detail).toContain("Shift_JIS (CP932");
    expect(error.detail).toContain("`iconv -f CP932 -t UTF-8 'roster.csv' > utf8-roster.csv`");
    expect(error.detail).toContain("or set roster.encoding");
  });

  it("decodes a roster declared as cp932 (NEC special characters included)", () => {
    const text = `${HEADER}${ROW.replace("山田 太郎", "髙橋 ①")}`;
    expect(decodeInputText(cp932(text), "roster.csv", { encoding: "cp932" })).toBe(text);
    expect(decodeInputText(cp932(text), "roster.csv", { encoding: "shift_jis" })).toBe(text);
  });

  it("says when bytes are neither UTF-8 nor Shift_JIS, and keeps a U+FFFD the file really has", () => {
    const bytes = Buffer.concat([Buffer.from("ok \ufffd fine\nline two: "), Buffer.from([0xff, 0xfe, 0x80])]);
    const error = errorOf(() => decodeInputText(bytes, "config.yaml"));
    expect(error.message).toBe("config.yaml:2:11: not UTF-8 text: save it as UTF-8");
  });

  it("a file declared cp932 that is not says so at the bad byte", () => {
    const bytes = Buffer.concat([Buffer.from("a,b\n"), Buffer.from([0x81, 0x20])]);
    const error = errorOf(() => decodeInputText(bytes, "roster.csv", { encoding: "cp932" }));
    expect(error.message).toBe(
      "roster.csv:2:1: not valid cp932 text, as declared: check the file's encoding",
    );
  });
});
