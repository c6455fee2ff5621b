// The IAM, KMS and bucket policy documents of the baseline, as pure functions of account and names.

type Statement = Record<string, unknown>;
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement[];
}

const doc = (...statements: Statement[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement: statements,
});

/** What a user without MFA may still do: sign in, change the initial password, enrol a device. */
const MFA_ENROLMENT_ACTIONS = [
  "iam:ChangePassword",
  "iam:CreateVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:GetAccountPasswordPolicy",
  "iam:GetUser",
  "iam:ListMFADevices",
  "iam:ListVirtualMFADevices",
  "iam:ResyncMFADevice",
  "sts:GetSessionToken",
];

/** Denies everything but MFA enrolment to a session signed in without MFA. */
export function requireMfaPolicy(): PolicyDocument {
  return doc({
    Sid: "DenyAllWithoutMfa",
    Effect: "Deny",
    NotAction: MFA_ENROLMENT_ACTIONS,
    Resource: "*",
    Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
  });
}

/** Lets each person manage their own password and MFA device, nothing else in IAM. */
export function selfServicePolicy(partition: string, accountId: string): PolicyDocument {
  return doc(
    {
      Sid: "OwnPasswordAndMfa",
      Effect: "Allow",
      Action: [
        "iam:ChangePassword",
        "iam:GetUser",
        "iam:CreateVirtualMFADevice",
        "iam:EnableMFADevice",
        "iam:ListMFADevices",
        "iam:ResyncMFADevice",
      ],
      Resource: [
        `arn:${partition}:iam::${accountId}:user/*/\${aws:username}`,
        `arn:${partition}:iam::${accountId}:user/\${aws:username}`,
        `arn:${partition}:iam::${accountId}:mfa/\${aws:username}`,
      ],
    },
    {
      Sid: "PasswordPolicyAndDeviceList",
      Effect: "Allow",
      Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
      Resource: "*",
    },
  );
}

/**
 * Members work on the confidential instances through Session Manager only: start sessions on
 * instances tagged as confidential workloads, end their own sessions, see what they may connect to.
 */
export function memberPolicy(
  partition: string,
  region: string,
  accountId: string,
  workloadTag: { key: string; value: string },
): PolicyDocument {
  return doc(
    {
      Sid: "StartSessionsOnConfidentialWorkloads",
      Effect: "Allow",
      Action: "ssm:StartSession",
      Resource: `arn:${partition}:ec2:${region}:${accountId}:instance/*`,
      Condition: { StringEquals: { [`ssm:resourceTag/${workloadTag.key}`]: workloadTag.value } },
    },
    {
      Sid: "SessionManagerDocument",
      Effect: "Allow",
      Action: "ssm:StartSession",
      Resource: `arn:${partition}:ssm:${region}::document/SSM-SessionManagerRunShell`,
    },
    {
      Sid: "OwnSessions",
      Effect: "Allow",
      Action: ["ssm:TerminateSession", "ssm:ResumeSession"],
      Resource: `arn:${partition}:ssm:*:${accountId}:session/\${aws:username}-*`,
    },
    {
      Sid: "SeeTargets",
      Effect: "Allow",
      Action: [
        "ec2:DescribeInstances",
        "ssm:DescribeInstanceInformation",
        "ssm:DescribeSessions",
        "ssm:GetConnectionStatus",
      ],
      Resource: "*",
    },
  );
}

/** Trust for the client's (甲) auditors: their account, only with the agreed external id. */
export function clientAuditTrust(
  partition: string,
  clientAccountId: string,
  externalId: string,
): PolicyDocument {
  return doc({
    Sid: "ClientAuditors",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${clientAccountId}:root` },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "sts:ExternalId": externalId } },
  });
}

/** What the client's auditors read beyond the managed read-only policies: the trail's log files. */
export function trailReadPolicy(bucketArn: string, keyArn: string): PolicyDocument {
  return doc(
    {
      Sid: "ListTrailBucket",
      Effect: "Allow",
      Action: ["s3:ListBucket", "s3:GetBucketLocation"],
      Resource: bucketArn,
    },
    { Sid: "ReadTrailLogs", Effect: "Allow", Action: "s3:GetObject", Resource: `${bucketArn}/AWSLogs/*` },
    { Sid: "DecryptTrailLogs", Effect: "Allow", Action: "kms:Decrypt", Resource: keyArn },
  );
}

export function serviceTrust(service: string, accountId: string): PolicyDocument {
  return doc({
    Effect: "Allow",
    Principal: { Service: service },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
  });
}

export function ec2Trust(): PolicyDocument {
  return doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });
}

/** Writing to one log group's streams (flow-log delivery, the proxy's CloudWatch agent). */
export function logWriterPolicy(logGroupArn: string): PolicyDocument {
  return doc({
    Effect: "Allow",
    Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
    Resource: [logGroupArn, `${logGroupArn}:*`],
  });
}

/** The trail key: the account administers it, CloudTrail encrypts with it for this trail, readers decrypt. */
export function trailKeyPolicy(partition: string, accountId: string, trailArn: string): PolicyDocument {
  return doc(
    {
      Sid: "AccountAdministers",
      Effect: "Allow",
      Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "CloudTrailEncrypts",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceArn": trailArn },
        StringLike: {
          "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${partition}:cloudtrail:*:${accountId}:trail/*`,
        },
      },
    },
    {
      Sid: "CloudTrailDescribes",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
    },
  );
}

/** The bucket policy statement that refuses every request not made over TLS. */
export function denyInsecureTransport(bucketArn: string): Statement {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** TLS only; CloudTrail may check the ACL and write its log files for this trail only. */
export function trailBucketPolicy(accountId: string, bucketArn: string, trailArn: string): PolicyDocument {
  return doc(
    denyInsecureTransport(bucketArn),
    {
      Sid: "CloudTrailAclCheck",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceArn": trailArn } },
    },
    {
      Sid: "CloudTrailWrite",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/AWSLogs/${accountId}/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
    },
  );
}
