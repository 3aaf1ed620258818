import { TYPES, UNKNOWN, at, isSensitiveClassification, isTaggable } from "aigov/sdk";
import { noConfig } from "../lib/config";
import { Check, Subject, knownValue, resourcePolicy } from "../lib/policy";

/**
 * A property path and the test that makes the resource isolated. For `set` tests an unknown
 * value counts as set (it comes from another resource of the program, e.g. a VPC's id).
 */
type Way = [path: string[], isolates: (value: unknown) => boolean];

const set = (v: unknown) =>
  typeof v === "string" ? v !== "" : typeof v === "object" && v !== null;
const isTrue = (v: unknown) => v === true || v === "true";

/** True when one of `ways` isolates the resource; `undefined` when that depends on unknowns. */
function isolated(s: Subject, ways: Way[], check: Check): boolean | undefined {
  let unknownPath: string | undefined;
  for (const [path, isolates] of ways) {
    const value = at(s.props, ...path);
    if (value === UNKNOWN && isolates === set) return true;
    if (value === UNKNOWN) unknownPath ??= path.join(".");
    else if (isolates(value)) return true;
  }
  if (unknownPath === undefined) return false;
  check.unknown(unknownPath);
  return undefined;
}

const PRIVATE_VERTEX: Way[] = [
  [["network"], set],
  [["privateServiceConnectConfig", "enablePrivateServiceConnect"], isTrue],
];
const VERTEX_FIX =
  "set `network` (VPC peering) or `privateServiceConnectConfig.enablePrivateServiceConnect: true`";

const RULES: Record<string, { ways: Way[]; fix: string; checkov: string }> = {
  [TYPES.sagemakerModel]: {
    ways: [
      [["enableNetworkIsolation"], isTrue],
      [["vpcConfig"], set],
    ],
    fix: "set `enableNetworkIsolation: true` or give it a `vpcConfig`",
    checkov: "CKV_AWS_370",
  },
  [TYPES.vertexEndpoint]: { ways: PRIVATE_VERTEX, fix: VERTEX_FIX, checkov: "CKV2_GCP_33" },
  [TYPES.vertexIndexEndpoint]: { ways: PRIVATE_VERTEX, fix: VERTEX_FIX, checkov: "CKV2_GCP_34" },
};

/** `aigov-network-isolation`: confidential and restricted assets are not reachable publicly. */
export const networkIsolation = resourcePolicy({
  name: "aigov-network-isolation",
  description:
    "AI assets classified `confidential` or `restricted` must be network-isolated: SageMaker models with `enableNetworkIsolation=true` or a `vpcConfig` (CKV_AWS_370), and Vertex AI endpoints and index endpoints reachable only privately through `network` or Private Service Connect (CKV2_GCP_33, CKV2_GCP_34).",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Run the model in a VPC (SageMaker `vpcConfig`, with `enableNetworkIsolation` when the container needs no network) and expose Vertex AI endpoints through VPC peering or Private Service Connect; the aigov components do this by default for confidential and restricted data.",
  config: noConfig,
  validate(s, _cfg, check) {
    const rule = RULES[s.type];
    if (!rule || !s.meta || !isTaggable(s.type)) return;
    const classification = knownValue(s.meta, "data-classification", check);
    if (!isSensitiveClassification(classification)) return;
    if (isolated(s, rule.ways, check) === false) {
      check.report(
        `${s.what} handles \`${classification}\` data but is reachable without network isolation (${rule.checkov}): ${rule.fix}.`,
      );
    }
  },
});
