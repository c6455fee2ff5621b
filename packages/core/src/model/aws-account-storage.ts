// Account-level storage settings: they apply to every bucket or volume of the account (or region)
// whatever each one says, so a rule on a bucket or a volume reads them too.
import { z } from "zod";
import { awsS3PublicAccessBlockSettings } from "./aws";

/** The account's S3 public access block (S3 Control), which overrides every bucket's weaker one. */
export const awsS3AccountPublicAccessBlock = z.object({
  /** null: the account has no public access block; absent: not read. */
  settings: awsS3PublicAccessBlockSettings.nullable().optional(),
});

/** EBS encryption by default in one region: new volumes and snapshot copies are encrypted. */
export const awsEbsEncryptionByDefault = z.object({
  /** absent: not read. */
  enabled: z.boolean().optional(),
  /** The default KMS key a program declares (aws.ebs.DefaultKmsKey); live scans do not read it. */
  kmsKeyId: z.string().optional(),
});
