// What an AWS SDK error means for the scan: its code for a gap, and whether the whole source is lost.

export interface AwsErrorSummary {
  /** AWS error code (`AccessDenied`, `Throttling`, `NoSuchEntity`…) or the transport error's code. */
  code: string;
  /** One line, without request ids; AWS messages name ARNs and actions, never secrets. */
  message: string;
}

interface SdkErrorShape {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function summarizeAwsError(error: unknown): AwsErrorSummary {
  if (!(error instanceof Error)) return { code: "Unknown", message: oneLine(String(error)) };
  const shape = error as SdkErrorShape;
  // An answer the SDK could not parse (an HTML error page from a proxy, or from moto for an operation
  // it lacks) surfaces as the parser's SyntaxError: the HTTP status says more about what happened.
  const status = shape.$metadata?.httpStatusCode;
  if (shape.name === "SyntaxError" && status !== undefined)
    return {
      code: `HTTP${status}`,
      message: oneLine(
        `the endpoint answered HTTP ${status} with a body that is not AWS's: ${shape.message ?? ""}`,
      ),
    };
  const code =
    shape.Code ?? (typeof shape.code === "string" ? shape.code : undefined) ?? shape.name ?? "Error";
  return { code: normalizeCode(code), message: oneLine(shape.message ?? code) };
}

/** SDK exception class names (`NoSuchEntityException`) and wire codes (`NoSuchEntity`) mean the same. */
function normalizeCode(code: string): string {
  const known: Record<string, string> = {
    NoSuchEntityException: "NoSuchEntity",
    CredentialReportNotPresentException: "ReportNotPresent",
    CredentialReportExpiredException: "ReportExpired",
    CredentialReportNotReadyException: "ReportInProgress",
    LimitExceededException: "LimitExceeded",
    ServiceFailureException: "ServiceFailure",
    AccessDeniedException: "AccessDenied",
  };
  return known[code] ?? code;
}

export const hasCode = (error: unknown, ...codes: string[]): boolean =>
  codes.includes(summarizeAwsError(error).code);

/** The credentials themselves were refused: nothing in the account can be read. */
export const CREDENTIAL_REJECTED_CODES = [
  "InvalidClientTokenId",
  "ExpiredToken",
  "ExpiredTokenException",
  "UnrecognizedClientException",
  "SignatureDoesNotMatch",
  "InvalidAccessKeyId",
  "IncompleteSignature",
  "AuthFailure",
];

/** Network-level failures: the endpoint could not be reached or did not speak TLS we trust. */
const TRANSPORT_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "TimeoutError",
  "RequestTimeout",
  "DeadlineExceeded",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

export function isTransportError(error: unknown): boolean {
  const shape = error as { code?: unknown; name?: unknown; cause?: { code?: unknown } } | undefined;
  return [shape?.code, shape?.name, shape?.cause?.code].some(
    (c) => typeof c === "string" && TRANSPORT_CODES.has(c),
  );
}

export const oneLine = (text: string): string =>
  text
    .replace(/\s+/g, " ")
    // The SDK's HTTP layer prefixes its own name and a log level: noise in a gap or an error line.
    .replace(/^@smithy\/[\w-]+ - (\[[A-Z]+\] )?/, "")
    .replace(/\s*\(Service: .*$/, "")
    .trim()
    .slice(0, 300);
