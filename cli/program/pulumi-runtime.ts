import * as path from "path";
import type * as callbackProto from "@pulumi/pulumi/proto/callback_pb";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { ResourceModule } from "./pending";

/** gRPC-style callback the runtime passes to monitor methods. */
export type MonitorCallback<T> = (err: Error | null, response?: T) => void;

/** The mock monitor base class of `@pulumi/pulumi/runtime/mocks` (untyped internals). */
export interface MockMonitorBase {
  invoke(req: resproto.ResourceInvokeRequest, callback: MonitorCallback<unknown>): Promise<void>;
  registerResource(
    req: resproto.RegisterResourceRequest,
    callback: MonitorCallback<resproto.RegisterResourceResponse>,
  ): Promise<void>;
  readResource(
    req: resproto.ReadResourceRequest,
    callback: MonitorCallback<resproto.ReadResourceResponse>,
  ): Promise<void>;
  registerResourceOutputs(
    req: resproto.RegisterResourceOutputsRequest,
    callback: MonitorCallback<unknown>,
  ): void;
  supportsFeature(
    req: resproto.SupportsFeatureRequest,
    callback: MonitorCallback<{ getHassupport(): boolean }>,
  ): void;
}
export type MockMonitorClass = new (mocks: {
  call(args: { token: string; inputs: Record<string, unknown>; provider?: string }): unknown;
  newResource(args: unknown): unknown;
}) => MockMonitorBase;

/** The runtime's process-wide store (`runtime/state`). */
export interface RuntimeStore {
  settings: {
    rpcDone: Promise<unknown>;
    options: { rootDirectory?: string; organization?: string };
  };
  logErrorCount: number;
  supportsSecrets: boolean;
  supportsResourceReferences: boolean;
  supportsOutputValues: boolean;
  supportsDeletedWith: boolean;
  supportsReplaceWith: boolean;
  supportsAliasSpecs: boolean;
  supportsTransforms: boolean;
  supportsInvokeTransforms: boolean;
  supportsParameterization: boolean;
  supportsResourceHooks: boolean;
  supportsErrorHooks: boolean;
}

/** The internals of one copy of `@pulumi/pulumi` that `aigov check` drives. */
export interface PulumiRuntime {
  readonly dir: string;
  readonly MockMonitor: MockMonitorClass;
  readonly setMockOptions: (
    monitor: unknown,
    project: string,
    stack: string,
    preview: boolean,
    organization: string,
  ) => void;
  readonly waitForRPCs: () => Promise<void>;
  readonly getStore: () => RuntimeStore;
  readonly runInPulumiStack: (init: () => Promise<unknown>) => Promise<unknown>;
  readonly setAllConfig: (config: Record<string, string>, secretKeys: string[]) => void;
  /** Takes the runtime's still-pending promises and the message it prints about them at exit. */
  readonly leakedPromises: () => [ReadonlySet<unknown>, string];
  readonly resproto: typeof resproto;
  readonly Struct: typeof Struct;
  readonly callbackProto: typeof callbackProto;
  /** The client of the runtime's callback server (transforms), and the gRPC it uses. */
  readonly callbackGrpc: {
    CallbacksClient: new (target: string, credentials: unknown) => unknown;
    grpc: { credentials: { createInsecure(): unknown } };
  };
  /** `runtime/resource`, whose registrations the pending tracker follows. */
  readonly resourceModule: ResourceModule;
}

/**
 * Loads the `@pulumi/pulumi` the program in `programDir` resolves, so that the mocks are installed
 * on the very copy the program's resources talk to.
 */
export function loadPulumiRuntime(programDir: string): PulumiRuntime {
  let entry: string;
  try {
    entry = require.resolve("@pulumi/pulumi", { paths: [programDir] });
  } catch {
    throw new Error(`@pulumi/pulumi is not installed for ${programDir}: run npm install there`);
  }
  const dir = path.dirname(entry);
  // Modules are found at run time, in the program's dependencies: no static import can name them.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (file: string) => require(require.resolve(file, { paths: [dir] }));
  skipPromiseStackTraces(load("./runtime/debuggable"));
  return {
    dir,
    MockMonitor: load("./runtime/mocks").MockMonitor,
    setMockOptions: load("./runtime/settings").setMockOptions,
    waitForRPCs: load("./runtime/settings").waitForRPCs,
    getStore: load("./runtime/state").getStore,
    runInPulumiStack: load("./runtime/stack").runInPulumiStack,
    setAllConfig: load("./runtime/config").setAllConfig,
    leakedPromises: load("./runtime/debuggable").leakedPromises,
    resproto: load("./proto/resource_pb"),
    Struct: load("google-protobuf/google/protobuf/struct_pb").Struct,
    callbackProto: load("./proto/callback_pb"),
    callbackGrpc: {
      CallbacksClient: load("./proto/callback_grpc_pb").CallbacksClient,
      grpc: load("@grpc/grpc-js"),
    },
    resourceModule: load("./runtime/resource"),
  };
}

/** `runtime/debuggable` of `@pulumi/pulumi`. */
interface DebuggableModule {
  debugPromiseLeaks?: boolean;
  debuggablePromise?: (promise: Promise<unknown>, context: unknown) => Promise<unknown>;
}

const PATCHED = Symbol.for("aigov.skipPromiseStackTraces");

/**
 * The runtime records a stack trace with every promise it tracks (four per output property of each
 * resource), which it reads only to explain leaked promises under `PULUMI_DEBUG_PROMISE_LEAKS`.
 * Taking them is close to half of a program's run time under `aigov check` and a fifth of its
 * memory, so without that variable the promises are tracked as before, with an empty stack trace.
 */
function skipPromiseStackTraces(debuggable: DebuggableModule & { [PATCHED]?: true }): void {
  const original = debuggable.debuggablePromise;
  if (debuggable.debugPromiseLeaks || debuggable[PATCHED] || typeof original !== "function") {
    return;
  }
  debuggable.debuggablePromise = (promise, context) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(promise, context);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  debuggable[PATCHED] = true;
}
