import { MESSAGES, type MessageKey, translator } from "./messages";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the monthly report's message catalog", () => {
  it("has every key in both languages, with the same placeholders", () => {
    const ja = Object.keys(MESSAGES.ja).sort();
    const en = Object.keys(MESSAGES.en).sort();
    expect(en.filter((k) => !ja.includes(k))).toEqual([]);
    expect(ja.filter((k) => !en.includes(k))).toEqual([]);
    for (const key of ja as MessageKey[]) {
      expect({ key, en: placeholders(MESSAGES.en[key]) }).toEqual({
        key,
        en: placeholders(MESSAGES.ja[key]),
      });
      expect(MESSAGES.en[key].trim()).not.toBe("");
      expect(MESSAGES.ja[key].trim()).not.toBe("");
    }
  });

  it("throws on a key missing from a language and on an unfilled placeholder", () => {
    const { title: _dropped, ...withoutTitle } = MESSAGES.en;
    const t = translator("en", { ja: MESSAGES.ja, en: withoutTitle as typeof MESSAGES.en });
    expect(() => t("title")).toThrow('message "title" is missing in the en catalog');
    expect(() => translator("ja")("source.gaps")).toThrow("needs {count}");
    expect(translator("ja")("source.gaps", { count: 3 })).toBe("3 件の取得不能");
  });
});
