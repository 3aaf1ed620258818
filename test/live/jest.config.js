// The opt-in live tests (`npm run test:live`): real `pulumi preview` runs with the policy pack,
// through the Automation API. Not part of `npm test`, whose jest config matches only *.test.ts.
const path = require("path");

/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.resolve(__dirname, "../.."),
  testEnvironment: "node",
  roots: ["<rootDir>/test/live"],
  testMatch: ["**/*.live.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  testTimeout: 30 * 60 * 1000,
  maxWorkers: 1,
  // Lists every preview with its outcome, and skipped ones with the reason in their name.
  verbose: true,
};
