// Whether root's MFA is a virtual (authenticator-app) device: the credential report says only that MFA
// is on. A virtual device assigned to root names root's ARN as its user; any other MFA of root is a
// hardware TOTP token or a FIDO security key, which ListVirtualMFADevices does not list.
import { type IAMClient, paginateListVirtualMFADevices } from "@aws-sdk/client-iam";

export type RootVirtualMfa = { ok: true; virtual: boolean } | { ok: false; failure: unknown };

export async function readRootVirtualMfa(iam: IAMClient, accountId: string): Promise<RootVirtualMfa> {
  const rootArn = `arn:aws:iam::${accountId}:root`;
  try {
    for await (const page of paginateListVirtualMFADevices(
      { client: iam },
      { AssignmentStatus: "Assigned" },
    )) {
      if ((page?.VirtualMFADevices ?? []).some((device) => device.User?.Arn === rootArn)) {
        return { ok: true, virtual: true };
      }
    }
    return { ok: true, virtual: false };
  } catch (error) {
    return { ok: false, failure: error };
  }
}
