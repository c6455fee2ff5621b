// Module-graph checks run by `pnpm lint` (dependency-cruiser): no import cycles anywhere, and the
// package boundaries DESIGN.md draws. A new cycle or a forbidden import fails lint, and so CI.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle: modules that need each other. Move what both use into a module of its own.",
      from: {},
      to: { circular: true },
    },
    {
      name: "reports-not-rule-tester",
      severity: "error",
      comment: "Reports render Results; not even their tests use the rule tester (fixtures come from core).",
      from: { path: "^reports/" },
      to: { path: "^packages/rule-tester/" },
    },
    {
      name: "shipped-code-not-rule-tester",
      severity: "error",
      comment:
        "The rule tester is test support for rule packages: reports and everything else the CLI bundles must not import it.",
      from: {
        path: "^(packages|rules|reports)/",
        pathNot: ["\\.test\\.ts$", "^rules/[^/]+/src/(fixtures|tester)\\.ts$", "^packages/rule-tester/"],
      },
      to: { path: "^packages/rule-tester/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["/dist/", "/lib/", "\\.d\\.ts$"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
    // Workspace packages are symlinks in node_modules: resolved to their real paths, cycles across
    // packages are seen too.
    preserveSymlinks: false,
  },
};
