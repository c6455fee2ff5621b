import { firstMatch, nameMatches } from "./software-names";

describe("nameMatches", () => {
  it("matches whole words, ignoring case", () => {
    expect(nameMatches("Share EX2", "share")).toBe(true);
    expect(nameMatches("Microsoft SharePoint", "Share")).toBe(false);
    expect(nameMatches("shared-mime-info", "share")).toBe(false);
    expect(nameMatches("Trend Micro  Apex One", "trend micro")).toBe(true);
    expect(nameMatches("falcon-sensor", "falcon-sensor")).toBe(true);
    expect(nameMatches("qBittorrent", "bittorrent")).toBe(false);
    expect(nameMatches("qBittorrent", "qbittorrent")).toBe(true);
  });

  it("treats the pattern as text, not a regular expression", () => {
    expect(nameMatches("Notepad++", "notepad++")).toBe(true);
    expect(nameMatches("a.b", "a?b")).toBe(false);
  });

  it("gives the first pattern that matches", () => {
    expect(firstMatch("uTorrent 3.6", ["winny", "utorrent"])).toBe("utorrent");
    expect(firstMatch("openssl", ["winny", "utorrent"])).toBeUndefined();
  });
});
