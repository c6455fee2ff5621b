// The four settings of an S3 public access block, shared by the bucket rule's reading of the account's.
export const PUBLIC_ACCESS_BLOCK_SETTINGS = [
  "blockPublicAcls",
  "ignorePublicAcls",
  "blockPublicPolicy",
  "restrictPublicBuckets",
] as const;
