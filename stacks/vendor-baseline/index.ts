// The vendor-baseline stack: stack config wired into the VendorBaseline component, nothing more.
import * as pulumi from "@pulumi/pulumi";
import { baselineArgsFromConfig } from "./src/stack-config";
import { VendorBaseline } from "./src/vendor-baseline";

const baseline = new VendorBaseline("baseline", baselineArgsFromConfig(new pulumi.Config()));

export const vpcId = baseline.vpcId;
export const proxyUrl = baseline.proxyUrl;
export const auditorRoleArn = baseline.auditorRoleArn;
export const workloadSecurityGroupId = baseline.workloadSecurityGroupId;
/** What itaku.yaml `aws.confidential` needs to scan this stack. */
export const itakuConfidential = {
  subnetTags: baseline.itakuSettings.subnetTags,
  proxy: baseline.itakuSettings.proxy,
};
/** What itaku.yaml `rules` needs to judge this stack by what it turned on (GuardDuty plans, Security Hub standards). */
export const itakuRules = baseline.itakuSettings.rules;
