import { child, defineDetection, mergeNested, mergeSets } from "@itaku/core";
import {
  consoleLoginOutcome,
  count,
  inOrder,
  iso,
  mergeTallies,
  newStringSet,
  subjectOf,
  type Tally,
  tallyEvidence,
} from "./tally";

interface State {
  /** Person id or principal key → sign-ins from outside the allowed networks. */
  signIns: Map<string, Tally>;
  /** Person id or principal key → the addresses. */
  sources: Map<string, Set<string>>;
}

export default defineDetection({
  id: "access-source-not-allowed",
  title: {
    en: "Console sign-ins from outside the allowed networks",
    ja: "許可されたネットワーク外からのコンソールサインイン",
  },
  description: {
    en: "Flags successful console sign-ins whose source address lies outside audit.allowedSourceCidrs (the office and VPN ranges the vendor declares). Without allowed ranges the detection does not apply.",
    ja: "送信元アドレスが audit.allowedSourceCidrs（委託先が申告する事務所・VPN のアドレス範囲）の外にある、成功したコンソールサインインを検出します。範囲が設定されていなければ適用しません。",
  },
  severity: "high",
  controls: ["NIC-1-4-3-3", "IPA-4.1-9"],
  messages: {
    outsideAllowed:
      "{principal} signed in to the console {count} time(s) from {sources}, outside the allowed networks (first {first})",
  },
  remediation: {
    summary:
      "Ask the person where they worked from; if the network is legitimate add it to audit.allowedSourceCidrs, otherwise restrict sign-in with an aws:SourceIp condition (or the IdP's network policy) and reset the person's credentials.",
  },
  init: (): State => ({ signIns: new Map(), sources: new Map() }),
  fold(state, event, identity, ctx) {
    if (!ctx.clock.inPeriod || ctx.allowedSources.size === 0 || consoleLoginOutcome(event) !== "Success")
      return;
    const source = event.sourceIPAddress;
    if (!source || ctx.allowedSources.contains(source) !== false) return;
    const key = identity.person?.personId ?? identity.key;
    count(
      state.signIns,
      key,
      () => subjectOf(identity, event.recipientAccountId),
      ctx.clock.ms,
      event.eventID,
    );
    child(state.sources, key, newStringSet).add(source);
  },
  merge(into, from) {
    mergeTallies(into.signIns, from.signIns);
    mergeNested(into.sources, from.sources, mergeSets);
    return into;
  },
  report(state, ctx) {
    if (ctx.audit.allowedSourceCidrs.length === 0) {
      ctx.notApplicable(undefined, "audit.allowedSourceCidrs is empty: no source networks are declared");
      return;
    }
    for (const [key, tally] of inOrder(state.signIns)) {
      const sources = [...state.sources.get(key)!].sort();
      ctx.fail(
        tally.subject,
        "outsideAllowed",
        {
          principal: tally.subject.name,
          count: tally.count,
          sources: sources.join(", "),
          first: iso(tally.first),
        },
        { ...tallyEvidence(tally), sources },
      );
    }
  },
});
