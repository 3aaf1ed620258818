import * as pulumi from "@pulumi/pulumi";
import { K8sInferenceService, K8sTeamNamespace, type Stage } from "aigov";
import { STAGES } from "aigov/sdk";
import { awsBudgets, awsProvider, awsRegistry } from "./aws";
import type { ModelConfig, TemplateConfig } from "./config";
import { gcpBudgets, gcpProvider, gcpRegistry } from "./gcp";
import { endpointMetadata } from "./metadata";

/**
 * Kubernetes: a governed namespace per team and a model server per model with an endpoint, on the
 * cluster of the current kubeconfig (or `kubernetes:*` config). The registries (artifacts and
 * archival) and the budgets live on the cluster's cloud (`hostCloud`: from the platform, `aws` for
 * Karpenter and EKS, `gcp` for GKE; `none` for AKS, whose budgets must then be declared to the
 * policy pack as `budgetedTeams`).
 */
export function buildK8s(cfg: TemplateConfig) {
  const teamOf = (m: ModelConfig) => m.team ?? cfg.aigov.defaults.team;
  const aws = cfg.host === "aws" ? awsProvider(cfg) : undefined;
  const gcp = cfg.host === "gcp" ? gcpProvider(cfg) : undefined;

  // One namespace per team, at the most advanced stage of the team's models.
  const teams = [...new Set(cfg.models.map(teamOf))];
  const namespaces = new Map<string | undefined, K8sTeamNamespace>();
  for (const team of teams) {
    const stages = cfg.models.filter((m) => teamOf(m) === team).map((m) => m.stage);
    const active = stages.filter((s) => s !== "retired" && s !== "deprecated");
    const stage = (active.length > 0 ? active : stages).reduce((a, b) =>
      STAGES.indexOf(b) > STAGES.indexOf(a) ? b : a,
    );
    const name = team ?? "ai-serving";
    namespaces.set(
      team,
      new K8sTeamNamespace(name, {
        metadata: { assetId: `${name}-serving`, team, stage: stage as Stage },
        namespaceName: name,
      }),
    );
  }

  const models = cfg.models.map((m) => {
    let registry: pulumi.Output<string> | undefined;
    if (aws) registry = awsRegistry(m, aws).registry.bucketName;
    if (gcp) registry = gcpRegistry(m, cfg, gcp).bucketUrl;
    const e = m.endpoint;
    const server = e
      ? new K8sInferenceService(`${m.assetId}-server`, {
          namespace: namespaces.get(teamOf(m))!.namespaceName,
          metadata: endpointMetadata(m),
          image: e.image!,
          resources: e.gpus ? { gpus: e.gpus } : undefined,
          platform: cfg.platform,
          minReplicas: e.minReplicas,
          maxReplicas: e.maxReplicas,
        })
      : undefined;
    return { assetId: m.assetId, artifactStore: registry, serverUrl: server?.url };
  });

  const budgets = aws
    ? awsBudgets(cfg, aws).budgetNames
    : gcp
      ? gcpBudgets(cfg, gcp).budgetIds
      : undefined;
  return { models, budgets };
}
