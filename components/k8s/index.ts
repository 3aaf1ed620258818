export * from "./enums";
export * from "./inferenceService";
