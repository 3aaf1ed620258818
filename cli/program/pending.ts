import { ROOT_STACK_TYPE, makeUrn } from "../urn";

/** The parts of a `Resource` of the program's `@pulumi/pulumi` that are read here. */
interface ResourceLike {
  readonly urn?: { promise?: () => Promise<string> };
}

/** `runtime/resource` of `@pulumi/pulumi`: the functions every resource goes through. */
export interface ResourceModule {
  registerResource: (
    res: ResourceLike,
    parent: ResourceLike | undefined,
    type: string,
    name: string,
    ...rest: unknown[]
  ) => void;
  registerResourceOutputs: (res: ResourceLike, outputs: unknown) => void;
}

interface Registration {
  readonly res: ResourceLike;
  readonly parent?: ResourceLike;
  readonly type: string;
  readonly name: string;
}

/** The URN of a resource whose URN has resolved, else undefined (looked at for one turn). */
async function settledUrn(res: ResourceLike | undefined): Promise<string | undefined> {
  const promise = res?.urn?.promise?.();
  if (!promise) return undefined;
  return Promise.race([
    promise.catch(() => undefined),
    new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined))),
  ]);
}

/**
 * Follows what the program asked the runtime for (registrations and component outputs) against
 * what reached the monitor, to name what is still pending when the program does not finish: the
 * resources whose inputs never resolved (never registered) and those whose outputs never did.
 */
export class PendingTracker {
  private readonly registrations: Registration[] = [];
  private readonly outputs: ResourceLike[] = [];

  constructor(
    private readonly stack: string,
    private readonly project: string,
    private readonly monitor: {
      has(urn: string): boolean;
      readonly outputsReceived: ReadonlySet<string>;
    },
  ) {}

  /** Wraps the runtime's `registerResource` and `registerResourceOutputs` to see every call. */
  install(module: ResourceModule): void {
    const { registerResource, registerResourceOutputs } = module;
    module.registerResource = (res, parent, type, name, ...rest) => {
      this.registrations.push({ res, parent, type, name });
      return registerResource(res, parent, type, name, ...rest);
    };
    module.registerResourceOutputs = (res, outputs) => {
      this.outputs.push(res);
      return registerResourceOutputs(res, outputs);
    };
  }

  /** What is still pending, one line each: `<URN>: <what never resolved>`. */
  async pending(): Promise<string[]> {
    const lines: string[] = [];
    for (const r of this.registrations) {
      const parentUrn = await settledUrn(r.parent);
      const urn = makeUrn(this.stack, this.project, parentUrn, r.type, r.name);
      if (!this.monitor.has(urn)) {
        lines.push(`${urn}: its inputs never resolved (not registered)`);
      } else if (r.type === ROOT_STACK_TYPE && !this.monitor.outputsReceived.has(urn)) {
        // The stack registers its outputs once every export of the program has resolved.
        lines.push(`${urn}: its outputs never resolved (an export of the program)`);
      }
    }
    for (const res of this.outputs) {
      const urn = await settledUrn(res);
      if (urn && !this.monitor.outputsReceived.has(urn)) {
        lines.push(`${urn}: its outputs never resolved`);
      }
    }
    return [...new Set(lines)];
  }
}
