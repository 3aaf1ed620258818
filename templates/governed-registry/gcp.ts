import * as gcp from "@pulumi/gcp";
import { GcpBudgetAlarm, GcpInferenceEndpoint, GcpModelRegistry } from "aigov";
import { isProtectedStage } from "aigov/sdk";
import type { ModelConfig, TemplateConfig } from "./config";
import { endpointMetadata, registryMetadata } from "./metadata";

/** The provider of every GCP resource of the template, in the configured project and region. */
export function gcpProvider(cfg: TemplateConfig): gcp.Provider {
  return new gcp.Provider("gcp", { region: cfg.region, project: cfg.gcpProject });
}

/** A governed registry per model: CMEK artifact bucket with archival, Artifact Registry, lineage. */
export function gcpRegistry(
  m: ModelConfig,
  cfg: TemplateConfig,
  provider: gcp.Provider,
): GcpModelRegistry {
  return new GcpModelRegistry(
    `${m.assetId}-registry`,
    { metadata: registryMetadata(m), location: cfg.region!, project: cfg.gcpProject },
    { providers: [provider] },
  );
}

/**
 * The endpoint of a model: a Model Garden deployment (`endpoint.modelGarden`), a shared pool of
 * dedicated machines (`endpoint.instanceType`), or a plain endpoint that the pipeline deploys to.
 */
export function gcpEndpoint(
  m: ModelConfig,
  cfg: TemplateConfig,
  provider: gcp.Provider,
): GcpInferenceEndpoint {
  const e = m.endpoint!;
  const dedicated = e.modelGarden !== undefined || e.instanceType !== undefined;
  return new GcpInferenceEndpoint(
    `${m.assetId}-endpoint`,
    {
      metadata: endpointMetadata(m),
      location: cfg.region!,
      project: cfg.gcpProject,
      modelGarden: e.modelGarden
        ? { publisherModelName: e.modelGarden, acceptEula: true }
        : undefined,
      sharedPool: e.modelGarden === undefined && e.instanceType !== undefined ? true : undefined,
      machineType: e.instanceType,
      acceleratorType: e.acceleratorType,
      acceleratorCount: e.acceleratorType ? e.gpus : undefined,
      minReplicas: dedicated ? e.minReplicas : undefined,
      maxReplicas: dedicated ? e.maxReplicas : undefined,
      deletionProtection: isProtectedStage(m.stage),
    },
    { providers: [provider] },
  );
}

/** The budgets of `aigov:budgets` as Cloud Billing budgets on the aigov labels. */
export function gcpBudgets(cfg: TemplateConfig, provider: gcp.Provider): GcpBudgetAlarm {
  return new GcpBudgetAlarm(
    "budgets",
    { billingAccount: cfg.billingAccount!, project: cfg.gcpProject },
    { providers: [provider] },
  );
}

/** The whole GCP stack: a registry and an endpoint per model, and the budgets. */
export function buildGcp(cfg: TemplateConfig) {
  const provider = gcpProvider(cfg);
  const models = cfg.models.map((m) => {
    const registry = gcpRegistry(m, cfg, provider);
    const endpoint = m.endpoint ? gcpEndpoint(m, cfg, provider) : undefined;
    return {
      assetId: m.assetId,
      artifactBucket: registry.bucketUrl,
      imageRepository: registry.repositoryUrl,
      endpoint: endpoint?.endpointId,
    };
  });
  const budgets = gcpBudgets(cfg, provider);
  return { models, budgets: budgets.budgetIds };
}
