export * from "./enums";
export * from "./inferenceServiceArgs";
export * from "./inferenceService";
export * from "./teamNamespace";
