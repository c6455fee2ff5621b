// The CloudTrail events CIS AWS Foundations (section 4, "Monitoring") wants an alarm on, each with the
// sample events a metric filter must match to count. Samples, not pattern text, decide: any filter
// that catches these events does the job, however it is written.

export interface MonitoredEvents {
  id: string;
  /** CIS AWS Foundations Benchmark v1.5–3.0 recommendation. */
  cis: string;
  title: string;
  samples: Record<string, unknown>[];
}

const call = (eventSource: string, eventName: string) => ({
  eventVersion: "1.09",
  eventSource,
  eventName,
  eventType: "AwsApiCall",
  awsRegion: "ap-northeast-1",
  sourceIPAddress: "198.51.100.7",
  userIdentity: { type: "IAMUser", userName: "someone" },
});
const calls = (eventSource: string, names: string[]) => names.map((name) => call(eventSource, name));

export const MONITORED_EVENTS: readonly MonitoredEvents[] = [
  {
    id: "unauthorized-api-calls",
    cis: "4.1",
    title: "unauthorized API calls",
    samples: [
      { ...call("ec2.amazonaws.com", "RunInstances"), errorCode: "Client.UnauthorizedOperation" },
      { ...call("s3.amazonaws.com", "GetObject"), errorCode: "AccessDenied" },
    ],
  },
  {
    id: "console-login-without-mfa",
    cis: "4.2",
    title: "console sign-in without MFA",
    samples: [
      {
        ...call("signin.amazonaws.com", "ConsoleLogin"),
        eventType: "AwsConsoleSignIn",
        additionalEventData: { MFAUsed: "No" },
        responseElements: { ConsoleLogin: "Success" },
      },
    ],
  },
  {
    id: "root-usage",
    cis: "4.3",
    title: "use of the root user",
    samples: [{ ...call("s3.amazonaws.com", "ListBuckets"), userIdentity: { type: "Root" } }],
  },
  {
    id: "iam-policy-changes",
    cis: "4.4",
    title: "IAM policy changes",
    samples: calls("iam.amazonaws.com", [
      "DeleteGroupPolicy",
      "DeleteRolePolicy",
      "DeleteUserPolicy",
      "PutGroupPolicy",
      "PutRolePolicy",
      "PutUserPolicy",
      "CreatePolicy",
      "DeletePolicy",
      "CreatePolicyVersion",
      "DeletePolicyVersion",
      "AttachRolePolicy",
      "DetachRolePolicy",
      "AttachUserPolicy",
      "DetachUserPolicy",
      "AttachGroupPolicy",
      "DetachGroupPolicy",
    ]),
  },
  {
    id: "cloudtrail-changes",
    cis: "4.5",
    title: "CloudTrail configuration changes",
    samples: calls("cloudtrail.amazonaws.com", [
      "CreateTrail",
      "UpdateTrail",
      "DeleteTrail",
      "StartLogging",
      "StopLogging",
    ]),
  },
  {
    id: "console-authentication-failures",
    cis: "4.6",
    title: "console authentication failures",
    samples: [
      {
        ...call("signin.amazonaws.com", "ConsoleLogin"),
        eventType: "AwsConsoleSignIn",
        errorMessage: "Failed authentication",
        responseElements: { ConsoleLogin: "Failure" },
      },
    ],
  },
  {
    id: "cmk-disabled-or-deleted",
    cis: "4.7",
    title: "customer managed keys disabled or scheduled for deletion",
    samples: calls("kms.amazonaws.com", ["DisableKey", "ScheduleKeyDeletion"]),
  },
  {
    id: "s3-bucket-policy-changes",
    cis: "4.8",
    title: "S3 bucket policy changes",
    samples: calls("s3.amazonaws.com", [
      "PutBucketAcl",
      "PutBucketPolicy",
      "PutBucketCors",
      "PutBucketLifecycle",
      "PutBucketReplication",
      "DeleteBucketPolicy",
      "DeleteBucketCors",
      "DeleteBucketLifecycle",
      "DeleteBucketReplication",
    ]),
  },
  {
    id: "config-changes",
    cis: "4.9",
    title: "AWS Config configuration changes",
    samples: calls("config.amazonaws.com", [
      "StopConfigurationRecorder",
      "DeleteDeliveryChannel",
      "PutDeliveryChannel",
      "PutConfigurationRecorder",
    ]),
  },
  {
    id: "security-group-changes",
    cis: "4.10",
    title: "security group changes",
    samples: calls("ec2.amazonaws.com", [
      "AuthorizeSecurityGroupIngress",
      "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroupIngress",
      "RevokeSecurityGroupEgress",
      "CreateSecurityGroup",
      "DeleteSecurityGroup",
    ]),
  },
  {
    id: "nacl-changes",
    cis: "4.11",
    title: "network ACL changes",
    samples: calls("ec2.amazonaws.com", [
      "CreateNetworkAcl",
      "CreateNetworkAclEntry",
      "DeleteNetworkAcl",
      "DeleteNetworkAclEntry",
      "ReplaceNetworkAclEntry",
      "ReplaceNetworkAclAssociation",
    ]),
  },
  {
    id: "network-gateway-changes",
    cis: "4.12",
    title: "network gateway changes",
    samples: calls("ec2.amazonaws.com", [
      "CreateCustomerGateway",
      "DeleteCustomerGateway",
      "AttachInternetGateway",
      "CreateInternetGateway",
      "DeleteInternetGateway",
      "DetachInternetGateway",
    ]),
  },
  {
    id: "route-table-changes",
    cis: "4.13",
    title: "route table changes",
    samples: calls("ec2.amazonaws.com", [
      "CreateRoute",
      "CreateRouteTable",
      "ReplaceRoute",
      "ReplaceRouteTableAssociation",
      "DeleteRouteTable",
      "DeleteRoute",
      "DisassociateRouteTable",
    ]),
  },
  {
    id: "vpc-changes",
    cis: "4.14",
    title: "VPC changes",
    samples: calls("ec2.amazonaws.com", [
      "CreateVpc",
      "DeleteVpc",
      "ModifyVpcAttribute",
      "AcceptVpcPeeringConnection",
      "CreateVpcPeeringConnection",
      "DeleteVpcPeeringConnection",
      "RejectVpcPeeringConnection",
      "AttachClassicLinkVpc",
      "DetachClassicLinkVpc",
      "DisableVpcClassicLink",
      "EnableVpcClassicLink",
    ]),
  },
  {
    id: "organizations-changes",
    cis: "4.15",
    title: "AWS Organizations changes",
    samples: calls("organizations.amazonaws.com", [
      "AcceptHandshake",
      "AttachPolicy",
      "CreateAccount",
      "CreateOrganizationalUnit",
      "CreatePolicy",
      "DeclineHandshake",
      "DeleteOrganization",
      "DeleteOrganizationalUnit",
      "DeletePolicy",
      "DetachPolicy",
      "DisablePolicyType",
      "EnablePolicyType",
      "InviteAccountToOrganization",
      "LeaveOrganization",
      "MoveAccount",
      "RemoveAccountFromOrganization",
      "UpdatePolicy",
      "UpdateOrganizationalUnit",
    ]),
  },
];

export const MONITORED_EVENT_IDS = MONITORED_EVENTS.map((e) => e.id) as [string, ...string[]];
