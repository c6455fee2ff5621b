import { defineRule } from "@itaku/core";

export default defineRule({
  id: "logging-cloudtrail-trail-logging",
  title: {
    en: "Every trail is logging",
    ja: "すべての証跡が記録中である",
  },
  description: {
    en: "A trail that exists but is stopped records nothing; stopping a trail is also how someone hides what they do. Each trail must be logging.",
    ja: "停止している証跡は何も記録しません。証跡の停止は操作を隠す手口でもあります。すべての証跡が記録中である必要があります。",
  },
  severity: "high",
  controls: ["NIC-1-4-3-1", "IPA-1.1-6"],
  resourceTypes: ["aws.cloudtrail.trail"],
  appliesTo: ["live"],
  messages: {
    stopped: "Trail {trail} is not logging",
  },
  remediation: {
    summary: "Start logging on the trail, and find out who stopped it and when (StopLogging in CloudTrail).",
    cli: "aws cloudtrail start-logging --name <trail>",
  },
  check(ctx) {
    for (const trail of ctx.resources("aws.cloudtrail.trail")) {
      const logging = trail.attributes.logging;
      if (logging === undefined) ctx.unknown(trail, "The trail's status (GetTrailStatus) was not collected");
      else if (logging) ctx.pass(trail);
      else ctx.fail(trail, "stopped", { trail: trail.name });
    }
  },
});
