// The package's one RuleTester, over the compliant baseline of fixtures.ts.
import { RuleTester } from "@itaku/rule-tester";
import { baseline, NOW, settings } from "./fixtures";

export const tester = new RuleTester({ baseline, settings: settings(), now: NOW });
