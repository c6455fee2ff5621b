// Where a rule's documentation page lives. The npm package ships docs/rules/ (scripts/prepack-cli.mjs),
// and a public npm CDN serves every file of every published version, so the link names the exact
// version that produced the report and keeps working after newer releases change the page.
const PACKAGE_CDN = "https://unpkg.com";
const PACKAGE_NAME = "itaku";

export function ruleDocsUrl(ruleId: string, toolVersion: string): string {
  return `${PACKAGE_CDN}/${PACKAGE_NAME}@${encodeURIComponent(toolVersion)}/docs/rules/${encodeURIComponent(ruleId)}.md`;
}
