// The IAM credential report: passwords, MFA and access keys of every user and of root, in one CSV.
// Generating it is asynchronous; this asks for it, waits with backoff, and reads it.
import {
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { hasCode, summarizeAwsError } from "../aws-errors";

export const ROOT_ROW_USER = "<root_account>";

export interface ReportAccessKey {
  /** The report has no key ids, only slots: `access_key_1`, `access_key_2`. */
  id: string;
  active: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  lastUsedService?: string;
}

export interface CredentialReportRow {
  user: string;
  arn: string;
  /** undefined for root, whose password cannot be switched off (`not_supported`). */
  passwordEnabled?: boolean;
  /** null: never used, or not since IAM began tracking (`N/A`, `no_information`). */
  passwordLastUsedAt: string | null;
  passwordLastChangedAt: string | null;
  mfaActive: boolean;
  accessKeys: ReportAccessKey[];
}

export interface CredentialReportTiming {
  /** How long to wait for IAM to finish the report before recording a gap. */
  timeoutMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_REPORT_TIMING: CredentialReportTiming = {
  timeoutMs: 180_000,
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
};

export type CredentialReportOutcome =
  | { ok: true; rows: CredentialReportRow[]; generatedAt?: string }
  | {
      ok: false;
      operation: "GenerateCredentialReport" | "GetCredentialReport";
      code: string;
      message: string;
    };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Generate, wait, read. `GenerateCredentialReport` answers COMPLETE once a report no older than four
 * hours exists, so it doubles as the poll. LimitExceeded (someone else is generating one) and an
 * expired or not-yet-present report are waited out; anything else is a failure for a gap.
 */
export async function readCredentialReport(
  iam: IAMClient,
  timing: CredentialReportTiming = DEFAULT_REPORT_TIMING,
): Promise<CredentialReportOutcome> {
  const sleep = timing.sleep ?? defaultSleep;
  let waited = 0;
  let delay = timing.firstDelayMs;
  let lastState = "STARTED";
  for (;;) {
    let readNow = false;
    try {
      const generated = await iam.send(new GenerateCredentialReportCommand({}));
      lastState = generated.State ?? "STARTED";
      readNow = lastState === "COMPLETE";
    } catch (error) {
      if (!hasCode(error, "LimitExceeded"))
        return { ok: false, operation: "GenerateCredentialReport", ...summarizeAwsError(error) };
      // Too many generation requests: a report may already exist, so try to read it.
      lastState = "LimitExceeded";
      readNow = true;
    }
    if (readNow) {
      try {
        const report = await iam.send(new GetCredentialReportCommand({}));
        const text = new TextDecoder("utf-8").decode(report.Content ?? new Uint8Array());
        return {
          ok: true,
          rows: parseCredentialReport(text),
          ...(report.GeneratedTime ? { generatedAt: report.GeneratedTime.toISOString() } : {}),
        };
      } catch (error) {
        // In progress, not present yet, or expired: the next GenerateCredentialReport starts or awaits one.
        if (!hasCode(error, "ReportInProgress", "ReportNotPresent", "ReportExpired")) {
          return { ok: false, operation: "GetCredentialReport", ...summarizeAwsError(error) };
        }
        lastState = summarizeAwsError(error).code;
      }
    }
    if (waited + delay > timing.timeoutMs) {
      return {
        ok: false,
        operation: "GenerateCredentialReport",
        code: "ReportInProgress",
        message: `the credential report was not ready after ${Math.round(waited / 1000)} s (last state: ${lastState})`,
      };
    }
    await sleep(delay);
    waited += delay;
    delay = Math.min(delay * 2, timing.maxDelayMs);
  }
}

/** Parses the report's CSV by column name; unknown columns are ignored, missing ones left undefined. */
export function parseCredentialReport(text: string): CredentialReportRow[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const header = splitCsvLine(lines[0] ?? "");
  const rows: CredentialReportRow[] = [];
  for (const line of lines.slice(1)) {
    const fields = repairNameCommas(splitCsvLine(line), header.length);
    const get = (column: string): string | undefined => {
      const index = header.indexOf(column);
      return index < 0 ? undefined : fields[index];
    };
    const accessKeys: ReportAccessKey[] = [];
    for (const slot of [1, 2]) {
      const createdAt = reportDate(get(`access_key_${slot}_last_rotated`));
      if (!createdAt) continue;
      const service = get(`access_key_${slot}_last_used_service`);
      accessKeys.push({
        id: `access_key_${slot}`,
        active: get(`access_key_${slot}_active`) === "true",
        createdAt,
        lastUsedAt: reportDate(get(`access_key_${slot}_last_used_date`)),
        ...(service && !NO_VALUE.has(service) ? { lastUsedService: service } : {}),
      });
    }
    const passwordEnabled = get("password_enabled");
    rows.push({
      user: get("user") ?? "",
      arn: get("arn") ?? "",
      ...(passwordEnabled === "true" || passwordEnabled === "false"
        ? { passwordEnabled: passwordEnabled === "true" }
        : {}),
      passwordLastUsedAt: reportDate(get("password_last_used")),
      passwordLastChangedAt: reportDate(get("password_last_changed")),
      mfaActive: get("mfa_active") === "true",
      accessKeys,
    });
  }
  return rows;
}

const NO_VALUE = new Set(["N/A", "no_information", "not_supported", ""]);

function reportDate(value: string | undefined): string | null {
  if (value === undefined || NO_VALUE.has(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * IAM user names may contain commas, which the report does not quote; the same commas then appear
 * in the name and in the ARN. With k commas in the name, a row has 2k fields too many.
 */
function repairNameCommas(fields: string[], columns: number): string[] {
  const extra = fields.length - columns;
  if (extra <= 0 || extra % 2 !== 0) return fields;
  const k = extra / 2;
  return [
    fields.slice(0, k + 1).join(","),
    fields.slice(k + 1, 2 * k + 2).join(","),
    ...fields.slice(2 * k + 2),
  ];
}
