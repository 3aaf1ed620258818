export * from "./enums";
export * from "./inference-service-args";
export * from "./inferenceService";
export * from "./teamNamespace";
