// Test support: runs the real SARIF validator (`@microsoft/sarif-multitool validate`) with GitHub's
// code-scanning rules raised to errors. Used by this package's tests and the CLI's end-to-end test.
import { spawnSync } from "node:child_process";
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

// biome-ignore lint/suspicious/noExplicitAny: the validator's own SARIF log is read loosely
type Json = any;

const multitoolPackage = dirname(require.resolve("@microsoft/sarif-multitool/package.json"));
/** The folder of the platform package, which also ships the official `sarif-2.1.0.json` schema. */
export const platformPackage = dirname(
  require.resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`, {
    paths: [multitoolPackage],
  }),
);

/**
 * The validator's native binary. Its package makes it executable in a postinstall script, which pnpm
 * does not run unless the workspace allows that package's build scripts; set the bit here when missing.
 */
function multitoolBinary(): string {
  const binary = join(
    platformPackage,
    process.platform === "win32" ? "Sarif.Multitool.exe" : "Sarif.Multitool",
  );
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    chmodSync(binary, statSync(binary).mode | 0o100);
  }
  return binary;
}

/** Runs `sarif-multitool validate` with the GitHub rules as errors; returns the validator's own results. */
export function validateWithSarifMultitool(sarif: string): { ruleId: string; level: string; text: string }[] {
  const dir = mkdtempSync(join(tmpdir(), "itaku-sarif-"));
  try {
    const input = join(dir, "itaku.sarif");
    const output = join(dir, "validation.sarif");
    writeFileSync(input, sarif);
    const run = spawnSync(
      multitoolBinary(),
      [
        "validate",
        input,
        "--output",
        output,
        "--config",
        join(__dirname, "testdata", "sarif-validator.config.xml"),
        "--rule-kind",
        "Sarif;Gh;Ghas",
        "--level",
        "Error;Warning;Note",
      ],
      {
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
      },
    );
    if (run.error) throw run.error;
    if (!run.stdout.includes("Analysis completed successfully")) {
      throw new Error(`sarif-multitool did not complete: ${run.stdout}${run.stderr}`);
    }
    const log: Json = JSON.parse(readFileSync(output, "utf8"));
    return (log.runs[0].results ?? []).map((r: Json) => ({
      ruleId: r.ruleId,
      level: r.level ?? "warning",
      text: JSON.stringify(r.message),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
