/**
 * The cost estimate of a stack's serving resources, shared by `aigov cost`, the cost line of
 * `aigov check` and the `aigov-budget-headroom` policy.
 */
export * from "./model";
export { cents, analyzeCost, type CostConfig } from "./estimate";
export { ATTRIBUTION_KEYS, type AttributionKey } from "./capacity";
