import { TYPES, UNKNOWN, asString, at, hasLocalInstanceStorage, readCapacity } from "aigov/sdk";
import { noConfig } from "../lib/config";
import { Check, Subject, resourcePolicy } from "../lib/policy";

/** The customer-managed key property of each covered type, with the matching Checkov check. */
const KEY_PROPERTY: Record<string, { path: string[]; checkov: string }> = {
  [TYPES.sagemakerEndpointConfiguration]: { path: ["kmsKeyArn"], checkov: "CKV_AWS_98" },
  [TYPES.sagemakerNotebookInstance]: { path: ["kmsKeyId"], checkov: "CKV_AWS_22" },
  [TYPES.vertexEndpoint]: { path: ["encryptionSpec", "kmsKeyName"], checkov: "CKV2_GCP_24" },
  [TYPES.vertexDataset]: { path: ["encryptionSpec", "kmsKeyName"], checkov: "CKV_GCP_92" },
  [TYPES.vertexMetadataStore]: { path: ["encryptionSpec", "kmsKeyName"], checkov: "CKV_GCP_96" },
  [TYPES.vertexIndex]: { path: ["encryptionSpec", "kmsKeyName"], checkov: "CKV2_GCP_24" },
};

/**
 * True when AWS rejects `kmsKeyArn` for this endpoint configuration because a variant runs on an
 * instance type with local NVMe storage (encrypted in hardware); `undefined` when not known yet.
 */
function usesLocalStorage(s: Subject, check: Check): boolean | undefined {
  const lines = readCapacity(s.type, s.props);
  if (lines === UNKNOWN || lines.some((l) => l.instanceType === UNKNOWN)) {
    check.unknown("productionVariants");
    return undefined;
  }
  return lines.some(
    (l) => typeof l.instanceType === "string" && hasLocalInstanceStorage(l.instanceType),
  );
}

/** `aigov-encryption-at-rest`: AI data at rest is encrypted with customer-managed keys. */
export const encryptionAtRest = resourcePolicy({
  name: "aigov-encryption-at-rest",
  description:
    "AI resources that store model or inference data must encrypt it with a customer-managed key: SageMaker endpoint configurations (`kmsKeyArn`, CKV_AWS_98) and notebook instances (`kmsKeyId`, CKV_AWS_22), and Vertex AI endpoints, datasets, metadata stores and indexes (`encryptionSpec.kmsKeyName`, CKV2_GCP_24, CKV_GCP_92, CKV_GCP_96). Endpoint configurations whose variants use instance types with local NVMe storage are exempt, because AWS encrypts that storage in hardware and rejects a key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Create a KMS key (AWS KMS or Cloud KMS) for the asset and pass its ARN or resource name in the property that the message names; the aigov components do this when given a key.",
  config: noConfig,
  validate(s, _cfg, check) {
    const spec = KEY_PROPERTY[s.type];
    if (!spec) return;
    // A key that is set but not known yet (a key created in the same program) counts as set.
    const key = asString(at(s.props, ...spec.path));
    if (key === UNKNOWN || key) return;
    const property = spec.path.join(".");
    if (s.type === TYPES.sagemakerEndpointConfiguration && usesLocalStorage(s, check) !== false)
      return;
    check.report(
      `${s.what} is not encrypted with a customer-managed key (${spec.checkov}): set \`${property}\` to a KMS key.`,
    );
  },
});
