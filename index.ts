// The public surface of aigov: Pulumi components (consumable from every Pulumi language through
// PulumiPlugin.yaml) and their enums and argument types. The governance model lives in `aigov/sdk`.
export * from "./components/common/enums";
export * from "./components/common/metadata-args";
export * from "./components/aws";
export * from "./components/gcp";
export * from "./components/k8s";
export * from "./components/common/rule-scopes";
