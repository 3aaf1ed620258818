const fs = require("fs");
const path = require("path");

const sourceDirs = [
  "test",
  "sdk",
  "components",
  "cli",
  "policy-packs",
  "examples",
  "bench",
  "docs",
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: sourceDirs
    .filter((d) => fs.existsSync(path.join(__dirname, d)))
    .map((d) => `<rootDir>/${d}`),
  // *.engine.test.ts run the real Pulumi engine: `npm run test:engine` (test/engine/jest.config.js).
  testPathIgnorePatterns: ["/node_modules/", "/dist/", "\\.engine\\.test\\.ts$"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  moduleNameMapper: {
    "^aigov$": "<rootDir>/index.ts",
    "^aigov/sdk$": "<rootDir>/sdk/index.ts",
  },
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/.engine/"],
  testTimeout: 60000,
};
