import { readFileSync } from "node:fs";
import { join } from "node:path";
import { controlById, controls, controlsOf, documentById, documents, isKnownControl } from "./index";
import type { Control, ControlKind } from "./types";

const SEEDS = join(__dirname, "..", "seeds");

function seed(file: string): string {
  return readFileSync(join(SEEDS, file), "utf8");
}

/** Collapse runs of whitespace and strip leading "- " list markers (per line). */
function normalise(s: string): string {
  return s
    .split("\n")
    .map((line) => line.trim().replace(/^- /, ""))
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

const normalisedSeed: Record<string, string> = Object.fromEntries(
  documents.map((d) => [d.id, normalise(seed(d.file))]),
);

/**
 * Every id /work/shared/CONTROLS.md names, with its kind — as CONTROLS.md gives it ("manual (later: auto)"
 * = manual), or as relabelled since (issue 15): a control is auto/partial only while a rule backs it
 * (packages/cli/src/control-coverage.test.ts), and manual when only a person can judge it.
 */
const NAMED: Record<string, ControlKind> = {
  "NIC-1-1": "partial",
  "NIC-1-2-1": "manual",
  "NIC-1-2-2-1": "auto",
  "NIC-1-2-2-2": "manual",
  "NIC-1-2-3": "manual",
  "NIC-1-2-4": "manual",
  "NIC-1-2-5": "partial",
  "NIC-1-2-6": "manual",
  "NIC-1-3": "manual",
  "NIC-1-4-1-1": "partial",
  "NIC-1-4-1-2": "partial",
  "NIC-1-4-2-1": "auto",
  "NIC-1-4-2-2": "auto",
  "NIC-1-4-2-3": "auto",
  "NIC-1-4-2-4": "auto",
  "NIC-1-4-2-5": "partial",
  "NIC-1-4-3-1": "auto",
  "NIC-1-4-3-2": "auto",
  "NIC-1-4-3-3": "auto",
  "NIC-1-4-4-1": "manual",
  "NIC-1-4-4-2": "partial",
  "NIC-1-4-4-3": "manual",
  "NIC-1-4-4-4": "partial",
  "NIC-1-4-4-5": "partial",
  "NIC-1-4-4-6": "manual",
  "NIC-1-4-4-7": "manual",
  "NIC-1-4-4-8": "manual",
  "NIC-1-4-4-9": "partial",
  "NIC-1-4-4-10": "manual",
  "NIC-1-4-5-1": "auto",
  "NIC-1-4-5-2": "partial",
  "NIC-1-4-5-3": "auto",
  "NIC-1-5": "manual",
  "NIC-1-6": "partial",
  "NIC-1-7": "partial",
  "NIC-1-8": "manual",
  "NIC-1-9": "manual",
  "IPA-C-3-2": "auto",
  "IPA-C-3-3": "partial",
  "IPA-C-3-10": "manual",
  "IPA-R-1": "partial",
  "IPA-1.1-3": "auto",
  "IPA-1.1-4": "auto",
  "IPA-1.1-6": "auto",
  "IPA-1.1-18": "manual",
  "IPA-1.1-21": "manual",
  "IPA-2.1-5": "auto",
  "IPA-3.1-1": "partial",
  "IPA-3.1-3": "partial",
  "IPA-3.1-5": "partial",
  "IPA-3.1-7": "manual",
  "IPA-3.1-8": "auto",
  "IPA-3.2-1": "partial",
  "IPA-3.2-2": "partial",
  "IPA-4.1-1": "auto",
  "IPA-4.1-3": "auto",
  "IPA-4.1-5": "partial",
  "IPA-4.1-6": "auto",
  "IPA-4.1-8": "auto",
  "IPA-4.1-9": "auto",
  "IPA-5.1-2": "manual",
};

function get(id: string): Control {
  const c = controlById(id);
  if (!c) throw new Error(`missing control ${id}`);
  return c;
}

function countBy<T extends string>(
  items: readonly Control[],
  key: (c: Control) => T,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of items) out[key(c)] = (out[key(c)] ?? 0) + 1;
  return out;
}

describe("control catalog", () => {
  it("has unique, well-formed ids", () => {
    const ids = controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(NIC|IPA)-[A-Z0-9.-]+$/);
    for (const c of controls) expect(c.id.startsWith(`${c.document}-`)).toBe(true);
  });

  it("has unique clause references per document", () => {
    const refs = controls.map((c) => `${c.document} ${c.clause}`);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it("contains every id CONTROLS.md names, with the kind it gives", () => {
    for (const [id, kind] of Object.entries(NAMED)) {
      expect({ id, kind: controlById(id)?.kind }).toEqual({ id, kind });
    }
  });

  it("makes every control CONTROLS.md does not name manual", () => {
    const others = controls.filter((c) => !(c.id in NAMED));
    expect(others.filter((c) => c.kind !== "manual").map((c) => c.id)).toEqual([]);
  });

  it("quotes every text verbatim from its seed (after normalising whitespace)", () => {
    for (const c of controls) {
      const text = normalise(c.text);
      expect(text.length).toBeGreaterThan(0);
      if (!normalisedSeed[c.document]?.includes(text)) {
        throw new Error(`${c.id}: text is not a verbatim quote of its seed: ${text}`);
      }
    }
  });

  it("gives checkedBy to auto/partial controls and only to them", () => {
    for (const c of controls) {
      if (c.kind === "manual") {
        expect({ id: c.id, checkedBy: c.checkedBy }).toEqual({ id: c.id, checkedBy: undefined });
      } else {
        expect(c.checkedBy?.en.length ?? 0).toBeGreaterThan(0);
        expect(c.checkedBy?.ja.length ?? 0).toBeGreaterThan(0);
      }
    }
  });

  it("has bilingual titles and sections everywhere", () => {
    for (const c of controls) {
      for (const s of [c.title.en, c.title.ja, c.section.en, c.section.ja, c.clause]) {
        expect(s.trim().length).toBeGreaterThan(0);
      }
    }
  });

  it("lists NIC before IPA", () => {
    const docs = controls.map((c) => c.document);
    expect(docs.lastIndexOf("NIC")).toBeLessThan(docs.indexOf("IPA"));
  });

  /*
   * Counts, by hand from the seeds:
   * NIC (001): 1-1 (1) + 1-2 (1)=1, (2)①②=2, (3)(4)(5)(6)=4 → 7 + 1-3 (1, grouped per CONTROLS.md)
   *   + 1-4 (1)①②=2, (2)①–⑤=5, (3)①–③=3, (4)①–⑩=10, (5)①–③=3 → 23 + 1-5…1-9 (5) = 37.
   * IPA (000): model clause 第〇条（機密保持） items 1, 2, the lead-in of 3, and 3(1)–(10) = 13;
   *   第〇条（再委託） = 1 (IPA-R-1); annex ◇ items 1.1=22, 1.2=8, 1.3=3, 2.1=7, 2.2=4, 3.1=8, 3.2=3,
   *   4.1=9 (one empty), 5.1=4 → 68 (= the number of "◇" in the seed); 13 + 1 + 68 = 82.
   * Kinds (after issue 15's relabelling): NIC auto 10, partial 12, manual 15; IPA auto 11, partial 8, manual 63.
   */
  it("has the counted number of controls per document and kind", () => {
    expect(controlsOf("NIC")).toHaveLength(37);
    expect(controlsOf("IPA")).toHaveLength(82);
    expect(controls).toHaveLength(119);
    expect(countBy(controlsOf("NIC"), (c) => c.kind)).toEqual({ auto: 10, partial: 12, manual: 15 });
    expect(countBy(controlsOf("IPA"), (c) => c.kind)).toEqual({ auto: 11, partial: 8, manual: 63 });
  });

  it("has one annex control per ◇ of each seed section, in order", () => {
    // Count the ◇ items of each annex section straight from the seed.
    const text = seed(documentById("IPA").file);
    const annex = text.slice(text.indexOf("(別紙 「委託先における情報セキュリティ対策事項」)"));
    const fromSeed: Record<string, number> = {};
    let section = "";
    for (const line of annex.split("\n")) {
      const heading = /^(\d\.\d) /.exec(line);
      if (heading?.[1]) section = heading[1];
      else if (/^- ◇/.test(line)) fromSeed[section] = (fromSeed[section] ?? 0) + 1;
    }
    expect(fromSeed).toEqual({
      "1.1": 22,
      "1.2": 8,
      "1.3": 3,
      "2.1": 7,
      "2.2": 4,
      "3.1": 8,
      "3.2": 3,
      "4.1": 9,
      "5.1": 4,
    });
    const annexControls = controlsOf("IPA").filter((c) => /^IPA-\d\.\d-\d+$/.test(c.id));
    expect(countBy(annexControls, (c) => c.id.split("-")[1] ?? "")).toEqual(fromSeed);
    for (const [sec, n] of Object.entries(fromSeed)) {
      for (let i = 1; i <= n; i++) {
        expect(get(`IPA-${sec}-${i}`).clause).toBe(`別紙 ${sec} ◇${i}`);
      }
    }
    expect(countBy(controlsOf("IPA"), (c) => c.id.split("-")[1] ?? "")).toMatchObject({ C: 13, R: 1 });
  });

  it("numbers the ◇ items as CONTROLS.md does", () => {
    // The source says リモート nowhere: its remote diagnostic ports are 遠隔診断ポート.
    expect(get("IPA-4.1-8").text).toContain("遠隔診断ポート");
    expect(get("IPA-4.1-9").text).toContain("遠隔診断ポート");
    expect(get("IPA-4.1-8").title.en).toMatch(/remote/i);
    expect(get("IPA-4.1-9").title.en).toMatch(/remote/i);
    expect(get("IPA-4.1-7").title.en).toBe("(empty item in the source)");
    expect(get("IPA-3.1-8").text).toContain("web サイトへのアクセスを制限");
    expect(get("IPA-3.1-7").text).toContain("時刻");
    expect(get("IPA-C-3-10").text).toMatch(/毎月|月/);
    expect(get("IPA-C-3-10").text).toContain("毎月");
    expect(get("IPA-C-3-2").text).toContain("必要最小限");
    expect(get("IPA-C-3-3").text).toContain("甲に報告");
    expect(get("IPA-R-1").text).toContain("書面による同意");
    expect(get("IPA-1.1-3").text).toContain("アクセスできる人の範囲");
    expect(get("IPA-1.1-4").text).toContain("従事者台帳");
    expect(get("IPA-1.1-6").text).toContain("利用記録");
    expect(get("IPA-1.1-18").text).toContain("バックアップ");
    expect(get("IPA-1.1-21").text).toContain("定期的に確認");
    expect(get("IPA-2.1-5").text).toContain("サーバへの作業記録");
    expect(get("IPA-3.2-1").text).toContain("修正プログラム");
    expect(get("IPA-4.1-1").text).toContain("利用者毎に ID とパスワード");
    expect(get("IPA-4.1-3").text).toContain("有効期限");
    expect(get("IPA-4.1-6").text).toContain("アクセス権");
    expect(get("IPA-5.1-2").text).toContain("機密情報管理者に報告");
    expect(get("NIC-1-4-2-2").text).toContain("個人単位");
    expect(get("NIC-1-4-5-3").text).toContain("Proxy");
  });

  it("looks controls up by id", () => {
    expect(controlById("NIC-1-4-2-2")?.clause).toBe("1-4(2)②");
    expect(controlById("IPA-4.1-8")?.clause).toBe("別紙 4.1 ◇8");
    expect(controlById("NIC-9-9")).toBeUndefined();
    expect(isKnownControl("IPA-R-1")).toBe(true);
    expect(isKnownControl("IPA-4.1-10")).toBe(false);
    expect(isKnownControl("")).toBe(false);
  });

  it("describes both source documents with their seed file and title", () => {
    expect(documents.map((d) => d.id)).toEqual(["NIC", "IPA"]);
    for (const d of documents) {
      const compact = seed(d.file).replace(/\s+/g, "");
      expect(compact).toContain(d.title.ja.replace(/\s+/g, ""));
      expect(d.title.en.length).toBeGreaterThan(0);
    }
  });
});
