// The package's one RuleTester, over the compliant baseline of fixtures.ts.
import { RuleTester } from "@itaku/rule-tester";
import { baseline, NOW, roster, settings } from "./fixtures";

export const tester = new RuleTester({ baseline, roster, settings, now: NOW });
