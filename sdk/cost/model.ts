import type { PricingService, Usage } from "../pricing";
import type { Cloud } from "../resources";

/** A monthly cost range in USD: every serving resource at its minimum, and at its maximum. */
export interface MonthlyUsd {
  readonly min: number;
  readonly max: number;
}

/** The rollup key that stands for "no value": spend that no team (cost center, asset) carries. */
export const UNALLOCATED = "__unallocated__";

/** Who a block of capacity is attributed to (known values only, canonical spelling). */
export interface Attribution {
  readonly team?: string;
  readonly costCenter?: string;
  readonly assetId?: string;
  readonly stage?: string;
}

/** Where a block of capacity comes from. */
interface CapacityOrigin extends Attribution {
  /** URN of the serving resource (the SageMaker Endpoint, the Vertex pool, the Deployment). */
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** The block within the resource: `variant main`, `dedicatedResources`, `pods`. */
  readonly part: string;
  readonly cloud: Cloud;
}

/** A block of capacity priced per instance-hour (or per node-hour). */
export interface PricedCapacity extends CapacityOrigin {
  readonly service: PricingService;
  readonly instanceType: string;
  /** Accelerators attached per replica (Vertex machine specs). */
  readonly accelerators?: { readonly type: string; readonly count: number };
  readonly replicas: { readonly min: number; readonly max: number };
  /** What the replica range comes from (`initialInstanceCount`, `autoscaling target x`, …). */
  readonly replicasFrom: string;
  readonly spot: boolean;
  /** Kubernetes: the share of a node each replica is charged (its GPUs over the node's). */
  readonly nodeShare?: { readonly fraction: number; readonly basis: string };
  /** USD per replica-hour, after spot discount and node share. */
  readonly usdPerReplicaHour: number;
  readonly monthlyUsd: MonthlyUsd;
  /** `override` when an `aigov:pricing` price was used for any part. */
  readonly priceSource: "catalog" | "override";
}

/** Why a block of capacity has no estimate; it is never counted as zero silently. */
export type UnpricedCode =
  | "usage-based"
  | "unknown-instance-type"
  | "no-instance-type"
  | "not-known"
  | "no-capacity"
  | "invalid-capacity"
  | "unsupported";

/** A serving resource (or part) that could not be priced, with the reason. */
export interface UnpricedCapacity extends CapacityOrigin {
  readonly instanceType?: string;
  readonly code: UnpricedCode;
  readonly reason: string;
}

/** Budget scope values by key, in the spelling of the budget. */
export interface BudgetScopeValues {
  readonly team?: readonly string[];
  readonly costCenter?: readonly string[];
  readonly assetId?: readonly string[];
}

export type BudgetStatus = "within" | "at-risk" | "over" | "unknown";

/** One budget compared with the estimate of the serving resources in its scope. */
export interface BudgetEstimate {
  readonly name: string;
  /** `stack`: a budget resource of the stack; `aigov:budgets`: the stack config only. */
  readonly source: "stack" | "aigov:budgets";
  /** The budget resource, for `stack` budgets. */
  readonly urn?: string;
  /** The cloud whose bill a `stack` budget watches; config budgets cover every cloud. */
  readonly cloud?: "aws" | "gcp";
  /** True when an `aigov:budgets` entry of the same name is this budget's configuration. */
  readonly inStackConfig: boolean;
  /** What the budget filters on; `null` when its filter is not known yet. */
  readonly scope: BudgetScopeValues | null;
  /** Monthly limit in USD; `null` when unknown or not a fixed USD amount. */
  readonly monthlyLimitUsd: number | null;
  readonly estimatedMonthlyUsd: MonthlyUsd;
  /** The limit minus the estimate: `min` at maximum capacity, `max` at minimum capacity. */
  readonly headroomUsd: MonthlyUsd | null;
  /** `over`: even the minimum exceeds the limit; `at-risk`: the maximum does. */
  readonly status: BudgetStatus;
  /** URNs of the priced serving resources in scope. */
  readonly resources: readonly string[];
  /** How many blocks in scope could not be priced (the estimate is a lower bound then). */
  readonly unpriced: number;
}

/** The price basis of an estimate. */
export interface PricingBasis {
  readonly hoursPerMonth: number;
  readonly catalogCapturedAt: string;
  readonly regions: { readonly aws: string; readonly gcp: string };
  /** The `aigov:pricing` overrides in effect (USD/hour). */
  readonly overrides: Readonly<Record<string, number>>;
  /**
   * The `aigov:usage` in effect (expected tokens a month by asset). No token prices yet: it is
   * reported as given, and usage-priced resources are listed as not priced.
   */
  readonly usage: Usage;
}

/** Everything `aigov cost` reports. */
export interface CostAnalysis {
  readonly monthlyUsd: MonthlyUsd;
  readonly byTeam: Readonly<Record<string, MonthlyUsd>>;
  readonly byCostCenter: Readonly<Record<string, MonthlyUsd>>;
  readonly byAsset: Readonly<Record<string, MonthlyUsd>>;
  readonly budgets: readonly BudgetEstimate[];
  readonly resources: readonly PricedCapacity[];
  readonly unpriced: readonly UnpricedCapacity[];
  readonly pricing: PricingBasis;
}
