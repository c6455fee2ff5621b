// What the trust rules need to know about a trustedDomain: which way accounts may cross, and its kind.
import type { ResourceOf } from "@itaku/core";

/** trustDirection bit: this domain trusts the partner, so the partner's accounts may use its resources. */
const OUTBOUND = 0x2;
export const TRUST_ATTRIBUTE = {
  QUARANTINED_DOMAIN: 0x4,
  FOREST_TRANSITIVE: 0x8,
  WITHIN_FOREST: 0x20,
  TREAT_AS_EXTERNAL: 0x40,
} as const;

type Trust = ResourceOf<"ad.trust">;

export const letsPartnerIn = (trust: Trust) => (trust.attributes.direction & OUTBOUND) !== 0;
export const isWithinForest = (trust: Trust) =>
  (trust.attributes.trustAttributes & TRUST_ATTRIBUTE.WITHIN_FOREST) !== 0;
export const isForestTrust = (trust: Trust) =>
  (trust.attributes.trustAttributes & TRUST_ATTRIBUTE.FOREST_TRANSITIVE) !== 0;

export const DIRECTION_NAMES: Record<number, string> = {
  0: "disabled",
  1: "inbound",
  2: "outbound",
  3: "bidirectional",
};

/** Why a trust is outside the trust rules' concern, or undefined when the partner's accounts may come in. */
export function outOfScope(trust: Trust): string | undefined {
  if (isWithinForest(trust)) return "A trust within the forest links the company's own domains";
  if (!letsPartnerIn(trust))
    return `The trust is ${DIRECTION_NAMES[trust.attributes.direction] ?? "of unknown direction"}: the partner's accounts cannot use this domain`;
  return undefined;
}
