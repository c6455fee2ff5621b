import type { AnyRule } from "@itaku/core";
import storageEbsEncryptionByDefault from "./storage-ebs-encryption-by-default";
import storageS3AccountPublicAccessBlock from "./storage-s3-account-public-access-block";

/** The rules of this package, one per file; the file name equals the rule id. */
export const rules: AnyRule[] = [storageS3AccountPublicAccessBlock, storageEbsEncryptionByDefault];
