// itaku init: a commented starter itaku.yaml and a roster template in the user's directory.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { ROSTER_COLUMNS } from "@itaku/core";
import { type CommandEnv, type ParsedArgs, UsageError } from "../command";
import { writeFileAtomically } from "../io";

export const STARTER_CONFIG = `# itaku.yaml — what itaku scans and how the contract applies to this vendor.
# Every key is optional; \`itaku scan --aws\` / \`--ad\` read the sections below.
# Editors: the JSON Schema is schemas/itaku-config.schema.json in the itaku package.

# The roster (従事者台帳): people allowed to handle the client's information, and their accounts.
roster:
  path: ./roster.csv
  reviewedAt: 2026-01-31          # when the roster was last reviewed (YYYY-MM-DD)

# AWS: the standard credential chain, a profile, or a role to assume (contractors use externalId).
aws:
  regions: [ap-northeast-1]       # or: all-enabled
  # profile: vendor-readonly
  # roleArn: arn:aws:iam::111122223333:role/itaku-auditor
  # externalId: from-the-client
  confidential:                   # where the confidential-data environment is
    subnetTags: { DataClass: confidential }
    # proxy: { securityGroupIds: [sg-0123456789abcdef0], port: 3128 }

# Active Directory over LDAPS; the bind password comes from the environment, never from this file.
# ad:
#   url: ldaps://dc1.vendor.example
#   baseDN: DC=vendor,DC=example
#   bindDN: CN=itaku-reader,CN=Users,DC=vendor,DC=example
#   passwordEnv: ITAKU_AD_PASSWORD

# Per rule: off, or its options (\`itaku rules ID\` shows them with their defaults).
rules: {}
#   accounts-inactive: { maxInactiveDays: 90 }

# Subcontractors the client approved in writing (再委託).
subcontractors: []
#   - name: Example Partner Ltd.
#     awsAccountIds: ["444455556666"]
#     approvedBy: Client IT department head
#     approvedAt: 2026-04-01

# Exceptions the client approved; an expired waiver stops applying.
waivers: []
#   - rule: accounts-shared-generic
#     resource: arn:aws:iam::111122223333:user/svc-backup
#     reason: Backup service account, approved in writing
#     approvedBy: Client IT department head
#     expires: 2027-03-31

# Controls checked by people, not by a rule (entry control, training, …).
attestations: []
#   - control: NIC-1-3
#     status: implemented
#     note: Entry is by IC card; access reviewed monthly.
#     by: Taro Yamada
#     at: 2026-11-01
`;

export const STARTER_ROSTER = `${ROSTER_COLUMNS.join(",")}
P001,Taro Yamada,yamada@vendor.example,manager,yamada,yamada,2024-04-01,,2026-04-10
`;

export async function run(args: ParsedArgs, env: CommandEnv): Promise<number> {
  const files = [
    { name: "itaku.yaml", content: STARTER_CONFIG },
    { name: "roster.csv", content: STARTER_ROSTER },
  ];
  const existing = files.filter((f) => existsSync(resolve(env.cwd, f.name))).map((f) => f.name);
  if (existing.length > 0 && !args.values.force) {
    throw new UsageError(
      `${existing.join(" and ")} already exist${existing.length === 1 ? "s" : ""} in ${env.cwd}; nothing written (--force overwrites)`,
    );
  }
  for (const file of files) writeFileAtomically(resolve(env.cwd, file.name), file.content);
  env.stderr.write(
    `itaku: wrote itaku.yaml and roster.csv in ${env.cwd}\nNext: edit both, then \`itaku scan --aws\` (or --ad); \`itaku scan --demo\` shows what a report looks like.\n`,
  );
  return 0;
}
