import type { AnyRule } from "@itaku/core";
import adComputerLaps from "./ad-computer-laps";
import adComputerStale from "./ad-computer-stale";
import adComputerUnsupportedOs from "./ad-computer-unsupported-os";
import adDomainPasswordPolicy from "./ad-domain-password-policy";
import adGuestDisabled from "./ad-guest-disabled";
import adKrbtgtPasswordAge from "./ad-krbtgt-password-age";
import adMachineAccountQuota from "./ad-machine-account-quota";
import adOperatorsGroupEmpty from "./ad-operators-group-empty";
import adPrivilegedGroupSize from "./ad-privileged-group-size";
import adPrivilegedMemberInactive from "./ad-privileged-member-inactive";
import adPrivilegedMemberNotAdmin from "./ad-privileged-member-not-admin";
import adPrivilegedUserDelegationProtected from "./ad-privileged-user-delegation-protected";
import adPrivilegedUserKerberoastable from "./ad-privileged-user-kerberoastable";
import adPrivilegedUserSmartcard from "./ad-privileged-user-smartcard";
import adTrustApproved from "./ad-trust-approved";
import adTrustSidFiltering from "./ad-trust-sid-filtering";
import adUserDesOnly from "./ad-user-des-only";
import adUserKerberosPreauthDisabled from "./ad-user-kerberos-preauth-disabled";
import adUserPasswordNeverExpires from "./ad-user-password-never-expires";
import adUserPasswordNotRequired from "./ad-user-password-not-required";
import adUserReversibleEncryption from "./ad-user-reversible-encryption";
import adUserStale from "./ad-user-stale";
import adUserUnconstrainedDelegation from "./ad-user-unconstrained-delegation";

/** The rules of this package, one per file; the file name equals the rule id. */
export const rules: AnyRule[] = [
  adDomainPasswordPolicy,
  adGuestDisabled,
  adOperatorsGroupEmpty,
  adPrivilegedGroupSize,
  adPrivilegedMemberInactive,
  adPrivilegedMemberNotAdmin,
  adUserDesOnly,
  adUserKerberosPreauthDisabled,
  adUserPasswordNeverExpires,
  adUserPasswordNotRequired,
  adUserReversibleEncryption,
  adUserStale,
  adUserUnconstrainedDelegation,
  adComputerStale,
  adComputerUnsupportedOs,
  adMachineAccountQuota,
  adKrbtgtPasswordAge,
  adComputerLaps,
  adPrivilegedUserDelegationProtected,
  adPrivilegedUserKerberoastable,
  adPrivilegedUserSmartcard,
  adTrustApproved,
  adTrustSidFiltering,
];
