// `npm run engine`: builds the Pulumi engine binaries of scripts/engine/binaries.js from the Go
// module proxy into .engine/bin (git-ignored), plus the Node.js policy-pack launcher. Idempotent:
// a binary whose recipe (module, version, flags, Go version) is unchanged is not rebuilt, so a
// second run takes seconds. Progress goes to stderr. docs/engine.md tells what is built and why.
"use strict";
const { spawn, execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { BINARIES, NOT_SERVED } = require("./binaries");

const root = path.resolve(__dirname, "..", "..");
const engineDir = path.join(root, ".engine");
const binDir = path.join(engineDir, "bin");
const buildRoot = path.join(engineDir, "build");
const LAUNCHER = "pulumi-analyzer-policy";

// Never download another Go toolchain; build with the machine's Go.
const goEnv = { ...process.env, GOTOOLCHAIN: "local", GOFLAGS: "-mod=mod" };

const log = (line) => process.stderr.write(`${line}\n`);
const elapsed = (start) => {
  const s = Math.round((Date.now() - start) / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
};

function goVersion() {
  try {
    return execFileSync("go", ["env", "GOVERSION"], { env: goEnv, encoding: "utf8" }).trim();
  } catch {
    log(
      "error: Go is not installed (the go command is needed to build the engine: see docs/engine.md)",
    );
    process.exit(2);
  }
}

/**
 * Runs `go ARGS` in `cwd`, appending its output to `logFile`; every 15 s prints how far it got
 * (modules downloaded, packages compiled). Rejects with the output's tail on failure.
 */
function go(args, { cwd, logFile, label, env = goEnv }) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const out = fs.openSync(logFile, "a");
    fs.writeSync(out, `$ go ${args.join(" ")}\n`);
    const child = spawn("go", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let downloaded = 0;
    let compiled = 0;
    let tail = "";
    const onData = (chunk) => {
      const text = chunk.toString();
      fs.writeSync(out, text);
      tail = (tail + text).slice(-4000);
      for (const line of text.split("\n")) {
        if (line.startsWith("go: downloading ")) downloaded++;
        else if (/^[\w.-]+(\/[\w.~-]+)*$/.test(line.trim())) compiled++; // `go build -v`
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const ticker = setInterval(() => {
      const parts = [];
      if (downloaded) parts.push(`${downloaded} modules downloaded`);
      if (compiled) parts.push(`${compiled} packages compiled`);
      log(
        `  ${label}: go ${args[0]}… ${elapsed(started)}${parts.length ? `, ${parts.join(", ")}` : ""}`,
      );
    }, 15000);
    child.on("error", (err) => {
      clearInterval(ticker);
      fs.closeSync(out);
      reject(err);
    });
    child.on("close", (code) => {
      clearInterval(ticker);
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`go ${args.join(" ")} failed (exit ${code}):\n${tail.trim()}`));
    });
  });
}

/** `go mod edit -json` of the module's own go.mod, fetched from the proxy. */
function moduleGoMod(binary, cwd) {
  const info = JSON.parse(
    execFileSync("go", ["mod", "download", "-json", `${binary.module}@${binary.version}`], {
      cwd,
      env: goEnv,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  if (info.Error) throw new Error(info.Error);
  const mod = JSON.parse(
    execFileSync("go", ["mod", "edit", "-json", info.GoMod], { env: goEnv, encoding: "utf8" }),
  );
  return { mod, dir: info.Dir };
}

/** The wrapper's replace lines: the module's non-local ones, and its local ones pinned. */
function wrapperReplaces(binary, mod) {
  return (mod.Replace ?? [])
    .map((r) => {
      const old = r.Old.Version ? `${r.Old.Path} ${r.Old.Version}` : r.Old.Path;
      if (r.New.Version) return `${old} => ${r.New.Path} ${r.New.Version}`;
      if (r.Old.Path === "github.com/pulumi/pulumi/sdk/v3" && binary.alsoRequire) {
        return undefined; // required at the release's own version instead
      }
      const pinned = binary.pinLocalReplaces?.[r.Old.Path];
      if (!pinned) {
        throw new Error(
          `${binary.module} replaces ${r.Old.Path} with the local path ${r.New.Path}: pin a served version in scripts/engine/binaries.js (pinLocalReplaces)`,
        );
      }
      return `${old} => ${r.Old.Path} ${pinned}`;
    })
    .filter(Boolean);
}

async function build(binary, index, total, goVer) {
  const label = `[${index}/${total}] ${binary.name}`;
  const target = path.join(binDir, binary.name);
  const work = path.join(buildRoot, binary.name);
  const recipe = crypto
    .createHash("sha256")
    .update(JSON.stringify({ binary, goVer, recipe: 1 }))
    .digest("hex");
  const stampFile = path.join(work, "recipe.sha256");
  if (
    fs.existsSync(target) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, "utf8") === recipe
  ) {
    log(`${label} ${binary.version}: up to date`);
    return;
  }
  const started = Date.now();
  log(
    `${label} ${binary.version}: building from ${binary.module} (log: ${path.relative(root, work)}/build.log)`,
  );
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const logFile = path.join(work, "build.log");
  const { mod, dir } = moduleGoMod(binary, work);
  const replaces = wrapperReplaces(binary, mod);
  fs.writeFileSync(
    path.join(work, "go.mod"),
    [
      `// Generated by scripts/engine/build.js: builds ${binary.package}@${binary.version}.`,
      `module aigov.invalid/engine/${binary.name}`,
      "",
      `go ${mod.Go}`,
      "",
      ...replaces.map((r) => `replace ${r}`),
      "",
    ].join("\n"),
  );
  const ldflags = `-s -w -X ${binary.versionVariable}=${binary.stampedVersion}`;
  const opts = { cwd: work, logFile, label };
  let buildTarget = binary.package;
  if (binary.generateEmbeds) {
    // The main package embeds files that its generate step writes from files in the module zip.
    const pkgDir = path.join(dir, path.relative(binary.module, binary.package));
    for (const file of fs.readdirSync(pkgDir)) {
      if (!file.endsWith("_test.go")) {
        fs.copyFileSync(path.join(pkgDir, file), path.join(work, file));
        fs.chmodSync(path.join(work, file), 0o644);
      }
    }
    await go(["mod", "edit", "-require", `${binary.module}@${binary.version}`], opts);
    await go(["mod", "tidy"], opts);
    await go(["run", "generate.go"], {
      ...opts,
      env: { ...goEnv, VERSION: binary.stampedVersion },
    });
    buildTarget = ".";
  } else {
    await go(["get", `${binary.package}@${binary.version}`, ...(binary.alsoRequire ?? [])], opts);
  }
  await go(["build", "-v", "-trimpath", "-ldflags", ldflags, "-o", target, buildTarget], opts);
  fs.writeFileSync(stampFile, recipe);
  log(`${label} ${binary.version}: built in ${elapsed(started)}`);
}

function installLauncher() {
  const source = path.join(__dirname, LAUNCHER);
  const target = path.join(binDir, LAUNCHER);
  const text = fs.readFileSync(source);
  if (!fs.existsSync(target) || !fs.readFileSync(target).equals(text)) {
    fs.writeFileSync(target, text, { mode: 0o755 });
  }
  fs.chmodSync(target, 0o755);
  log(`${LAUNCHER}: installed (the Node.js policy-pack launcher, scripts/engine/${LAUNCHER})`);
}

async function main() {
  const started = Date.now();
  const goVer = goVersion();
  fs.mkdirSync(binDir, { recursive: true });
  log(
    `npm run engine: ${BINARIES.length} binaries into ${path.relative(root, binDir)} with ${goVer}`,
  );
  let failed = 0;
  for (const [i, binary] of BINARIES.entries()) {
    try {
      await build(binary, i + 1, BINARIES.length, goVer);
    } catch (err) {
      failed++;
      log(`[${i + 1}/${BINARIES.length}] ${binary.name}: FAILED\n${err.message}`);
    }
  }
  installLauncher();
  for (const n of NOT_SERVED) {
    log(`${n.name}: not built, the Go module proxy does not serve ${n.module} (docs/engine.md)`);
  }
  log(`npm run engine: ${failed ? `${failed} failed` : "done"} in ${elapsed(started)}`);
  process.exit(failed ? 1 : 0);
}

main();
