// Transpile-only TypeScript through SWC; type checks are `pnpm typecheck` (tsc).
module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.(t|j)sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  // ESM-only dependencies are transpiled too (pnpm paths: .pnpm/NAME@VERSION/node_modules/NAME/…).
  transformIgnorePatterns: [
    "/node_modules/(?!(\\.pnpm/)?(zod|yaml|p-limit|yocto-queue|stream-json|stream-chain|string-width|strip-ansi|ansi-regex|get-east-asian-width|jsonc-parser|canonicalize)(@|/))",
  ],
  extensionsToTreatAsEsm: [],
  testMatch: ["<rootDir>/{packages,rules,reports,stacks,test}/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json"],
  testTimeout: 120000,
};
