import { DetectionTester } from "@itaku/rule-tester";
import detection from "./access-console-login-failures";
import { ACCOUNT, consoleLogin, HOME_IP, identities, tester, workday } from "./fixtures";

const failures = (name: string, n: number, opts: { ip?: string; day?: number; minutes?: number } = {}) =>
  Array.from({ length: n }, (_, i) =>
    consoleLogin(
      identities.iamUser(name),
      new Date(Date.parse(workday(opts.day ?? 13)) + i * (opts.minutes ?? 3) * 60_000).toISOString(),
      { ok: false, ip: opts.ip ?? HOME_IP },
    ),
  );

new DetectionTester(tester).run(detection, {
  valid: [
    { name: "the compliant month" },
    {
      name: "four failures stay under the threshold",
      change: (d) => d.events.push(...failures("yamada", 4)),
    },
    {
      name: "five failures spread over a day stay under the threshold",
      change: (d) => d.events.push(...failures("yamada", 5, { minutes: 90 })),
    },
    {
      name: "failures in the look-back are not this period's",
      change: (d) =>
        d.events.push(
          ...Array.from({ length: 6 }, (_, i) =>
            consoleLogin(identities.iamUser("yamada"), `2026-09-20T01:0${i}:00Z`, { ok: false }),
          ),
        ),
    },
    {
      name: "a higher threshold allows six",
      change: (d) => d.events.push(...failures("yamada", 6)),
      options: { threshold: 7 },
    },
  ],
  invalid: [
    {
      name: "five failures within an hour",
      change: (d) => d.events.push(...failures("yamada", 5)),
      errors: [{ messageId: "repeatedFailures", subject: "P001" }],
    },
    {
      name: "three user names from one address",
      change: (d) => d.events.push(...failures("yamada", 1), ...failures("sato", 1), ...failures("admin", 1)),
      errors: [{ messageId: "spraying", subject: HOME_IP }],
    },
    {
      name: "hidden user names are counted per account and as distinct names",
      change: (d) => {
        for (const event of failures("x", 5)) {
          event.userIdentity = {
            type: "IAMUser",
            accountId: ACCOUNT,
            userName: "HIDDEN_DUE_TO_SECURITY_REASONS",
          };
          d.events.push(event);
        }
      },
      errors: [
        { messageId: "hiddenFailures", subject: ACCOUNT },
        { messageId: "spraying", subject: HOME_IP },
      ],
    },
    {
      name: "a principal that is no one is reported by its ARN",
      change: (d) => d.events.push(...failures("ghost", 5)),
      errors: [{ messageId: "repeatedFailures", subject: `arn:aws:iam::${ACCOUNT}:user/ghost` }],
    },
  ],
  unknown: [
    {
      name: "a gap in the period leaves the quiet month unknown",
      change: (d) => {
        d.coverage.gaps = [
          {
            code: "TruncatedGzip",
            location: "AWSLogs/x.json.gz",
            from: "2026-10-10T00:00:00Z",
            to: "2026-10-10T01:00:00Z",
          },
        ];
      },
      subjects: ["2026-09-30T15:00:00.000Z/2026-10-31T15:00:00.000Z"],
    },
  ],
});
