import { daysBetween, defineRule } from "@itaku/core";
import { z } from "zod";

export default defineRule({
  id: "roster-current",
  title: {
    en: "A current personnel roster (従事者台帳) is kept",
    ja: "従事者台帳が最新の状態で維持されている",
  },
  description: {
    en: "The roster defines who may access the information; without it, or when it has not been reviewed recently, no account can be shown to belong to an authorised person.",
    ja: "台帳は情報にアクセスできる者を定める。台帳がない、または一定期間見直されていない場合、アカウントが許可された者のものであることを示せない。",
  },
  severity: "high",
  controls: ["IPA-1.1-3", "IPA-1.1-4", "IPA-C-3-3"],
  resourceTypes: ["itaku.roster"],
  appliesTo: ["live", "iac"],
  options: z.object({ maxDaysSinceReview: z.number().int().positive().default(90) }).strict(),
  optionDocs: {
    maxDaysSinceReview: "Days since the roster's review date (`reviewedAt`) after which it counts as stale.",
  },
  messages: {
    missing: "No roster was given: set `roster:` in itaku.yaml or pass --roster",
    noReviewDate:
      "The roster has no review date: set `roster.reviewedAt` in itaku.yaml (or `reviewedAt:` in a YAML roster)",
    stale: "The roster was last reviewed {days} days ago ({reviewedAt}); the limit is {max} days",
    empty: "The roster lists nobody",
  },
  remediation: {
    summary:
      "Keep the roster beside itaku.yaml, review it at least every maxDaysSinceReview days, and record the review date.",
  },
  check(ctx, options) {
    for (const roster of ctx.resources("itaku.roster")) {
      const a = roster.attributes;
      if (!a.present) ctx.fail(roster, "missing");
      else if (a.people === 0) ctx.fail(roster, "empty");
      else if (!a.reviewedAt) ctx.fail(roster, "noReviewDate");
      else {
        const days = daysBetween(a.reviewedAt, ctx.now);
        if (days > options.maxDaysSinceReview) {
          ctx.fail(roster, "stale", {
            days,
            reviewedAt: a.reviewedAt.slice(0, 10),
            max: options.maxDaysSinceReview,
          });
        } else ctx.pass(roster, { reviewedAt: a.reviewedAt, people: a.people });
      }
    }
  },
});
