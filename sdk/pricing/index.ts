/** Offline price catalog, spot factors and cost estimator for AI inference capacity. */
export * from "./catalog";
export * from "./spot";
export * from "./estimator";
export * from "./usage";
