import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import * as aigov from "../../index";
import { settle } from "../helpers/pulumi-mocks";
import { CALLER_IDENTITY, DEFAULTS, GCP_PROJECT, mockStack } from "../helpers/stack";
import { codeBlocks, repoRoot } from "./code-blocks";

// Runs the TypeScript examples of every component page (`docs/components/*.md`) under the mock
// runtime: each page must construct real cloud resources, and nothing may throw, reject or log an
// error on the way. The stack config gives the examples that read it a team budget (with e-mails,
// which anomaly detection needs, and an endpoint-denial threshold, which enforcement needs).

const { mocks } = mockStack({
  invokes: { ...GCP_PROJECT, ...CALLER_IDENTITY },
  config: {
    "aigov:defaults": DEFAULTS,
    "aigov:budgets": [
      {
        name: "risk-ml",
        monthlyLimitUsd: 5000,
        scope: { team: "risk-ml" },
        notify: { emails: ["finops@acme.example"] },
        denyNewEndpointsAtPercent: 120,
      },
    ],
  },
});

const DOCS = "docs/components";
const pages = fs
  .readdirSync(path.join(repoRoot, DOCS))
  .filter((f) => f.endsWith(".md"))
  .sort();

/** Modules the doc examples may import. */
const MODULES: Record<string, unknown> = { aigov, "@pulumi/pulumi": pulumi };

/** Runs a TypeScript code block of a doc page, resolving `aigov` to this package. */
function runBlock(code: string): void {
  const js = ts.transpileModule(code, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
  const load = (id: string) => {
    if (!(id in MODULES))
      throw new Error(`doc example imports ${id}, which the test does not provide`);
    return MODULES[id];
  };
  new Function("require", "exports", js)(load, {});
}

/** Errors that surface after the blocks ran: rejected promises and `pulumi.log.error` calls. */
let late: string[] = [];
const onRejection = (reason: unknown) => {
  late.push(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
};
let logError: jest.SpyInstance;
beforeEach(() => {
  late = [];
  process.on("unhandledRejection", onRejection);
  logError = jest
    .spyOn(pulumi.log, "error")
    .mockImplementation(async (message: string) => void late.push(`log.error: ${message}`));
});
afterEach(() => {
  process.off("unhandledRejection", onRejection);
  logError.mockRestore();
});

test.each(pages)("the examples of %s run under the mock runtime", async (page) => {
  const examples = codeBlocks(`${DOCS}/${page}`).filter((b) =>
    ["ts", "typescript"].includes(b.lang),
  );
  expect(examples.length).toBeGreaterThan(0);
  for (const block of examples) runBlock(block.code);
  await settle();
  // Let rejections of the last registrations reach the handler.
  await new Promise((resolve) => setImmediate(resolve));
  expect(late).toEqual([]);
  expect(mocks.children().length).toBeGreaterThan(0);
});
