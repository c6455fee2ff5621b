// Opening the directory: TLS verified against the configured CA and name, bind with the password from
// the environment, and every way that can fail turned into one clear line (SourceUnavailableError, exit 3).
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { type ConnectionOptions, checkServerIdentity } from "node:tls";
import { type AdConfig, InputError, SourceUnavailableError } from "@itaku/core";
import {
  Client,
  ConfidentialityRequiredError,
  InvalidCredentialsError,
  StrongAuthRequiredError,
  TLSNotSupportedError,
} from "ldapts";

/** How errors name this source: the CLI prints `cannot scan <source>: <detail>`. */
export const SOURCE_NAME = "Active Directory";

export interface Endpoint {
  url: string;
  host: string;
  secure: boolean;
}

/** Checks the transport the config asks for before anything goes on the wire. */
export function endpointOf(config: AdConfig, configFile: string): Endpoint {
  let parsed: URL;
  try {
    parsed = new URL(config.url);
  } catch {
    throw new InputError(configFile, "ad.url", `"${config.url}" is not a URL (expected ldaps://host[:port])`);
  }
  const secure = parsed.protocol === "ldaps:";
  if (!secure && parsed.protocol !== "ldap:") {
    throw new InputError(configFile, "ad.url", `"${config.url}" must start with ldaps:// or ldap://`);
  }
  if (secure && config.startTls) {
    throw new InputError(
      configFile,
      "ad.startTls",
      "startTls applies to ldap:// URLs; ldaps:// is already TLS",
    );
  }
  if (!secure && !config.startTls && !config.allowPlainLdap) {
    throw new InputError(
      configFile,
      "ad.url",
      "ldap:// without TLS would send the bind password in clear; use ldaps://, set `startTls: true`, or set `allowPlainLdap: true` explicitly",
    );
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  return { url: `${parsed.protocol}//${parsed.host}`, host, secure };
}

/** The name the certificate must carry: the configured serverName, else the URL's host. */
function tlsOptionsOf(config: AdConfig, endpoint: Endpoint, configFile: string): ConnectionOptions {
  const expected = config.serverName ?? endpoint.host;
  const options: ConnectionOptions = {
    minVersion: "TLSv1.2",
    rejectUnauthorized: true,
    // The identity check uses `expected` even when the URL names an IP address.
    checkServerIdentity: (_host, cert) => checkServerIdentity(expected, cert),
  };
  // SNI carries host names only (RFC 6066); an IP address there is refused by Node with a warning.
  if (!isIP(expected)) options.servername = expected;
  if (config.caFile) {
    try {
      options.ca = [readFileSync(config.caFile)];
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      throw new InputError(configFile, "ad.caFile", `cannot read CA file ${config.caFile} (${code})`);
    }
  }
  return options;
}

export interface OpenOptions {
  password: string;
  configFile: string;
}

/** Connects and binds; the returned client is ready for searches. */
export async function openDirectory(
  config: AdConfig,
  { password, configFile }: OpenOptions,
): Promise<Client> {
  const endpoint = endpointOf(config, configFile);
  const usesTls = endpoint.secure || config.startTls;
  const tlsOptions = usesTls ? tlsOptionsOf(config, endpoint, configFile) : undefined;
  const timeout = Math.round(config.timeoutSeconds * 1000);
  const client = new Client({
    url: endpoint.url,
    timeout,
    connectTimeout: timeout,
    ...(endpoint.secure ? { tlsOptions } : {}),
  });
  try {
    if (config.startTls) await client.startTLS({ ...tlsOptions, host: endpoint.host });
    await client.bind(config.bindDN, password);
    return client;
  } catch (error) {
    await client.unbind().catch(() => undefined);
    throw unavailable(error, config, endpoint);
  }
}

const TLS_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
]);
const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "host name not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "timed out",
  EPIPE: "connection closed",
};

/** One line saying what went wrong and what to check; never the password. */
export function unavailable(error: unknown, config: AdConfig, endpoint: Endpoint): SourceUnavailableError {
  const err = error as NodeJS.ErrnoException;
  const code = typeof err?.code === "string" ? err.code : undefined;
  const where = endpoint.url;
  const expected = config.serverName ?? endpoint.host;
  const ca = config.caFile ? `the CA file ${config.caFile}` : "the system's trusted CAs (set ad.caFile)";
  let detail: string;
  if (error instanceof InvalidCredentialsError) {
    detail = `bind as "${config.bindDN}" rejected by ${where}: invalid credentials (check ad.bindDN and the password in ${config.passwordEnv})`;
  } else if (error instanceof StrongAuthRequiredError || error instanceof ConfidentialityRequiredError) {
    detail = `${where} refuses a simple bind without TLS; use ldaps:// or set ad.startTls: true`;
  } else if (error instanceof TLSNotSupportedError) {
    detail = `${where} does not offer StartTLS; use ldaps://`;
  } else if (code && TLS_CODES.has(code)) {
    detail = `TLS check of ${where} failed: its certificate is not trusted by ${ca} (${code})`;
  } else if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    detail = `TLS check of ${where} failed: its certificate is not valid for "${expected}" (set ad.serverName to the name in the certificate)`;
  } else if (code === "CERT_HAS_EXPIRED" || code === "CERT_NOT_YET_VALID") {
    detail = `TLS check of ${where} failed: its certificate is outside its validity period (${code})`;
  } else if (code?.startsWith("ERR_SSL") || code?.startsWith("ERR_TLS")) {
    detail = `TLS handshake with ${where} failed (${code})`;
  } else if (code && UNREACHABLE_CODES[code]) {
    detail = `cannot reach ${where}: ${UNREACHABLE_CODES[code]}`;
  } else if (/timeout|timed out/i.test(err?.message ?? "")) {
    detail = `cannot reach ${where}: no answer within ${config.timeoutSeconds} s`;
  } else if (/socket|connection|closed/i.test(err?.message ?? "")) {
    detail = `${where} closed the connection (${firstLine(err?.message ?? "")}); if it serves TLS, check ad.url and ad.caFile`;
  } else {
    detail = `cannot bind to ${where}: ${firstLine(err?.message ?? String(error))}`;
  }
  return new SourceUnavailableError(SOURCE_NAME, detail);
}

const firstLine = (text: string) => text.split("\n")[0]!.trim();
