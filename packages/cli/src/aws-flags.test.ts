// The credential and organisation flags laid over the config's `aws:` section: flags win, and the
// organisation settings the flags do not name stay as the config has them.
import { applyAwsFlags } from "./aws-flags";

test("--org keeps the config's organisation settings (request budget, external id, accounts); --org-role wins", () => {
  const { aws, org } = applyAwsFlags(
    {
      organization: {
        roleName: "FromConfig",
        externalId: "shared-id",
        accounts: ["222233334444"],
        excludeAccounts: ["333344445555"],
        concurrency: 4,
        requestsPerSecond: 250,
      },
    },
    { org: true, "org-role": "ItakuAudit" },
  );
  expect(org).toBe(true);
  expect(aws.organization).toEqual({
    roleName: "ItakuAudit",
    externalId: "shared-id",
    accounts: ["222233334444"],
    excludeAccounts: ["333344445555"],
    concurrency: 4,
    requestsPerSecond: 250,
  });
});

test("--org without an organisation section takes the defaults", () => {
  expect(applyAwsFlags(undefined, { org: true }).aws.organization).toEqual({
    roleName: "OrganizationAccountAccessRole",
    excludeAccounts: [],
    concurrency: 8,
  });
});
