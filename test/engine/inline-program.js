// Runs `pulumi up|preview|destroy` on a Node.js Pulumi program with the real CLI through the
// Automation API's inline programs: the Node.js language host (pulumi-language-nodejs) cannot be
// built from the Go module proxy (docs/engine.md), so the program runs in this process, served to
// the CLI by @pulumi/pulumi's own language server (`pulumi up --client …`), as any inline
// Automation API program is. TypeScript programs load through aigov's transpile-only require hook
// (dist/cli/program/ts-register.js, what `aigov check` uses).
//
//   node test/engine/inline-program.js '<JSON spec>'
// spec: { command: "up" | "preview" | "destroy", workDir, stackName, main?, config?,
//         policyPacks?: string[], policyPackConfigs?: string[] }
// Prints one JSON line on stdout: { ok, stdout, stderr, summary?, policyEvents, error? }, where
// policyEvents are the engine's policy events ({ policyName, resourceUrn, enforcementLevel, … }).
"use strict";
const path = require("path");
const fs = require("fs");

const repoRoot = path.resolve(__dirname, "../..");

async function main() {
  const spec = JSON.parse(process.argv[2]);
  const { LocalWorkspace } = require(
    require.resolve("@pulumi/pulumi/automation", { paths: [spec.workDir, repoRoot] }),
  );
  const { registerTypeScript } = require(path.join(repoRoot, "dist/cli/program/ts-register.js"));
  registerTypeScript(spec.workDir);
  const mainFile = require.resolve(path.resolve(spec.workDir, spec.main ?? "."));
  const program = async () => {
    const exported = require(mainFile);
    return typeof exported === "function" ? await exported() : exported;
  };
  // An inline program (`pulumi up --client`), with the project's directory as the workspace (its
  // Pulumi.yaml and Pulumi.<stack>.yaml are used).
  const projectName = spec.stackName.split("/")[1];
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: spec.stackName, projectName, program },
    { workDir: spec.workDir },
  );
  for (const [key, value] of Object.entries(spec.config ?? {})) {
    await stack.setConfig(key, { value });
  }
  let stdout = "";
  let stderr = "";
  const policyEvents = [];
  const opts = {
    onOutput: (out) => (stdout += out),
    onError: (err) => (stderr += err),
    onEvent: (event) => event.policyEvent && policyEvents.push(event.policyEvent),
    policyPacks: spec.policyPacks,
    policyPackConfigs: spec.policyPackConfigs,
  };
  try {
    let result;
    if (spec.command === "up") result = await stack.up(opts);
    else if (spec.command === "preview") result = await stack.preview({ ...opts, diff: false });
    else if (spec.command === "destroy") result = await stack.destroy(opts);
    else throw new Error(`unknown command ${spec.command}`);
    return {
      ok: true,
      stdout,
      stderr,
      policyEvents,
      summary: result.summary ?? result.changeSummary,
    };
  } catch (err) {
    const error = String(err && err.message ? err.message : err);
    return { ok: false, stdout, stderr, policyEvents, error };
  }
}

main().then(
  (result) => {
    fs.writeSync(1, `${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (err) => {
    fs.writeSync(
      1,
      `${JSON.stringify({ ok: false, error: String(err && err.stack ? err.stack : err) })}\n`,
    );
    process.exit(0);
  },
);
