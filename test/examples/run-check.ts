import { execFile } from "child_process";
import * as path from "path";

export const repoRoot = path.resolve(__dirname, "../..");

/** What one `aigov` run printed and how it exited. */
export interface CheckRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** One violation of `aigov check --format json`. */
export interface Violation {
  policyPack: string;
  policy: string;
  enforcementLevel: string;
  urn: string;
  message: string;
}

/** One budget of the `cost` field of the JSON report. */
export interface BudgetEstimate {
  name: string;
  urn?: string;
  status: "within" | "at-risk" | "over" | "unknown";
}

/** The report of `aigov check --format json` (docs/contract.md §5). */
export interface JsonReport {
  project: string;
  stack: string;
  resources: { urn: string; type: string }[];
  violations: Violation[];
  cost: { budgets: BudgetEstimate[] };
  summary: { resources: number; mandatory: number; advisory: number };
}

/**
 * The budgets that the report's cost estimate finds over their limit, and the budgets that
 * `aigov-budget-headroom` reported, each as `<URN> <budget name>` (budgets of `aigov:budgets`
 * without a resource are reported on the stack): the two lists must be equal.
 */
export function headroomVerdicts(report: JsonReport): { over: string[]; reported: string[] } {
  const stack = report.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ?? "";
  const over = report.cost.budgets
    .filter((b) => b.status === "over")
    .map((b) => `${b.urn ?? stack} ${b.name}`);
  const reported = report.violations
    .filter((v) => v.policy === "aigov-budget-headroom")
    // The message names the budget first: "AWS Budget `risk-ml` allows …".
    .map((v) => `${v.urn} ${/`([^`]*)`/.exec(reportedMessage(v))?.[1]}`);
  return { over: over.sort(), reported: reported.sort() };
}

/** Runs `node bin/aigov.js <args>` from the repository root, from the TypeScript sources. */
export function runAigov(args: readonly string[]): Promise<CheckRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, "bin", "aigov.js"), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, AIGOV_FROM_SOURCE: "1", NO_COLOR: "1" },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        if (error && code === -1) reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs every job with at most `limit` at a time (each `aigov check` is a CPU-bound process of a
 * few seconds; the machines have 2 cores) and returns the results in order.
 */
export async function pool<T>(jobs: (() => Promise<T>)[], limit = 2): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** The message a policy reported, without the policy description that the engine puts first. */
export function reportedMessage(v: Violation): string {
  const newline = v.message.indexOf("\n");
  return newline < 0 ? v.message : v.message.slice(newline + 1);
}
