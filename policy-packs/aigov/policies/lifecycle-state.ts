import { z } from "zod";
import { fields } from "../lib/config";
import { checkMetadataRules } from "../lib/metadata-rules";
import { resourcePolicy } from "../lib/policy";

const config = z.object({ extraResourceTypes: fields.extraResourceTypes });

/** `aigov-lifecycle-state`: deprecation has a sunset date, and retired assets do not serve. */
export const lifecycleState = resourcePolicy({
  name: "aigov-lifecycle-state",
  description:
    "AI resources follow their lifecycle: a `deprecated` asset must carry a valid `sunset-date`, a sunset date in the past means the asset is overdue for retirement, and a `retired` asset must not have serving resources.",
  enforcementLevel: "mandatory",
  severity: "medium",
  remediationSteps:
    "Give deprecated assets a `sunsetDate` (YYYY-MM-DD); when the day comes, set the stage to `retired` and remove the asset's endpoints and workloads (the aigov components create no serving resources for retired assets), or move the sunset date if the plan changed.",
  config,
  validate(s, cfg, check) {
    checkMetadataRules("aigov-lifecycle-state", s, cfg, check);
  },
});
