export * from "./enums";
export * from "./archival-args";
export * from "./archivalPolicy";
export * from "./registry-args";
export * from "./modelRegistry";
export * from "./endpoint-args";
export * from "./inferenceEndpoint";
