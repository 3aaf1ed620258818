/**
 * AI-resource classification and metadata reading (docs/contract.md §2): which resources are
 * AI, serving, deployable and model resources, their governance metadata as the clouds encode it,
 * the capacity they declare and what budgets cover. Used by the policy pack and the CLI.
 */
export * from "./unknown";
export * from "./types";
export * from "./metadata";
export * from "./classify";
export * from "./capacity";
export * from "./budgets";
export * from "./graph";
export * from "./relations";
export * from "./registries";
