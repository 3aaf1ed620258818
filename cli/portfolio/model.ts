/** What `aigov portfolio` reports (governance contract v2 §6). */
import type { Cloud, LineageKey, MetadataKey, MonthlyUsd } from "../../sdk";
import type { PolicyPackSummary, Violation } from "../model";

/** The cross-stack finding ids (public API, contract v2 §6). */
export const FINDING_IDS = [
  "unowned",
  "orphaned-endpoint",
  "redundant-fine-tune",
  "past-sunset",
  "retired-still-serving",
  "production-without-card",
  "production-without-evaluation",
  "unbudgeted-team",
  "duplicate-asset-id",
  "denied-license",
] as const;
/** A cross-stack finding id. */
export type FindingId = (typeof FINDING_IDS)[number];

export type Severity = "high" | "medium" | "low";

/** How much each finding matters to a governance review. */
export const FINDING_SEVERITY: Readonly<Record<FindingId, Severity>> = {
  unowned: "high",
  "orphaned-endpoint": "medium",
  "redundant-fine-tune": "low",
  "past-sunset": "high",
  "retired-still-serving": "high",
  "production-without-card": "high",
  "production-without-evaluation": "high",
  "unbudgeted-team": "medium",
  "duplicate-asset-id": "medium",
  "denied-license": "high",
};

/** What each finding means, for reports. */
export const FINDING_TITLES: Readonly<Record<FindingId, string>> = {
  unowned: "AI resources without owner or team",
  "orphaned-endpoint": "Serving resources whose model registry is in no stack",
  "redundant-fine-tune": "Fine-tunes of the same base model on the same data",
  "past-sunset": "Assets past their sunset date",
  "retired-still-serving": "Retired assets that still serve",
  "production-without-card": "Production models without a model card",
  "production-without-evaluation": "Production models without a passed evaluation",
  "unbudgeted-team": "Teams that no budget covers",
  "duplicate-asset-id": "Asset ids used by different teams or owners",
  "denied-license": "Training data under a denied license",
};

/** One cross-stack finding. */
export interface Finding {
  readonly id: FindingId;
  readonly severity: Severity;
  /** The asset concerned, or `null` (a team finding, a resource without `asset-id`). */
  readonly assetId: string | null;
  /** `project/stack`, or `null` when the finding spans stacks. */
  readonly stack: string | null;
  /** The (first) resource concerned, or `null`. */
  readonly urn: string | null;
  readonly message: string;
  /** The team concerned, for rollups and filters (not part of the JSON report). */
  readonly team: string | null;
}

/** A kind of asset, from the strongest class among its resources. */
export type AssetKind =
  "endpoint" | "adapter" | "model" | "registry" | "rag-index" | "dataset" | "notebook" | "other";

/** One governed AI resource as the portfolio reads it. */
export interface AiResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** `project/stack`. */
  readonly stack: string;
  readonly cloud: Cloud;
  /** True when values are GCP label values. */
  readonly gcp: boolean;
  /** Known metadata values as written on the resource. */
  readonly values: Partial<Record<MetadataKey, string>>;
  /** Known lineage values (contract v2). */
  readonly lineage: Partial<Record<LineageKey, string>>;
  readonly serving: boolean;
  readonly deployable: boolean;
  readonly model: boolean;
  readonly kind: AssetKind;
  /** The registry id it is known by (GCP label form), for registries. */
  readonly registryId?: string;
  /** aigov violations at this resource. */
  readonly violations: number;
}

/** One stack: the pack's verdict and what it holds. */
export interface StackEntry {
  readonly project: string;
  readonly stack: string;
  readonly file: string;
  readonly resources: number;
  readonly aiResources: number;
  readonly mandatory: number;
  readonly advisory: number;
}

/** One asset of the inventory: every resource with the same `asset-id`, across stacks. */
export interface Asset {
  readonly assetId: string | null;
  readonly kind: AssetKind;
  readonly clouds: readonly Cloud[];
  readonly stacks: readonly string[];
  readonly team: string | null;
  readonly owner: string | null;
  readonly costCenter: string | null;
  readonly stage: string | null;
  readonly dataClassification: string | null;
  readonly riskTier: string | null;
  readonly trainingDataLicense: string | null;
  readonly baseModel: string | null;
  readonly sourceDatasets: string | null;
  readonly sunsetDate: string | null;
  readonly monthlyUsd: MonthlyUsd;
  /** URNs of the asset's resources. */
  readonly resources: readonly string[];
  /** Ids of the findings about this asset. */
  readonly findings: readonly FindingId[];
}

/** Counts and cost of one rollup group. */
export interface RollupEntry {
  readonly assets: number;
  readonly resources: number;
  readonly monthlyUsd: MonthlyUsd;
  readonly findings: number;
}

export interface Rollups {
  readonly byTeam: Readonly<Record<string, RollupEntry>>;
  readonly byCostCenter: Readonly<Record<string, RollupEntry>>;
  readonly byStage: Readonly<Record<string, RollupEntry>>;
  readonly byCloud: Readonly<Record<string, RollupEntry>>;
  readonly byRiskTier: Readonly<Record<string, RollupEntry>>;
}

/** Governance coverage of one team (or of all teams). */
export interface CoverageEntry {
  /** Governed AI resources. */
  readonly aiResources: number;
  /** …of which the aigov pack reports no violation at. */
  readonly fullyGoverned: number;
  /** Model resources (contract §2). */
  readonly modelResources: number;
  /** …of which carry `model-card`. */
  readonly withCard: number;
  /** …of which carry `eval-status=passed`. */
  readonly withEvaluation: number;
  /** …of which carry a `training-data-license` with no denied id. */
  readonly withLicense: number;
  /** AI resources whose team or cost center a budget covers. */
  readonly budgeted: number;
}

export interface Coverage {
  readonly all: CoverageEntry;
  readonly byTeam: Readonly<Record<string, CoverageEntry>>;
}

/** Everything `aigov portfolio` reports. */
export interface PortfolioResult {
  readonly asOf: string;
  readonly stacks: readonly StackEntry[];
  readonly assets: readonly Asset[];
  readonly findings: readonly Finding[];
  readonly violations: readonly Violation[];
  readonly rollups: Rollups;
  readonly coverage: Coverage;
  readonly policyPacks: readonly PolicyPackSummary[];
  /** Files skipped with `--keep-going`, with the reason. */
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
}
