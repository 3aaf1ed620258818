import { z } from "zod";
import { K8S_LABEL_KEYS, asString, at, isGovernedResource, k8sKey, k8sLabelValue } from "aigov/sdk";
import { fields } from "../lib/config";
import { checkMetadataRules } from "../lib/metadata-rules";
import { resourcePolicy } from "../lib/policy";

const config = z.object({
  costCenterPattern: fields.costCenterPattern,
  extraResourceTypes: fields.extraResourceTypes,
});

/** Kubernetes label maps that must agree with the annotations, by property path. */
const LABEL_MAPS = [
  ["metadata", "labels"],
  ["spec", "template", "metadata", "labels"],
];

/** `aigov-metadata-values`: every aigov key present has a valid value. */
export const metadataValues = resourcePolicy({
  name: "aigov-metadata-values",
  description:
    "Every governance key that an AI resource carries must have a valid value: e-mail addresses, https URLs, dates and the enumerated stages, classifications, risk tiers and evaluation outcomes of the governance contract. GCP labels are checked in their encoded form.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Correct the value in the component's `metadata` args or in `aigov:defaults`; on raw resources fix the aigov tag, label or annotation that the message names. Cost centers must match the `costCenterPattern` of this policy.",
  config,
  validate(s, cfg, check) {
    checkMetadataRules("aigov-metadata-values", s, cfg, check);
    const meta = s.meta;
    if (meta?.cloud !== "kubernetes" || !isGovernedResource(s.type, s.props, cfg)) return;
    for (const key of K8S_LABEL_KEYS) {
      const annotation = asString(at(s.props, "metadata", "annotations", k8sKey(key)));
      if (typeof annotation !== "string") continue;
      for (const path of LABEL_MAPS) {
        const label = asString(at(s.props, ...path, k8sKey(key)));
        if (typeof label === "string" && label !== k8sLabelValue(annotation)) {
          check.report(
            `${s.what} has the label \`aigov.dev/${key}\` = \`${label}\` in \`${path.join(".")}\` but the annotation says \`${annotation}\`: set both to the same value.`,
          );
        }
      }
    }
  },
});
