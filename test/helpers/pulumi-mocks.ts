import * as pulumi from "@pulumi/pulumi";
import { getMonitor } from "@pulumi/pulumi/runtime/settings";

/* eslint-disable @typescript-eslint/no-explicit-any -- mock inputs and engine protos are untyped */

// `waitForRPCs` is internal to @pulumi/pulumi: its typings leave it out.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as {
  waitForRPCs(): Promise<void>;
};

/** One resource registered with the mock runtime. */
export interface RecordedResource {
  /** Type token, e.g. `aws:s3/bucket:Bucket`. */
  type: string;
  /** Logical name. */
  name: string;
  /** Inputs as the provider would receive them. */
  inputs: Record<string, any>;
  /** Mocked physical id. */
  id: string;
  /** URN as the mock monitor assigns it. */
  urn: string;
  /** URN of the parent, as the engine receives it (absent for top-level resources). */
  parent?: string;
  /** URNs of every dependency (explicit `dependsOn` and those of the inputs). */
  dependencies: string[];
  /** URNs each input property depends on. */
  propertyDependencies: Record<string, string[]>;
}

/** Records of the mock runtime plus helpers to query them. */
export interface MockRecorder {
  /** Every resource registered since the last reset, components included. */
  resources: RecordedResource[];
  /** Forgets every recorded resource. */
  reset(): void;
  /** The recorded resources that are not aigov components. */
  children(): RecordedResource[];
  /** `type::name` of each of {@link children}, sorted. */
  childKeys(): string[];
  /** Resources of one type token. */
  ofType(type: string): RecordedResource[];
  /** The single resource with this type and name (throws if absent). */
  get(type: string, name: string): RecordedResource;
}

/** Handlers of the invokes a test expects, by token. */
export type Invokes = Record<string, (args: any) => Record<string, any>>;

/** The request of a registration, as the mock monitor receives it. */
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(fn: (deps: { getUrnsList(): string[] }, prop: string) => void): void;
  };
}

/** The parts of `@pulumi/pulumi`'s `MockMonitor` this module relies on. */
interface MockMonitor {
  registerResource(req: RegisterRequest, callback: (err: any, resp: any) => void): Promise<void>;
  newUrn(parent: string, type: string, name: string): string;
}

/**
 * Lets `newResource` see the request being registered: the mock monitor calls it synchronously
 * at the start of `registerResource`, so the request in flight is the one it belongs to.
 */
function captureRequests(monitor: MockMonitor): () => RegisterRequest | undefined {
  let current: RegisterRequest | undefined;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    current = req;
    try {
      return register(req, callback);
    } finally {
      current = undefined;
    }
  };
  return () => current;
}

/**
 * Installs Pulumi mocks (preview = false) that record every resource, with its URN, parent and
 * dependencies as the engine would see them, and return its inputs as state plus an id and ARN.
 * Unhandled invokes throw so tests notice them.
 */
export function installMocks(invokes: Invokes = {}): MockRecorder {
  const resources: RecordedResource[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        const id = `${args.name}-id`;
        const req = inFlight();
        const propertyDependencies: Record<string, string[]> = {};
        req?.getPropertydependenciesMap().forEach((deps, prop) => {
          propertyDependencies[prop] = deps.getUrnsList();
        });
        resources.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs,
          id,
          urn: monitor.newUrn(req?.getParent() ?? "", args.type, args.name),
          parent: req?.getParent() || undefined,
          dependencies: req?.getDependenciesList() ?? [],
          propertyDependencies,
        });
        const service = args.type.split(":")[1]?.split("/")[0] ?? "svc";
        return {
          id,
          state: {
            ...args.inputs,
            arn: `arn:aws:${service}:us-east-1:123456789012:${args.name}`,
            name: args.inputs.name ?? args.name,
          },
        };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        const handler = invokes[args.token];
        if (!handler) throw new Error(`Mock call not implemented: ${args.token}`);
        return handler(args.inputs);
      },
    },
    "project",
    "stack",
    false,
  );
  // Registrations start only after this, so `newResource` sees both.
  const monitor = getMonitor() as unknown as MockMonitor;
  const inFlight = captureRequests(monitor);
  const children = () => resources.filter((r) => !r.type.startsWith("aigov:"));
  return {
    resources,
    reset: () => {
      resources.length = 0;
    },
    children,
    childKeys: () =>
      children()
        .map((r) => `${r.type}::${r.name}`)
        .sort(),
    ofType: (type) => resources.filter((r) => r.type === type),
    get: (type, name) => {
      const found = resources.find((r) => r.type === type && r.name === name);
      if (!found) {
        const names = resources.filter((r) => r.type === type).map((r) => r.name);
        throw new Error(`no ${type} named ${name}; have: ${names.join(", ") || "none"}`);
      }
      return found;
    },
  };
}

/** Sets the stack config seen by `new pulumi.Config(...)`; objects are stored as JSON strings. */
export function setStackConfig(values: Record<string, unknown>): void {
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(values))
    config[k] = typeof v === "string" ? v : JSON.stringify(v);
  pulumi.runtime.setAllConfig(config);
}

/** Waits until every registration started so far has reached the mock monitor. */
export async function settle(): Promise<void> {
  await waitForRPCs();
}

/** Resolves an output's value in tests. */
export function unwrap<T>(output: pulumi.Output<T> | pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(output).apply((v) => resolve(v as T)));
}
