import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "@itaku/core";
import {
  snapshotFromMockedResources,
  snapshotFromPreview,
  snapshotFromPreviewFile,
  snapshotFromStackExport,
  snapshotFromStackExportFile,
} from "./snapshot";

const EXPORT = readFileSync(join(__dirname, "../fixtures/stack-export.json"), "utf8");
const PREVIEW = readFileSync(join(__dirname, "../fixtures/preview.json"), "utf8");

const errorOf = (run: () => unknown): InputError => {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
};

describe("bad or truncated files", () => {
  it("a truncated export names the file, the line and column, and says it looks truncated", () => {
    const error = errorOf(() => snapshotFromStackExport(EXPORT.slice(0, 5000), "state.json"));
    expect(error.file).toBe("state.json");
    expect(error.place).toMatch(/^\d+:\d+$/);
    expect(error.message).toMatch(/^state\.json:\d+:\d+: not valid JSON .*truncated/);
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("a truncated preview too", () => {
    const error = errorOf(() => snapshotFromPreview(PREVIEW.slice(0, PREVIEW.length - 20), "preview.json"));
    expect(error.message).toMatch(/^preview\.json:\d+:\d+: not valid JSON/);
  });

  it("a syntax error points at its line", () => {
    const error = errorOf(() =>
      snapshotFromPreview('{\n  "steps": [\n    {"op": "create",, }\n  ]\n}', "p.json"),
    );
    expect(error.place).toMatch(/^3:\d+$/);
  });

  it("each format refuses the other, with a hint", () => {
    expect(errorOf(() => snapshotFromStackExport(PREVIEW, "p.json")).message).toMatch(
      /missing "deployment".*use --pulumi-preview/,
    );
    expect(errorOf(() => snapshotFromPreview(EXPORT, "s.json")).message).toMatch(
      /missing "steps".*use --pulumi-state/,
    );
  });

  it("names the place of a malformed resource", () => {
    const doc = JSON.parse(EXPORT);
    delete doc.deployment.resources[3].urn;
    expect(errorOf(() => snapshotFromStackExport(doc, "s.json")).message).toBe(
      "s.json:deployment.resources[3].urn: missing the resource's urn",
    );
    doc.deployment.resources[3].urn = "vpc-1";
    expect(errorOf(() => snapshotFromStackExport(doc, "s.json")).place).toBe("deployment.resources[3].urn");
    const preview = JSON.parse(PREVIEW);
    delete preview.steps[4].newState;
    expect(errorOf(() => snapshotFromPreview(preview, "p.json")).message).toBe(
      'p.json:steps[4].newState: a "create" step needs its newState',
    );
    preview.steps[4] = {
      op: "create",
      urn: preview.steps[5].urn,
      newState: { ...preview.steps[5].newState, dependencies: "x" },
    };
    expect(errorOf(() => snapshotFromPreview(preview, "p.json")).place).toBe(
      "steps[4].newState.dependencies",
    );
  });

  it("places a malformed resource at its line:column when it reads the file's text", () => {
    const doc = JSON.parse(EXPORT);
    delete doc.deployment.resources[3].urn;
    const text = JSON.stringify(doc, null, 2);
    const error = errorOf(() => snapshotFromStackExport(text, "s.json"));
    const [, line, column] =
      /^s\.json:(\d+):(\d+): deployment\.resources\[3\]\.urn: missing the resource's urn$/.exec(
        error.message,
      ) ?? [];
    // The place is the opening brace of the resource that lacks its urn (resources[3] of the export).
    const offset =
      text
        .split("\n")
        .slice(0, Number(line) - 1)
        .join("\n").length + Number(column);
    expect(text[offset]).toBe("{");
    expect(
      JSON.parse(
        text.slice(offset, text.indexOf(`\n${" ".repeat(Number(column) - 1)}}`, offset) + Number(column) + 1),
      ),
    ).toEqual(doc.deployment.resources[3]);
    const preview = JSON.parse(PREVIEW);
    preview.steps[4].newState.dependencies = "x";
    const previewText = JSON.stringify(preview, null, 2);
    const at = previewText.indexOf('"dependencies": "x"');
    const expected = previewText.slice(0, at).split("\n").length;
    expect(errorOf(() => snapshotFromPreview(previewText, "p.json")).message).toMatch(
      new RegExp(
        `^p\\.json:${expected}:\\d+: steps\\[4\\]\\.newState\\.dependencies: expected a list of URNs$`,
      ),
    );
  });

  it("refuses deployment versions it does not read, and non-objects", () => {
    expect(errorOf(() => snapshotFromStackExport({ version: 1, deployment: {} }, "s.json")).message).toMatch(
      /s\.json:version: unsupported deployment version 1/,
    );
    expect(errorOf(() => snapshotFromStackExport("[1, 2]", "s.json")).place).toBe("(top level)");
  });

  it("the truncated fixture files (for the CLI's exit-2 tests) give one line naming file and place", () => {
    const dir = join(__dirname, "../fixtures");
    const state = errorOf(() => snapshotFromStackExportFile(join(dir, "truncated-stack-export.json")));
    expect(state.message).toMatch(/truncated-stack-export\.json:\d+:\d+: not valid JSON .*truncated$/);
    const preview = errorOf(() => snapshotFromPreviewFile(join(dir, "truncated-preview.json")));
    expect(preview.message).toMatch(/truncated-preview\.json:\d+:\d+: not valid JSON .*truncated$/);
  });

  it("a missing file is an InputError too", () => {
    expect(errorOf(() => snapshotFromPreviewFile("/nonexistent/preview.json")).message).toBe(
      "/nonexistent/preview.json: no such file",
    );
  });

  it("a mocked resource without type or name", () => {
    expect(errorOf(() => snapshotFromMockedResources([{ name: "x" } as never])).place).toBe("[0]");
  });
});
