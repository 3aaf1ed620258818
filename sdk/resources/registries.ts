/**
 * Model registries (governance contract §3, `aigov-orphaned-endpoint`): the resources a serving
 * resource's `model-registry` may name, and the id each is known by.
 */
import { gcpLabelValue } from "../encodings/gcp";
import { TYPES } from "./types";
import { Maybe, asString, at } from "./unknown";

/** Types that are model registries when they are governed AI resources with an `asset-id`. */
export const REGISTRY_TYPES: readonly string[] = [
  TYPES.sagemakerModelPackageGroup,
  TYPES.s3Bucket,
  TYPES.s3BucketV2,
  TYPES.ecrRepository,
  TYPES.gcsBucket,
  TYPES.artifactRegistryRepository,
];

/** True for the types that can be model registries (a Vertex AI metadata store always is). */
export function isRegistryType(type: string): boolean {
  return type === TYPES.vertexMetadataStore || REGISTRY_TYPES.includes(type);
}

/**
 * The id a registry resource is known by, in GCP label form so that AWS, GCP and Kubernetes
 * values compare: a governed registry's `asset-id` (pass `undefined` for resources that are not
 * governed), a Vertex AI metadata store's `name` (it cannot carry labels). `undefined` for other
 * resources.
 */
export function registryIdOf(
  type: string,
  name: string,
  props: unknown,
  governedAssetId: Maybe<string>,
): string | undefined {
  if (type === TYPES.vertexMetadataStore) {
    const storeName = asString(at(props, "name"));
    return gcpLabelValue(typeof storeName === "string" ? storeName : name);
  }
  if (REGISTRY_TYPES.includes(type) && typeof governedAssetId === "string") {
    return gcpLabelValue(governedAssetId);
  }
  return undefined;
}
