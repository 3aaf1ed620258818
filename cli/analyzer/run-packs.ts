import type * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import type {
  PolicyPackSummary,
  PropertyMap,
  StackResource,
  Violation,
  ViolationLevel,
} from "../model";
import { PolicyConfigError } from "../errors";
import { parseProviderReference } from "../urn";
import { levelName } from "./messages";
import {
  packEnvironment,
  startPack,
  type PreparedPack,
  type RunningPack,
  type StackContext,
} from "./start-pack";
import { encodeAnalyzeRequest, encodeAnalyzeStackRequest } from "./wire";

/** Looks up the provider resource of a resource, if any. */
export type ProviderLookup = (resource: StackResource) => StackResource | undefined;

/** Finds providers among `resources` by the resources' provider references. */
export function providerLookup(resources: readonly StackResource[]): ProviderLookup {
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  return (resource) =>
    resource.provider ? byUrn.get(parseProviderReference(resource.provider).urn) : undefined;
}

function violationLevel(level: pb.EnforcementLevel): ViolationLevel | undefined {
  const name = levelName(level);
  // As in the engine, a violation still present at the remediate level is mandatory.
  return name === "disabled" ? undefined : name === "advisory" ? "advisory" : "mandatory";
}

function violations(
  pack: RunningPack,
  response: pb.AnalyzeResponse,
  urnOf: (d: pb.AnalyzeDiagnostic) => string,
): Violation[] {
  const result: Violation[] = [];
  for (const d of response.getDiagnosticsList()) {
    const enforcementLevel = violationLevel(d.getEnforcementlevel());
    if (enforcementLevel) {
      result.push({
        policyPack: d.getPolicypackname() || pack.name,
        policy: d.getPolicyname(),
        enforcementLevel,
        urn: urnOf(d),
        message: d.getMessage(),
      });
    }
  }
  return result;
}

/**
 * Policy packs running the way the Pulumi engine runs them: each in its own process, driven over
 * the Analyzer gRPC protocol, all concurrently.
 */
export class PolicyPacks {
  private constructor(private readonly packs: readonly RunningPack[]) {}

  /**
   * Starts and configures every pack concurrently. If any fails, all are stopped and, as in the
   * engine, the first failure (in pack order) other than invalid config is thrown, else the
   * config errors of every pack together.
   */
  static async start(packs: readonly PreparedPack[], context: StackContext): Promise<PolicyPacks> {
    const env = packEnvironment(context);
    const started = await Promise.allSettled(packs.map((pack) => startPack(pack, context, env)));
    const failures = started.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
    if (failures.length > 0) {
      for (const s of started) {
        if (s.status === "fulfilled") {
          s.value.close();
        }
      }
      const configErrors = failures.filter((f) => f instanceof PolicyConfigError);
      if (configErrors.length < failures.length) {
        throw failures.find((f) => !(f instanceof PolicyConfigError));
      }
      throw new PolicyConfigError(configErrors.flatMap((e) => e.lines).sort());
    }
    return new PolicyPacks(started.map((s) => (s as PromiseFulfilledResult<RunningPack>).value));
  }

  get summaries(): PolicyPackSummary[] {
    return this.packs.map((p) => p.summary);
  }

  /**
   * Runs the packs' remediations on a resource's inputs, one pack after the other as the engine
   * does, and returns the inputs to continue with. With `apply` false (auditing existing state),
   * remediations are not applied. Diagnostics of remediations that could not run are advisory.
   */
  async remediate(
    resource: StackResource,
    provider: StackResource | undefined,
    apply: boolean,
  ): Promise<{ inputs: PropertyMap; violations: Violation[] }> {
    let inputs = resource.inputs;
    let encoded: Buffer | undefined;
    const found: Violation[] = [];
    for (const pack of this.packs.filter((p) => p.remediates)) {
      // Encoded again only when a pack before has changed the inputs.
      const request = (encoded ??= encodeAnalyzeRequest(resource, inputs, provider));
      const response = await pack.call(`to remediate ${resource.urn}`, () =>
        pack.connection.remediate(request),
      );
      for (const remediation of response.getRemediationsList()) {
        const properties = remediation.getProperties();
        if (remediation.getDiagnostic()) {
          found.push({
            policyPack: remediation.getPolicypackname() || pack.name,
            policy: remediation.getPolicyname(),
            enforcementLevel: "advisory",
            urn: resource.urn,
            message: remediation.getDiagnostic(),
          });
        } else if (properties && apply) {
          inputs = properties.toJavaScript() as PropertyMap;
          encoded = undefined;
        }
      }
    }
    return { inputs, violations: found };
  }

  /** Runs every pack's resource policies on a resource's inputs. */
  async analyze(
    resource: StackResource,
    inputs: PropertyMap,
    provider: StackResource | undefined,
  ): Promise<Violation[]> {
    // Encoded once, sent to every pack.
    const request = encodeAnalyzeRequest(resource, inputs, provider);
    const results = await Promise.all(
      this.packs.map(async (pack) => {
        const response = await pack.call(`to analyze ${resource.urn}`, () =>
          pack.connection.analyze(request),
        );
        // The engine reports resource policy violations at the analyzed resource's URN.
        return violations(pack, response, () => resource.urn);
      }),
    );
    return results.flat();
  }

  /**
   * Runs every pack's stack policies on all resources (their outputs, parents and dependencies).
   * A violation that names no resource is reported at `stackUrn`.
   */
  async analyzeStack(
    resources: readonly StackResource[],
    providerOf: ProviderLookup,
    stackUrn: string,
  ): Promise<Violation[]> {
    // Encoded once, sent to every pack.
    const request = encodeAnalyzeStackRequest(resources, providerOf);
    const results = await Promise.all(
      this.packs.map(async (pack) => {
        const response = await pack.call("to analyze the stack", () =>
          pack.connection.analyzeStack(request),
        );
        return violations(pack, response, (d) => d.getUrn() || stackUrn);
      }),
    );
    return results.flat();
  }

  close(): void {
    for (const pack of this.packs) {
      pack.close();
    }
  }
}
