import { z } from "zod";
import { TYPES, UNKNOWN, asBoolean, asObject, asString, at } from "aigov/sdk";
import { fields } from "../lib/config";
import { checkMetadataRules } from "../lib/metadata-rules";
import { knownValue, resourcePolicy } from "../lib/policy";

const config = z.object({ extraResourceTypes: fields.extraResourceTypes });

/** `aigov-pii-safeguards`: assets with personal data are classified and capture data encrypted. */
export const piiSafeguards = resourcePolicy({
  name: "aigov-pii-safeguards",
  description:
    "AI resources with `contains-pii=true` must be classified `confidential` or `restricted`, and SageMaker endpoint configurations of such assets that capture request or response data must encrypt the capture with a KMS key.",
  enforcementLevel: "mandatory",
  severity: "critical",
  remediationSteps:
    "Set `dataClassification` to `confidential` or `restricted` for assets that were trained on or see personal data, and set `dataCaptureConfig.kmsKeyId` on their SageMaker endpoint configurations (or turn data capture off).",
  config,
  validate(s, cfg, check) {
    checkMetadataRules("aigov-pii-safeguards", s, cfg, check);
    const meta = s.meta;
    if (!meta || s.type !== TYPES.sagemakerEndpointConfiguration) return;
    if (knownValue(meta, "contains-pii", check) !== "true") return;
    const capture = asObject(at(s.props, "dataCaptureConfig"));
    if (typeof capture !== "object") {
      if (capture !== undefined) check.unknown("dataCaptureConfig");
      return;
    }
    const enabled = asBoolean(capture.enableCapture);
    if (enabled !== true) {
      if (enabled === UNKNOWN) check.unknown("dataCaptureConfig.enableCapture");
      return;
    }
    // A key that is set but not known yet (created in the same program) counts as set.
    const kmsKeyId = asString(capture.kmsKeyId);
    if (kmsKeyId !== UNKNOWN && !kmsKeyId) {
      check.report(
        `${s.what} captures inference data of an asset that contains personal data without a customer-managed key: set \`dataCaptureConfig.kmsKeyId\` to a KMS key ARN (or set \`dataCaptureConfig.enableCapture\` to false).`,
      );
    }
  },
});
