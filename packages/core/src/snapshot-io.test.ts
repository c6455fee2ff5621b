import { parseSnapshot } from "./snapshot-io";

const user = (name: string, attributes: Record<string, unknown> = {}) => ({
  type: "aws.iam.user",
  id: `arn:aws:iam::111122223333:user/${name}`,
  name,
  scope: "111122223333",
  region: "global",
  attributes: {
    arn: `arn:aws:iam::111122223333:user/${name}`,
    userName: name,
    createdAt: "2026-01-01T00:00:00Z",
    groups: [],
    attachedPolicies: [],
    inlinePolicies: [],
    accessKeys: [],
    mfaDevices: [],
    passwordEnabled: false,
    ...attributes,
  },
});

const text = (resources: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    schemaVersion: 1,
    collectedAt: "2026-11-20T00:00:00Z",
    origin: "live",
    sources: [{ provider: "aws", scope: "111122223333", regions: ["global"], gaps: [] }],
    resources,
    ...extra,
  });

describe("parseSnapshot", () => {
  it("checks each resource and fills its defaults", () => {
    const snapshot = parseSnapshot(text([user("alice"), user("bob")]), "s.json");
    expect(snapshot.resources.map((r) => r.name)).toEqual(["alice", "bob"]);
    // `path` defaults to "/" when a collector left it out.
    expect((snapshot.resources[1]!.attributes as { path: string }).path).toBe("/");
    expect(snapshot.sources[0]!.scope).toBe("111122223333");
  });

  it("names the first wrong resource by its place, after good ones", () => {
    expect(() =>
      parseSnapshot(text([user("alice"), user("bob"), user("carol", { passwordEnabled: "yes" })]), "s.json"),
    ).toThrow(
      /s\.json:1:1181: resources\[2\]\.attributes\.passwordEnabled: does not match the snapshot schema/,
    );
  });

  it("names a wrong envelope before any resource", () => {
    expect(() => parseSnapshot(text([user("alice")], { origin: "cloud" }), "s.json")).toThrow(
      /s\.json:1:57: origin: does not match the snapshot schema/,
    );
    expect(() => parseSnapshot(text([user("alice")], { extra: 1 }), "s.json")).toThrow(
      /s\.json:1:\d+: extra: does not match the snapshot schema: Unrecognized key/,
    );
  });

  it('shows an unsupported schemaVersion as written, so "1" is not mistaken for 1', () => {
    // Before: `unsupported snapshot schemaVersion 1 (this itaku reads 1)`.
    expect(() => parseSnapshot('{"schemaVersion":"1"}', "s.json")).toThrow(
      's.json:1:2: schemaVersion: unsupported snapshot schemaVersion "1" (this itaku reads 1)',
    );
  });

  it("rejects resources that are not a list", () => {
    expect(() => parseSnapshot(text([]).replace('"resources":[]', '"resources":{}'), "s.json")).toThrow(
      /s\.json:1:158: resources: does not match the snapshot schema/,
    );
  });
});
