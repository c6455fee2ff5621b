// `npm pack` in packages/cli (its prepack script): a clean bundle in lib/ without source maps (dist/ is
// the clone's, which tests run while this builds), and the demo, the JSON schemas, the rule docs, LICENSE and
// CHANGELOG copied in, so the tarball needs nothing from the repository.
import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "packages/cli");
// postpack (`--clean`) removes the copies again, so the clone keeps one demo and one set of schemas.
for (const stale of ["lib", "demo", "docs", "schemas", "LICENSE", "CHANGELOG.md"])
  rmSync(join(cli, stale), { recursive: true, force: true });
if (process.argv.includes("--clean")) process.exit(0);
execFileSync(
  process.execPath,
  [join(root, "scripts/build-cli.mjs"), "--quiet", "--no-sourcemap", "--outdir", "packages/cli/lib"],
  { cwd: root, stdio: "inherit" },
);
cpSync(join(root, "demo"), join(cli, "demo"), { recursive: true });
cpSync(join(root, "packages/core/schemas"), join(cli, "schemas"), { recursive: true });
// The rule pages SARIF's helpUri links to (reports/src/rule-docs-url.ts).
cpSync(join(root, "docs/rules"), join(cli, "docs/rules"), { recursive: true });
cpSync(join(root, "LICENSE"), join(cli, "LICENSE"));
cpSync(join(root, "CHANGELOG.md"), join(cli, "CHANGELOG.md"));
