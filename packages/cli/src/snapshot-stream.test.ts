import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError, parseSnapshot, type Snapshot } from "@itaku/core";
import { SnapshotStreamWriter } from "./snapshot-stream";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "itaku-snapshot-stream-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const account = (scope: string): Snapshot => ({
  schemaVersion: 1,
  collectedAt: "2026-11-20T00:00:00.000Z",
  origin: "live",
  sources: [{ provider: "aws", scope, regions: ["ap-northeast-1"], gaps: [] }],
  resources: [
    {
      type: "aws.iam.user",
      id: `arn:aws:iam::${scope}:user/alice`,
      name: "alice",
      scope,
      region: "global",
      attributes: {
        arn: `arn:aws:iam::${scope}:user/alice`,
        userName: "alice",
        userId: "AIDAALICEXXXXXXXEXAMPL",
        path: "/",
        createdAt: "2025-12-01T00:00:00.000Z",
        passwordEnabled: true,
        passwordLastUsedAt: null,
        passwordLastChangedAt: "2025-12-01T00:00:00.000Z",
        mfaActive: true,
        accessKeys: [],
        groups: [],
        attachedPolicies: [],
        inlinePolicies: [],
      },
    } as Snapshot["resources"][number],
  ],
});
const temporaries = () => readdirSync(dir).filter((name) => name.endsWith(".tmp"));

describe("SnapshotStreamWriter", () => {
  it("shows the new snapshot only when finished, replacing the old one and keeping its mode", () => {
    const path = join(dir, "org.snapshot.json");
    writeFileSync(path, "old snapshot", { mode: 0o600 });
    const writer = new SnapshotStreamWriter(path, "2026-11-20T00:00:00.000Z");
    writer.add(account("111122223333"));
    writer.add(account("444455556666"));
    expect(readFileSync(path, "utf8")).toBe("old snapshot");
    writer.finish();
    const snapshot = parseSnapshot(readFileSync(path, "utf8"), path);
    expect(snapshot.sources.map((s) => s.scope)).toEqual(["111122223333", "444455556666"]);
    expect(snapshot.resources).toHaveLength(2);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(temporaries()).toEqual([]);
  });

  it("leaves the old snapshot and no temp behind when aborted", () => {
    const path = join(dir, "org.snapshot.json");
    writeFileSync(path, "old snapshot");
    const writer = new SnapshotStreamWriter(path, "2026-11-20T00:00:00.000Z");
    writer.add(account("111122223333"));
    writer.abort();
    expect(readFileSync(path, "utf8")).toBe("old snapshot");
    expect(temporaries()).toEqual([]);
  });

  it("never writes through a link planted at the temp name it used to derive from the pid", () => {
    // Before: the temp was `.NAME.<pid>.tmp`, opened without O_EXCL, so this link redirected the write.
    const path = join(dir, "org.snapshot.json");
    const victim = join(dir, "victim");
    writeFileSync(victim, "precious");
    symlinkSync(victim, join(dir, `.org.snapshot.json.${process.pid}.tmp`));
    const writer = new SnapshotStreamWriter(path, "2026-11-20T00:00:00.000Z");
    writer.add(account("111122223333"));
    writer.finish();
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(parseSnapshot(readFileSync(path, "utf8"), path).resources).toHaveLength(1);
  });

  it("a full disk is an InputError (exit 2) naming the snapshot, not a crash", () => {
    // Before: the raw ENOSPC from writeSync escaped as an internal error (exit 4).
    let error: unknown;
    try {
      const writer = new SnapshotStreamWriter("/dev/full", "2026-11-20T00:00:00.000Z");
      writer.add(account("111122223333"));
      writer.finish();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe("/dev/full: cannot write: no space left on device");
  });
});
