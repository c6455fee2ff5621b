import { windowsEndOfSupport } from "./windows-support";

describe("windowsEndOfSupport", () => {
  it("finds servers and old clients by name, the longest name first", () => {
    expect(windowsEndOfSupport("Windows Server 2012 R2 Standard", "6.3 (9600)")).toEqual({
      kind: "listed",
      release: "Windows Server 2012",
      endOfSupport: "2023-10-10",
    });
    expect(windowsEndOfSupport("Windows 8.1 Pro", "6.3 (9600)")).toMatchObject({ release: "Windows 8.1" });
    expect(windowsEndOfSupport("Windows 7 Professional", "6.1 (7601)")).toMatchObject({
      endOfSupport: "2020-01-14",
    });
  });

  it("finds Windows 10 and 11 by build, with the edition's date", () => {
    expect(windowsEndOfSupport("Windows 10 Pro", "10.0 (19045)")).toMatchObject({
      endOfSupport: "2025-10-14",
    });
    expect(windowsEndOfSupport("Windows 11 Pro", "10.0 (22631)")).toMatchObject({
      endOfSupport: "2025-11-11",
    });
    expect(windowsEndOfSupport("Windows 11 Enterprise", "10.0 (22631)")).toMatchObject({
      endOfSupport: "2026-11-10",
    });
    expect(windowsEndOfSupport("Windows 10 Enterprise LTSC", "10.0 (17763)")).toEqual({
      kind: "listed",
      release: "Windows 10 1809 LTSC",
      endOfSupport: "2029-01-09",
    });
  });

  it("says what it cannot place", () => {
    expect(windowsEndOfSupport("Samba", "4.17.12-Debian")).toEqual({ kind: "not-windows" });
    expect(windowsEndOfSupport("Windows 11 Pro", undefined)).toMatchObject({ kind: "unlisted" });
    expect(windowsEndOfSupport("Windows 11 Pro", "10.0 (99999)")).toMatchObject({ kind: "unlisted" });
    expect(windowsEndOfSupport("Windows NT 4.0", "4.0")).toMatchObject({ kind: "unlisted" });
  });
});
