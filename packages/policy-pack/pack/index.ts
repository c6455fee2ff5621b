// The runnable policy pack: `pulumi preview --policy-pack packages/policy-pack/pack`.
import { rules as accountsRules } from "@itaku/rules-accounts";
import { rules as awsIamRules } from "@itaku/rules-aws-iam";
import { rules as loggingRules } from "@itaku/rules-logging";
import { rules as egressRules } from "@itaku/rules-network-egress";
import { PolicyPack } from "@pulumi/policy";
import { itakuPolicies, loadPackOptions } from "../src";

const rules = [...accountsRules, ...awsIamRules, ...loggingRules, ...egressRules];

new PolicyPack("itaku", { policies: itakuPolicies(loadPackOptions(rules)) });
