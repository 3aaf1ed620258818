import { z } from "zod";
import { fields } from "../lib/config";
import { checkMetadataRules } from "../lib/metadata-rules";
import { resourcePolicy } from "../lib/policy";

const config = z.object({ requiredBenchmarks: fields.requiredBenchmarks });

/** `aigov-production-evaluation`: production models passed their evaluation and benchmarks. */
export const productionEvaluation = resourcePolicy({
  name: "aigov-production-evaluation",
  description:
    "Deployable model resources in the `production` stage must carry `eval-status=passed`, and their `eval-benchmarks` must contain every benchmark named in the `requiredBenchmarks` config (none by default).",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Run the promotion evaluation, then set `evalStatus` to `passed` and `evalBenchmarks` to the passed benchmarks in the component's `metadata` args (or the `eval-status`/`eval-benchmarks` tags, labels or annotations). Do not promote a model whose evaluation failed or is pending.",
  config,
  validate(s, cfg, check) {
    checkMetadataRules("aigov-production-evaluation", s, cfg, check);
  },
});
