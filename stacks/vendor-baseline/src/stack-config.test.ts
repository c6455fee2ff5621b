import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { peopleFromRoster } from "./stack-config";

describe("peopleFromRoster", () => {
  it("makes one user per current person from the roster, leaving leavers out", () => {
    const dir = mkdtempSync(join(tmpdir(), "itaku-roster-"));
    const path = join(dir, "roster.csv");
    writeFileSync(
      path,
      [
        "person_id,name,email,role,aws_iam_users,ad_accounts,start_date,end_date,briefed_at",
        "P001,山田 太郎,,manager,yamada,,2024-04-01,,2026-04-10",
        "P003,鈴木 一郎,,member,suzuki;shared-ops,,2025-01-15,,2026-04-10",
        "P005,田中 健太,,member,tanaka,,2024-04-01,2026-09-30,2025-04-10",
        "P009,No Account,,member,,,2024-04-01,,2026-04-10",
      ].join("\n"),
    );
    expect(peopleFromRoster(path, new Date("2026-11-20T00:00:00Z"))).toEqual([
      { userName: "yamada", role: "manager", personId: "P001" },
      { userName: "suzuki", role: "member", personId: "P003" },
    ]);
  });
});
