import { z } from "zod";
import { fields } from "../lib/config";
import { checkMetadataRules } from "../lib/metadata-rules";
import { resourcePolicy } from "../lib/policy";

const config = z.object({
  deniedLicenses: fields.deniedLicenses,
  allowedLicenses: fields.allowedLicenses,
});

/** `aigov-training-data-license`: model resources declare acceptable training-data licenses. */
export const trainingDataLicense = resourcePolicy({
  name: "aigov-training-data-license",
  description:
    "Model resources (deployable model resources, SageMaker model package groups and training jobs) must declare the licenses of their training data in `training-data-license`; no license may be in `deniedLicenses` (by default `unknown`), and when `allowedLicenses` is set every license must be in it.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Find out under which licenses the training data may be used and set `trainingDataLicense` to their lower-case SPDX ids (or `proprietary`) in the component's `metadata` args, or the `training-data-license` tag/label/annotation. Replace data whose license is denied or not allowed.",
  config,
  validate(s, cfg, check) {
    checkMetadataRules("aigov-training-data-license", s, cfg, check);
  },
});
