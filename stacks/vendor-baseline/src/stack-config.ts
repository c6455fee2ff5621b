// Stack config → VendorBaselineArgs. Keys mirror the component's arguments; the roster may be given
// as a file (the 従事者台帳 itaku reads) instead of a `people` list.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { hasLeft, parseRoster } from "@itaku/core";
import type * as pulumi from "@pulumi/pulumi";
import type { BaselinePerson, PersonRole, VendorBaselineArgs } from "./vendor-baseline";

/** The roster's current people, one IAM user each (the first listed), leavers left out. */
export function peopleFromRoster(path: string, now: Date = new Date()): BaselinePerson[] {
  const roster = parseRoster(readFileSync(path, "utf8"), path);
  return roster.people
    .filter((person) => !hasLeft(person, now) && person.awsIamUsers.length > 0)
    .map((person) => ({
      userName: person.awsIamUsers[0]!.replace(/^\d{12}:/, ""),
      role: person.role as PersonRole,
      personId: person.personId,
    }));
}

export function baselineArgsFromConfig(
  config: pulumi.Config,
  cwd: string = process.cwd(),
): VendorBaselineArgs {
  const rosterFile = config.get("rosterFile");
  const people = rosterFile
    ? peopleFromRoster(resolve(cwd, rosterFile))
    : config.requireObject<BaselinePerson[]>("people");
  return {
    people,
    clientAudit: config.requireObject<VendorBaselineArgs["clientAudit"]>("clientAudit"),
    proxy: config.requireObject<VendorBaselineArgs["proxy"]>("proxy"),
    network: config.getObject<VendorBaselineArgs["network"]>("network"),
    logRetentionDays: config.getNumber("logRetentionDays"),
    trailObjectLockMode: config.get("trailObjectLockMode") as VendorBaselineArgs["trailObjectLockMode"],
    passwordPolicy: config.getObject<VendorBaselineArgs["passwordPolicy"]>("passwordPolicy"),
    securityAlerts: config.getObject<VendorBaselineArgs["securityAlerts"]>("securityAlerts")!,
    patching: config.getObject<VendorBaselineArgs["patching"]>("patching"),
    guardDuty: config.getObject<VendorBaselineArgs["guardDuty"]>("guardDuty"),
    securityHub: config.getObject<VendorBaselineArgs["securityHub"]>("securityHub"),
    consoleAccess: config.getBoolean("consoleAccess"),
    pgpKey: config.get("pgpKey"),
    namePrefix: config.get("namePrefix"),
    tags: config.getObject<Record<string, string>>("tags"),
    allowDirectInternetRoute: config.getBoolean("allowDirectInternetRoute"),
    allowShortRetention: config.getBoolean("allowShortRetention"),
    adminMfaOptional: config.getBoolean("adminMfaOptional"),
  };
}
