import { ACCOUNT, draftOf, GROUP, gap } from "./fixtures";
import rule from "./logging-proxy-log-retention";
import { tester } from "./tester";

tester.run(rule, {
  valid: [
    { name: "proxy log group 400 days" },
    {
      name: "never expires",
      change: (d) => {
        draftOf(d, "aws.logs.log-group", GROUP.proxy).attributes.retentionInDays = null;
      },
    },
    {
      name: "the proxy's logs live in another scanned account",
      change: (d) => {
        const other = structuredClone(draftOf(d, "aws.account", ACCOUNT));
        other.id = "444455556666";
        other.scope = "444455556666";
        other.attributes.accountId = "444455556666";
        d.resources.push(other);
      },
    },
  ],
  invalid: [
    {
      name: "proxy log group 90 days",
      change: (d) => {
        draftOf(d, "aws.logs.log-group", GROUP.proxy).attributes.retentionInDays = 90;
      },
      errors: [{ messageId: "short", resource: ACCOUNT }],
    },
    {
      name: "no proxy log group configured",
      change: (_d, _r, s) => {
        s.confidential.proxy.logGroupNames = [];
      },
      errors: [{ messageId: "notConfigured", resource: ACCOUNT }],
    },
    {
      name: "configured group does not exist",
      change: (_d, _r, s) => {
        s.confidential.proxy.logGroupNames = ["/vendor/squid/access"];
      },
      errors: [{ messageId: "missing", resource: ACCOUNT }],
    },
  ],
  unknown: [
    {
      name: "group missing but log groups unreadable in a region",
      change: (d) => {
        d.resources = d.resources.filter((r) => r.id !== GROUP.proxy);
        d.sources[0]!.gaps.push(gap("aws.logs.log-group", "DescribeLogGroups", "us-west-2"));
      },
      resources: [ACCOUNT],
    },
  ],
});
