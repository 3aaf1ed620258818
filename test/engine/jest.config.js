// `npm run test:engine`: the tests that run the real Pulumi engine that `npm run engine` builds into
// .engine/bin (docs/engine.md). Every test/engine/**/*.engine.test.ts file, one at a time (each
// starts Pulumi CLIs, language hosts and policy packs; the machines have 2 cores). Not part of
// `npm test`, whose config leaves *.engine.test.ts out. Without the engine the run fails at once,
// saying how to build it.
const path = require("path");

/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.resolve(__dirname, "../.."),
  testEnvironment: "node",
  roots: ["<rootDir>/test/engine"],
  testMatch: ["**/*.engine.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  moduleNameMapper: {
    "^aigov$": "<rootDir>/index.ts",
    "^aigov/sdk$": "<rootDir>/sdk/index.ts",
  },
  modulePathIgnorePatterns: ["<rootDir>/dist/", "<rootDir>/.engine/"],
  globalSetup: "<rootDir>/test/engine/global-setup.js",
  testTimeout: 15 * 60 * 1000,
  maxWorkers: 1,
  verbose: true,
};
