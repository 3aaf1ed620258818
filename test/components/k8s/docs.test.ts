import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import * as aigov from "../../../index";
import { installMocks, setStackConfig, settle } from "../../helpers/pulumi-mocks";
import { DEFAULTS } from "./helpers";

const mocks = installMocks();

const DOCS = path.join(__dirname, "../../../docs/components");
const pages = fs.readdirSync(DOCS).filter((f) => /^k8s-.*\.md$/.test(f));

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

beforeEach(() => {
  mocks.reset();
  setStackConfig({
    "aigov:defaults": DEFAULTS,
    "aigov:budgets": [
      {
        name: "risk-ml",
        monthlyLimitUsd: 5000,
        scope: { team: "risk-ml" },
        notify: { emails: ["finops@acme.example"] },
      },
    ],
  });
});

test.each(pages)("the examples of %s run under the mock runtime", async (page) => {
  const blocks = [
    ...fs.readFileSync(path.join(DOCS, page), "utf8").matchAll(/```ts\n([\s\S]*?)```/g),
  ];
  expect(blocks.length).toBeGreaterThan(0);
  for (const [, code] of blocks) runBlock(code);
  await settle();
  expect(mocks.resources.filter((r) => !r.type.startsWith("aigov:")).length).toBeGreaterThan(0);
});
