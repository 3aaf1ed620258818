export * from "./enums";
export * from "./modelRegistry";
export * from "./inferenceEndpoint";
export * from "./budgetAlarm";
