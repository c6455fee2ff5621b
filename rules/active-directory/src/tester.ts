// The package's one RuleTester, over the compliant baseline of fixtures.ts.
import { RuleTester } from "@itaku/rule-tester";
import { baseline, NOW, roster } from "./fixtures";

export const tester = new RuleTester({ baseline, roster, now: NOW });
