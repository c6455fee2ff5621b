import rule from "./ad-domain-password-policy";
import { BASE, domainIn, gap } from "./fixtures";
import { tester } from "./tester";

type Draft = Parameters<typeof domainIn>[0];
const policy = (d: Draft) => domainIn(d).attributes.passwordPolicy!;
const fineGrained = (d: Draft, changes: Partial<ReturnType<typeof policy>>) => {
  domainIn(d).attributes.fineGrainedPasswordPolicies = [
    {
      ...policy(d),
      dn: `CN=svc,CN=Password Settings Container,CN=System,${BASE}`,
      name: "svc",
      precedence: 10,
      appliesTo: [],
      ...changes,
    },
  ];
};

tester.run(rule, {
  valid: [
    { name: "12 characters, complex, 90 days, 24 remembered, lockout after 5 for 30 minutes" },
    {
      name: "no expiry accepted by option",
      options: { maxAgeDays: null },
      change: (d) => {
        policy(d).maxAgeDays = null;
      },
    },
    {
      name: "locked until an administrator unlocks",
      change: (d) => {
        policy(d).lockoutDurationMinutes = null;
      },
    },
    {
      name: "a stricter fine-grained policy",
      change: (d) => fineGrained(d, { minLength: 20 }),
    },
  ],
  invalid: [
    {
      name: "reversible encryption",
      change: (d) => {
        policy(d).reversibleEncryption = true;
      },
      errors: [{ messageId: "reversibleEncryption", resource: BASE }],
    },
    {
      name: "7 characters (and no lockout: the length comes first)",
      change: (d) => {
        policy(d).minLength = 7;
        policy(d).lockoutThreshold = 0;
      },
      errors: [{ messageId: "minLength", resource: BASE }],
    },
    {
      name: "no complexity",
      change: (d) => {
        policy(d).complexity = false;
      },
      errors: [{ messageId: "complexity", resource: BASE }],
    },
    {
      name: "passwords never expire",
      change: (d) => {
        policy(d).maxAgeDays = null;
      },
      errors: [{ messageId: "noExpiry", resource: BASE }],
    },
    {
      name: "180-day maximum age",
      change: (d) => {
        policy(d).maxAgeDays = 180;
      },
      errors: [{ messageId: "maxAge", resource: BASE }],
    },
    {
      name: "3 remembered passwords",
      change: (d) => {
        policy(d).historyLength = 3;
      },
      errors: [{ messageId: "history", resource: BASE }],
    },
    {
      name: "no lockout",
      change: (d) => {
        policy(d).lockoutThreshold = 0;
      },
      errors: [{ messageId: "noLockout", resource: BASE }],
    },
    {
      name: "lockout after 50 attempts",
      change: (d) => {
        policy(d).lockoutThreshold = 50;
      },
      errors: [{ messageId: "lockoutThreshold", resource: BASE }],
    },
    {
      name: "a 1-minute lockout",
      change: (d) => {
        policy(d).lockoutDurationMinutes = 1;
      },
      errors: [{ messageId: "lockoutDuration", resource: BASE }],
    },
    {
      name: "a fine-grained policy of 4 characters",
      change: (d) => fineGrained(d, { minLength: 4 }),
      errors: [{ messageId: "fineGrainedWeak", resource: BASE }],
    },
  ],
  unknown: [
    {
      name: "policy not readable",
      change: (d) => {
        domainIn(d).attributes.passwordPolicy = undefined;
      },
      resources: [BASE],
    },
    {
      name: "domain read incomplete",
      change: (d) => {
        d.sources[0]!.gaps.push(gap("ad.domain"));
      },
      resources: [BASE],
    },
  ],
});
