import * as fs from "fs";
import * as path from "path";
import { ConfigError, ProgramError } from "../errors";
import type { StackResource } from "../model";
import { ORGANIZATION, type Project } from "../project";
import { loadPulumiRuntime, type PulumiRuntime } from "./pulumi-runtime";
import { Recorder, type RegistrationObserver } from "./recorder";
import { SdkSchemas } from "./sdk-schema";
import { registerTypeScript } from "./ts-register";

export interface ProgramRun {
  /** Every resource the program registered (and the default providers), in registration order. */
  readonly resources: readonly StackResource[];
  /** The program's entry file. */
  readonly mainFile: string;
}

/**
 * Runs the program of `project` in this process under Pulumi's mock runtime in preview mode,
 * the way `pulumi preview` would run it, and returns every resource it registered once the
 * runtime has settled. Throws {@link ProgramError} when the program fails.
 */
export async function runProgram(
  project: Project,
  observer: RegistrationObserver,
): Promise<ProgramRun> {
  if (project.typescript) {
    registerTypeScript(project.dir);
  }
  const mainFile = resolveMain(project);
  let runtime: PulumiRuntime;
  try {
    runtime = loadPulumiRuntime(project.dir);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  const recorder = new Recorder({
    runtime,
    project: project.name,
    stack: project.stack,
    config: project.config,
    secretKeys: project.secretKeys,
    schemas: new SdkSchemas(project.dir),
    observer,
  });
  installMocks(runtime, recorder, project);

  const failures: unknown[] = [];
  let failed!: () => void;
  const firstFailure = new Promise<void>((resolve) => (failed = resolve));
  const onFailure = (err: unknown) => {
    failures.push(err);
    failed();
  };
  process.on("uncaughtException", onFailure);
  process.on("unhandledRejection", onFailure);
  const cwd = process.cwd();
  process.chdir(project.dir);
  try {
    // A failed registration can leave the program waiting forever: stop at the first failure.
    await Promise.race([run(runtime, mainFile, onFailure), firstFailure]);
  } finally {
    process.chdir(cwd);
    recorder.close();
  }
  if (failures.length > 0) {
    // The handlers stay: the abandoned program may still reject while the CLI exits.
    throw new ProgramError(`the Pulumi program failed:\n${describeFailures(failures)}`);
  }
  process.off("uncaughtException", onFailure);
  process.off("unhandledRejection", onFailure);
  if (runtime.getStore().logErrorCount > 0) {
    throw new ProgramError("the Pulumi program logged errors (shown above)");
  }
  const [leaks, message] = runtime.leakedPromises();
  if (leaks.size > 0) {
    throw new ProgramError(message);
  }
  return { resources: recorder.resources, mainFile };
}

/** Runs the program as the Pulumi language host does, and waits for the runtime to settle. */
async function run(
  runtime: PulumiRuntime,
  mainFile: string,
  onFailure: (err: unknown) => void,
): Promise<void> {
  await runtime
    .runInPulumiStack(async () => {
      // The program is only known at run time.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported: unknown = require(mainFile);
      return typeof exported === "function" ? await exported() : exported;
    })
    .catch(onFailure);
  await settle(runtime);
  // The language host exits when the event loop empties; `beforeExit` handlers may register more
  // resources (@pulumi/aws creates bucket notifications there).
  process.emit("beforeExit", 0);
  await settle(runtime);
}

function resolveMain(project: Project): string {
  const manifest = path.join(project.dir, "package.json");
  if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).type === "module") {
    throw new ConfigError(
      `${manifest}: ECMAScript-module programs ("type": "module") are not supported; use CommonJS`,
    );
  }
  try {
    return require.resolve(project.main);
  } catch {
    throw new ConfigError(
      `no program entry at ${project.main}: add index.ts or index.js, or set "main" in Pulumi.yaml`,
    );
  }
}

/** What `runtime.setMocks` does, with the recorder as the monitor. */
function installMocks(runtime: PulumiRuntime, recorder: Recorder, project: Project): void {
  runtime.setMockOptions(recorder.monitor, project.name, project.stack, true, ORGANIZATION);
  const store = runtime.getStore();
  store.settings.options.rootDirectory = project.dir;
  Object.assign(store, {
    supportsSecrets: true,
    supportsResourceReferences: true,
    supportsOutputValues: false,
    supportsDeletedWith: true,
    supportsReplaceWith: true,
    supportsAliasSpecs: true,
    supportsTransforms: true,
    supportsInvokeTransforms: false,
    supportsParameterization: true,
    supportsResourceHooks: true,
    supportsErrorHooks: true,
  });
  runtime.setAllConfig({ ...project.config }, [...project.secretKeys]);
}

/**
 * Waits until no registration, invoke or log RPC is outstanding, across macrotask turns, so that
 * resources created in callbacks scheduled by finished RPCs are waited for too.
 */
async function settle(runtime: PulumiRuntime): Promise<void> {
  for (;;) {
    await runtime.waitForRPCs();
    const done = runtime.getStore().settings.rpcDone;
    await new Promise((resolve) => setImmediate(resolve));
    if (runtime.getStore().settings.rpcDone === done) {
      return;
    }
  }
}

function describeFailures(failures: readonly unknown[]): string {
  return [...new Set(failures)]
    .map((err) => {
      if (!(err instanceof Error)) {
        return String(err);
      }
      // The program's own copy of @pulumi/pulumi made these errors, so match their brands, not
      // their classes. InputPropertiesError lists every bad argument with its property path;
      // RunError and ResourceError carry a message meant for users, without a stack.
      const branded = err as Error & {
        __pulumiRunError?: boolean;
        __pulumiInputPropertiesError?: boolean;
        errors?: { propertyPath: string; reason: string }[];
        hideStack?: boolean;
      };
      if (branded.__pulumiInputPropertiesError && Array.isArray(branded.errors)) {
        return [err.message, ...branded.errors.map((e) => `  ${e.propertyPath}: ${e.reason}`)].join(
          "\n",
        );
      }
      const hideStack = branded.__pulumiRunError === true || branded.hideStack;
      return hideStack || !err.stack ? err.message : err.stack;
    })
    .join("\n");
}
