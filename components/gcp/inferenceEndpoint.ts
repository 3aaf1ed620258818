import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GovernanceMetadata, estimateCost, isSensitiveClassification } from "../../sdk";
import { validateGovernedComponent } from "../common/governance-gates";
import { GovernanceMetadataArgs } from "../common/metadata-args";
import {
  estimateInput,
  ResolvedEndpoint,
  resolveEndpoint,
  validateEndpointArgs,
} from "./endpoint-config";
import { GcpEndpointNetworking } from "./enums";
import { deletionPolicy, governedLabels, provisionCmek } from "./shared";
import { COMPONENT_RULE_SCOPES } from "../common/rule-scopes";

/** A Model Garden or Hugging Face model to deploy (the only Vertex deployments with spot). */
export interface GcpModelGardenArgs {
  /** Model Garden model, `publishers/<publisher>/models/<model>@<version>`. */
  publisherModelName?: string;
  /** Hugging Face model id, e.g. `google/gemma-2-2b-it`. */
  huggingFaceModelId?: string;
  /** Accept the model's end-user license agreement (required by some models). */
  acceptEula?: boolean;
  /** Hugging Face read token for gated models; pass it as a secret. */
  huggingFaceAccessToken?: pulumi.Input<string>;
}

/** Request/response logging of online predictions to BigQuery. */
export interface GcpRequestResponseLoggingArgs {
  /** BigQuery table, `bq://<project>.<dataset>.<table>`. */
  bigqueryTableUri: pulumi.Input<string>;
  /** Fraction of requests logged, above 0 up to 1; default 1. */
  samplingRate?: number;
}

/** Arguments of {@link GcpInferenceEndpoint}. */
export interface GcpInferenceEndpointArgs {
  /** Governance metadata; fields left out come from the stack config `aigov:defaults`. */
  metadata?: GovernanceMetadataArgs;
  /** Region, e.g. `us-central1`. */
  location: string;
  /** Project; default the provider's project. */
  project?: pulumi.Input<string>;
  /** Display name; default `<team>-<asset>-<stage>-endpoint`. */
  displayName?: string;
  /** Description of the endpoint. */
  description?: pulumi.Input<string>;
  /** Numeric endpoint id (up to 10 digits); default a stable id derived from stack and name. */
  endpointId?: string;
  /** Customer-managed key for the endpoint; default a key ring and key created for it. */
  kmsKeyName?: pulumi.Input<string>;
  /** Grant the Vertex AI service agent use of the key; default true. */
  grantKeyAccess?: boolean;
  /** Network access; default `privateServiceConnect` for `confidential`/`restricted` data, else `public` (`vpcPeering` when `network` is set). */
  networking?: GcpEndpointNetworking;
  /** Peered network for `vpcPeering`: `projects/<project-number>/global/networks/<name>`. */
  network?: pulumi.Input<string>;
  /** Projects allowed to connect through Private Service Connect; default the endpoint's project. */
  pscProjectAllowlist?: pulumi.Input<string>[];
  /** Expose the endpoint on a dedicated DNS name. */
  dedicatedEndpoint?: boolean;
  /** Log requests and responses to BigQuery (not for Model Garden deployments). */
  requestResponseLogging?: GcpRequestResponseLoggingArgs;
  /** Deploy a Model Garden / Hugging Face model (creates its own endpoint; no CMEK). */
  modelGarden?: GcpModelGardenArgs;
  /** Create a shared deployment resource pool that models are deployed into. */
  sharedPool?: boolean;
  /** Machine type of the dedicated capacity, e.g. `g2-standard-8` (Model Garden and pools). */
  machineType?: string;
  /** Accelerator type, e.g. `NVIDIA_L4`. */
  acceleratorType?: string;
  /** Accelerators per replica; default 1 when `acceleratorType` is set. */
  acceleratorCount?: number;
  /** Minimum replicas; default 2 in `production`, else 1. */
  minReplicas?: number;
  /** Maximum replicas; default twice the minimum (at least 2). */
  maxReplicas?: number;
  /** Target CPU utilization in percent; default 60. */
  cpuUtilizationTarget?: number;
  /** Target accelerator duty cycle in percent; default 60 when accelerators are attached. */
  acceleratorDutyCycleTarget?: number;
  /** Run on spot VMs (Model Garden only); default true for Model Garden in `experimental`/`staging`. */
  spot?: boolean;
  /** Refuse deletion (`deletionPolicy: PREVENT`); default false. */
  deletionProtection?: boolean;
  /** Extra labels for labelable children; the aigov labels win on conflicts. */
  labels?: { [key: string]: string };
}

/** Validated metadata, resolved settings and price overrides of one endpoint. */
interface EndpointPlan {
  meta: GovernanceMetadata;
  r: ResolvedEndpoint;
  pricing: Record<string, number>;
}

function planEndpoint(name: string, args: GcpInferenceEndpointArgs): EndpointPlan {
  const { meta, config } = validateGovernedComponent("GcpInferenceEndpoint", name, args.metadata, {
    scope: COMPONENT_RULE_SCOPES.GcpInferenceEndpoint,
    validateArgs: (meta, problems) => validateEndpointArgs(args, meta, problems),
  });
  const seed = `${pulumi.getProject()}/${pulumi.getStack()}/${name}`;
  return { meta, r: resolveEndpoint(args, meta, seed), pricing: config.pricing };
}

/**
 * A governed Vertex AI inference endpoint: a CMEK-encrypted `AiEndpoint` with private networking
 * for sensitive data, optionally backed by a shared deployment resource pool; or a Model Garden /
 * Hugging Face deployment with dedicated (optionally spot) capacity.
 */
export class GcpInferenceEndpoint extends pulumi.ComponentResource {
  /** Id of the Vertex AI endpoint. */
  public readonly endpointId: pulumi.Output<string>;
  /** Id of the deployed model (Model Garden deployments only). */
  public readonly deployedModelId?: pulumi.Output<string>;
  /** Id of the shared deployment resource pool, when created. */
  public readonly deploymentResourcePoolId?: pulumi.Output<string>;
  /** Customer-managed key of the endpoint (absent for Model Garden deployments). */
  public readonly kmsKeyName?: pulumi.Output<string>;
  /** Whether the capacity runs on spot VMs. */
  public readonly spot: pulumi.Output<boolean>;
  /** The network access mode in effect. */
  public readonly networking: pulumi.Output<string>;
  /** The labels written on the labelable children. */
  public readonly labels: pulumi.Output<{ [key: string]: string }>;

  constructor(
    name: string,
    args: GcpInferenceEndpointArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const plan = planEndpoint(name, args);
    const { meta, r } = plan;
    super("aigov:index:GcpInferenceEndpoint", name, {}, opts);
    const labels = governedLabels(meta, args.labels);
    const prevent = deletionPolicy(r.protect);
    warnAdvisories(this, plan, args);

    const access = endpointAccess(this, args, r);

    if (r.mode === "modelGarden" && r.capacity) {
      const mg = args.modelGarden ?? {};
      const deployment = new gcp.vertex.AiEndpointWithModelGardenDeployment(
        `${name}-deployment`,
        {
          location: args.location,
          project: args.project,
          ...(mg.publisherModelName ? { publisherModelName: mg.publisherModelName } : {}),
          ...(mg.huggingFaceModelId ? { huggingFaceModelId: mg.huggingFaceModelId } : {}),
          modelConfig: {
            ...(mg.acceptEula !== undefined ? { acceptEula: mg.acceptEula } : {}),
            ...(mg.huggingFaceAccessToken
              ? { huggingFaceAccessToken: mg.huggingFaceAccessToken }
              : {}),
          },
          endpointConfig: { endpointDisplayName: r.displayName, ...access },
          deployConfig: { dedicatedResources: { ...r.capacity, spot: r.spot } },
          ...prevent,
        },
        { parent: this },
      );
      this.endpointId = deployment.endpoint;
      this.deployedModelId = deployment.deployedModelId;
    } else {
      const cmek = provisionCmek(name, this, args, {
        grantKeyAccess: args.grantKeyAccess ?? true,
        agents: ["aiplatform"],
        labels,
        protect: r.protect,
      });
      const logging = args.requestResponseLogging;
      const endpoint = new gcp.vertex.AiEndpoint(
        `${name}-endpoint`,
        {
          name: r.endpointId,
          displayName: r.displayName,
          description: args.description,
          location: args.location,
          region: args.location,
          project: args.project,
          labels,
          encryptionSpec: { kmsKeyName: cmek.kmsKeyName },
          ...(r.networking === GcpEndpointNetworking.VpcPeering ? { network: args.network } : {}),
          ...access,
          ...(logging
            ? {
                predictRequestResponseLoggingConfig: {
                  enabled: true,
                  samplingRate: logging.samplingRate ?? 1,
                  bigqueryDestination: { outputUri: logging.bigqueryTableUri },
                },
              }
            : {}),
          ...prevent,
        },
        { parent: this, dependsOn: cmek.bindings, deleteBeforeReplace: true },
      );
      this.endpointId = endpoint.name;
      this.kmsKeyName = cmek.kmsKeyName;
      if (r.mode === "sharedPool" && r.capacity) {
        const pool = new gcp.vertex.AiDeploymentResourcePool(
          `${name}-pool`,
          {
            name: r.poolName,
            region: args.location,
            project: args.project,
            dedicatedResources: r.capacity,
            ...prevent,
          },
          { parent: this },
        );
        this.deploymentResourcePoolId = pool.id;
      }
    }
    this.spot = pulumi.output(r.spot);
    this.networking = pulumi.output(r.networking);
    this.labels = pulumi.output(labels);
    this.registerOutputs({
      endpointId: this.endpointId,
      deployedModelId: this.deployedModelId,
      deploymentResourcePoolId: this.deploymentResourcePoolId,
      kmsKeyName: this.kmsKeyName,
      spot: this.spot,
      networking: this.networking,
      labels: this.labels,
    });
  }
}

/** Emits the advisory warnings: public sensitive endpoints, Model Garden without CMEK, unknown prices. */
function warnAdvisories(
  resource: pulumi.Resource,
  { meta, r, pricing }: EndpointPlan,
  args: GcpInferenceEndpointArgs,
): void {
  if (
    isSensitiveClassification(meta.dataClassification) &&
    r.networking === GcpEndpointNetworking.Public
  ) {
    pulumi.log.warn(
      `\`${meta.dataClassification}\` data on a public endpoint: set networking \`privateServiceConnect\` or \`vpcPeering\` (aigov-network-isolation)`,
      resource,
    );
  }
  if (r.mode === "modelGarden" && isSensitiveClassification(meta.dataClassification)) {
    pulumi.log.warn(
      "Model Garden deployments cannot use a customer-managed key; use a plain or pooled endpoint for CMEK (aigov-encryption-at-rest)",
      resource,
    );
  }
  const input = estimateInput(r);
  if (input) {
    const estimate = estimateCost(input, pricing);
    if (!estimate.known) {
      pulumi.log.warn(
        `cannot price machine type \`${args.machineType}\`: ${estimate.reason}`,
        resource,
      );
    }
  }
}

/**
 * The Private Service Connect and dedicated-endpoint settings, which a plain endpoint and a Model
 * Garden deployment's endpoint take alike.
 */
function endpointAccess(
  parent: pulumi.Resource,
  args: GcpInferenceEndpointArgs,
  r: ResolvedEndpoint,
): {
  privateServiceConnectConfig?: {
    enablePrivateServiceConnect: boolean;
    projectAllowlists: pulumi.Input<string>[];
  };
  dedicatedEndpointEnabled?: boolean;
} {
  return {
    ...(r.networking === GcpEndpointNetworking.PrivateServiceConnect
      ? {
          privateServiceConnectConfig: {
            enablePrivateServiceConnect: true,
            projectAllowlists: pscAllowlist(parent, args),
          },
        }
      : {}),
    ...(args.dedicatedEndpoint !== undefined
      ? { dedicatedEndpointEnabled: args.dedicatedEndpoint }
      : {}),
  };
}

/** Projects allowed through Private Service Connect: the arg, else the endpoint's project. */
function pscAllowlist(
  parent: pulumi.Resource,
  args: GcpInferenceEndpointArgs,
): pulumi.Input<string>[] {
  if (args.pscProjectAllowlist !== undefined) return args.pscProjectAllowlist;
  if (args.project !== undefined) return [args.project];
  const project = gcp.organizations.getProjectOutput({}, { parent });
  return [project.apply((p) => p.projectId ?? "")];
}
