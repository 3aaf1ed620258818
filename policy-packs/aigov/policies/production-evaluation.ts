import { z } from "zod";
import { isDeployableModelResource, isTaggable, keyState, listValueIncludes } from "aigov/sdk";
import { fields } from "../lib/config";
import { keyName, setTo } from "../lib/messages";
import { knownValue, resourcePolicy } from "../lib/policy";

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
    const meta = s.meta;
    if (!meta || !isTaggable(s.type) || !isDeployableModelResource(s.type, s.props)) return;
    if (knownValue(meta, "stage", check) !== "production") return;
    const where = (key: "eval-status" | "eval-benchmarks") => setTo(meta, key, !!meta.template);
    if (keyState(meta, "eval-status") === "absent") {
      check.report(
        `${s.what} serves \`production\` without an evaluation: ${keyName(meta, "eval-status")} is missing; ${where("eval-status")}.`,
      );
    } else {
      const status = knownValue(meta, "eval-status", check);
      if (status !== undefined && status !== "passed") {
        check.report(
          `${s.what} serves \`production\` but ${keyName(meta, "eval-status")} is \`${status}\`: only models whose evaluation passed may serve production; after a passing evaluation, ${where("eval-status")}.`,
        );
      }
    }
    if (cfg.requiredBenchmarks.length === 0) return;
    const absent = keyState(meta, "eval-benchmarks") === "absent";
    const benchmarks = absent ? "" : knownValue(meta, "eval-benchmarks", check);
    if (benchmarks === undefined) return;
    const missing = cfg.requiredBenchmarks.filter(
      (b) => !listValueIncludes(benchmarks, b, meta.encoding),
    );
    if (missing.length > 0) {
      const names = missing.map((b) => `\`${b}\``).join(", ");
      check.report(
        `${s.what} serves \`production\` but ${keyName(meta, "eval-benchmarks")} lacks the required benchmark(s) ${names}: ${where("eval-benchmarks")}, including every benchmark in \`requiredBenchmarks\`.`,
      );
    }
  },
});
