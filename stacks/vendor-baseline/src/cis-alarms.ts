// The CIS AWS Foundations section 4 alarms: a metric filter on the trail's CloudWatch Logs group for
// each kind of security-relevant event, an alarm on each filter's metric, and an SNS topic that
// e-mails the people who must react (NIC-1-4-3-3: access logs checked for unauthorised access).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";

export const CIS_NAMESPACE = "CISBenchmark";

/** The filter patterns as CIS AWS Foundations Benchmark 3.0 prints them (4.1–4.15). */
export const CIS_METRIC_FILTERS: { id: string; cis: string; description: string; pattern: string }[] = [
  {
    id: "unauthorized-api-calls",
    cis: "4.1",
    description: "Unauthorized API calls",
    pattern:
      '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  },
  {
    id: "console-login-without-mfa",
    cis: "4.2",
    description: "Management console sign-in without MFA",
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    id: "root-usage",
    cis: "4.3",
    description: "Usage of the root account",
    pattern:
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    id: "iam-policy-changes",
    cis: "4.4",
    description: "IAM policy changes",
    pattern: eventNames([
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
    description: "CloudTrail configuration changes",
    pattern: eventNames(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"]),
  },
  {
    id: "console-authentication-failures",
    cis: "4.6",
    description: "Management console authentication failures",
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  },
  {
    id: "cmk-disabled-or-deleted",
    cis: "4.7",
    description: "Customer managed keys disabled or scheduled for deletion",
    pattern: eventNames(["DisableKey", "ScheduleKeyDeletion"], "kms.amazonaws.com"),
  },
  {
    id: "s3-bucket-policy-changes",
    cis: "4.8",
    description: "S3 bucket policy changes",
    pattern: eventNames(
      [
        "PutBucketAcl",
        "PutBucketPolicy",
        "PutBucketCors",
        "PutBucketLifecycle",
        "PutBucketReplication",
        "DeleteBucketPolicy",
        "DeleteBucketCors",
        "DeleteBucketLifecycle",
        "DeleteBucketReplication",
      ],
      "s3.amazonaws.com",
    ),
  },
  {
    id: "config-changes",
    cis: "4.9",
    description: "AWS Config configuration changes",
    pattern: eventNames(
      [
        "StopConfigurationRecorder",
        "DeleteDeliveryChannel",
        "PutDeliveryChannel",
        "PutConfigurationRecorder",
      ],
      "config.amazonaws.com",
    ),
  },
  {
    id: "security-group-changes",
    cis: "4.10",
    description: "Security group changes",
    pattern: eventNames([
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
    description: "Network ACL changes",
    pattern: eventNames([
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
    description: "Network gateway changes",
    pattern: eventNames([
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
    description: "Route table changes",
    pattern: eventNames(
      [
        "CreateRoute",
        "CreateRouteTable",
        "ReplaceRoute",
        "ReplaceRouteTableAssociation",
        "DeleteRouteTable",
        "DeleteRoute",
        "DisassociateRouteTable",
      ],
      "ec2.amazonaws.com",
    ),
  },
  {
    id: "vpc-changes",
    cis: "4.14",
    description: "VPC changes",
    pattern: eventNames([
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
    description: "AWS Organizations changes",
    pattern: eventNames(
      [
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
      ],
      "organizations.amazonaws.com",
    ),
  },
];

/** `{ ($.eventSource = s) && (($.eventName = A) || …) }`, or without the source condition. */
function eventNames(names: string[], eventSource?: string): string {
  const any = names.map((name) => `($.eventName = ${name})`).join(" || ");
  return eventSource ? `{ ($.eventSource = ${eventSource}) && (${any}) }` : `{ ${any} }`;
}

export interface SecurityAlertSettings {
  /** Who is e-mailed when an alarm fires; each must confirm the subscription SNS sends them. */
  emails: string[];
}

const alertSettingsSchema = z.object({ emails: z.array(z.email()).min(1) }).strict();

/** The alert settings, or an error naming `securityAlerts` and what is wrong with it. */
export function securityAlertSettings(settings: SecurityAlertSettings | undefined): SecurityAlertSettings {
  if (settings === undefined)
    throw new Error(
      "securityAlerts is required: list the e-mail addresses the CIS alarms notify (securityAlerts.emails)",
    );
  const parsed = alertSettingsSchema.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = ["securityAlerts", ...issue.path.map(String)].join(".");
    const value = issue.path.reduce<unknown>(
      (v, key) => (v as Record<PropertyKey, unknown>)?.[key],
      settings,
    );
    throw new Error(
      `${where}: ${issue.code === "invalid_format" ? `${JSON.stringify(value)} is not an e-mail address` : issue.message}`,
    );
  }
  return { emails: [...new Set(parsed.data.emails)] };
}

export interface CisAlarmsArgs {
  namePrefix: string;
  /** The CloudWatch Logs group the multi-region trail delivers to. */
  logGroupName: pulumi.Input<string>;
  alerts: SecurityAlertSettings;
  tags: Record<string, string>;
}

export class CisAlarms extends pulumi.ComponentResource {
  readonly topic: aws.sns.Topic;

  constructor(name: string, args: CisAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("itaku:vendor-baseline:CisAlarms", name, {}, opts);
    const parent = { parent: this };
    // Alerts carry event names, not data; SNS's default key would keep CloudWatch from publishing.
    this.topic = new aws.sns.Topic(
      `${name}-topic`,
      { name: `${args.namePrefix}-security-alerts`, tags: args.tags },
      parent,
    );
    args.alerts.emails.forEach((email, i) => {
      new aws.sns.TopicSubscription(
        `${name}-email-${i + 1}`,
        { topic: this.topic.arn, protocol: "email", endpoint: email },
        { parent: this.topic },
      );
    });
    for (const filter of CIS_METRIC_FILTERS) {
      const metricName = `cis-${filter.id}`;
      new aws.cloudwatch.LogMetricFilter(
        `${name}-${filter.id}`,
        {
          name: metricName,
          logGroupName: args.logGroupName,
          pattern: filter.pattern,
          metricTransformation: { name: metricName, namespace: CIS_NAMESPACE, value: "1" },
        },
        parent,
      );
      new aws.cloudwatch.MetricAlarm(
        `${name}-${filter.id}-alarm`,
        {
          name: `${args.namePrefix}-${metricName}`,
          alarmDescription: `CIS ${filter.cis}: ${filter.description}`,
          metricName,
          namespace: CIS_NAMESPACE,
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          alarmActions: [this.topic.arn],
          tags: args.tags,
        },
        parent,
      );
    }
    this.registerOutputs({ topicArn: this.topic.arn });
  }
}
