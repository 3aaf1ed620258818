import * as pulumi from "@pulumi/pulumi";

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
}

/** Records of the mock runtime plus helpers to query them. */
export interface MockRecorder {
  /** Every custom resource registered since the last reset. */
  resources: RecordedResource[];
  /** Forgets every recorded resource. */
  reset(): void;
  /** Resources of one type token. */
  ofType(type: string): RecordedResource[];
  /** The single resource with this type and name (throws if absent). */
  get(type: string, name: string): RecordedResource;
}

const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as {
  waitForRPCs(): Promise<void>;
};

/**
 * Installs Pulumi mocks (preview = false) that record every resource and return its inputs as state
 * plus an id and ARN. Unhandled invokes throw so tests notice them.
 */
export function installMocks(
  invokes: Record<string, (args: any) => Record<string, any>> = {},
): MockRecorder {
  const resources: RecordedResource[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        const id = `${args.name}-id`;
        resources.push({ type: args.type, name: args.name, inputs: args.inputs, id });
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
  return {
    resources,
    reset: () => {
      resources.length = 0;
    },
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
