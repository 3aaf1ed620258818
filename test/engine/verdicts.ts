import * as fs from "fs";
import * as path from "path";
import { AIGOV_PACK, type PulumiSandbox, type Run, succeeded } from "./engine";

/** One verdict: a policy, the resource it judged and how hard (the message is not compared). */
export type Verdict = string;

const verdict = (policy: string, urn: string, level: string): Verdict =>
  `${level} ${policy} ${urn}`;

/** The verdicts of an `aigov check` / `aigov audit` JSON report. */
export function aigovVerdicts(report: Run): Verdict[] {
  let parsed: { violations: { policy: string; urn: string; enforcementLevel: string }[] };
  try {
    parsed = JSON.parse(report.stdout);
  } catch {
    throw new Error(`aigov printed no JSON report (exit ${report.code}):\n${report.stderr}`);
  }
  return parsed.violations.map((v) => verdict(v.policy, v.urn, v.enforcementLevel)).sort();
}

interface EngineEvent {
  policyEvent?: {
    resourceUrn?: string;
    policyName: string;
    enforcementLevel: string;
  };
}

/** The verdicts in the engine events `pulumi … --json` printed, one JSON object a line. */
export function engineVerdicts(stdout: string): Verdict[] {
  return stdout
    .split("\n")
    .filter((line) => line.trim().startsWith("{"))
    .map((line) => JSON.parse(line) as EngineEvent)
    .flatMap((e) =>
      e.policyEvent
        ? [
            verdict(
              e.policyEvent.policyName,
              e.policyEvent.resourceUrn ?? "",
              e.policyEvent.enforcementLevel,
            ),
          ]
        : [],
    )
    .sort();
}

/**
 * `pulumi stack import` of `exportFile` into a new stack `organization/<project>/<stack>` of the
 * sandbox's file backend, then `pulumi policy analyze` of that stack with the aigov pack (and its
 * config file, if any). Returns the run and its verdicts.
 */
export async function analyzeWithEngine(
  sandbox: PulumiSandbox,
  exportFile: string,
  stack: { project: string; stack: string },
  packConfig?: string,
): Promise<{ run: Run; verdicts: Verdict[] }> {
  const name = `organization/${stack.project}/${stack.stack}`;
  const cwd = sandbox.scratch(`analyze/${stack.project}-${stack.stack}`);
  // Stack commands need a project; the stack's program never runs.
  fs.writeFileSync(path.join(cwd, "Pulumi.yaml"), `name: ${stack.project}\nruntime: nodejs\n`);
  succeeded(await sandbox.pulumi(["stack", "init", name], { cwd }), `pulumi stack init ${name}`);
  // Secrets in the document are plaintext (as `--show-secrets` writes them): the engine encrypts
  // them on import with the secrets provider the document names, here the new stack's own.
  const empty = succeeded(
    await sandbox.pulumi(["stack", "export", "--stack", name], { cwd }),
    "pulumi stack export",
  );
  const document = JSON.parse(fs.readFileSync(exportFile, "utf8"));
  document.deployment.secrets_providers = JSON.parse(empty.stdout).deployment.secrets_providers;
  const importFile = path.join(cwd, "import.json");
  fs.writeFileSync(importFile, JSON.stringify(document));
  succeeded(
    await sandbox.pulumi(["stack", "import", "--stack", name, "--file", importFile], { cwd }),
    `pulumi stack import ${exportFile}`,
  );
  const analyze = sandbox.pulumi(
    [
      "policy",
      "analyze",
      "--stack",
      name,
      "--policy-pack",
      sandbox.packLauncher(AIGOV_PACK),
      ...(packConfig ? ["--policy-pack-config", packConfig] : []),
      "--json",
    ],
    { cwd },
  );
  try {
    const run = await analyze;
    return { run, verdicts: engineVerdicts(run.stdout) };
  } finally {
    // The next case may import the same project and stack.
    await sandbox.pulumi(["stack", "rm", "--stack", name, "--force", "--yes"], { cwd });
  }
}
