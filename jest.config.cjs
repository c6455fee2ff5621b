// Transpile-only TypeScript through SWC; type checks are `pnpm typecheck` (tsc).
module.exports = {
  testEnvironment: "node",
  transform: {
    "^.+\\.(t|j)sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  transformIgnorePatterns: ["/node_modules/(?!\\.pnpm/(zod|yaml)@)"],
  extensionsToTreatAsEsm: [],
  testMatch: ["<rootDir>/{packages,rules,reports,stacks,test}/**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "/dist/"],
  moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json"],
  testTimeout: 120000,
};
