import { z } from "zod";
import { isCalendarDate, isGovernedResource, isServingResource, keyState } from "aigov/sdk";
import { fields } from "../lib/config";
import { keyName, setTo } from "../lib/messages";
import { knownValue, resourcePolicy } from "../lib/policy";

const config = z.object({ extraResourceTypes: fields.extraResourceTypes });

/** Today as `YYYY-MM-DD` (UTC). */
const today = () => new Date().toISOString().slice(0, 10);

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
    const meta = s.meta;
    if (!meta || !isGovernedResource(s.type, s.props, cfg)) return;
    const stage = knownValue(meta, "stage", check);
    if (stage === "retired" && isServingResource(s.type, s.props)) {
      check.report(
        `${s.what} serves a \`retired\` asset: retired assets must not have serving resources; remove this resource (or move the asset back only if it was retired by mistake).`,
      );
    }
    const key = "sunset-date";
    if (stage === "deprecated" && keyState(meta, key) === "absent") {
      check.report(
        `${s.what} is \`deprecated\` but has no sunset date: ${keyName(meta, key)} is missing; ${setTo(meta, key, !!meta.template)}.`,
      );
      return;
    }
    const sunset = knownValue(meta, key, check);
    if (sunset === undefined || stage === undefined || stage === "retired") return;
    if (!isCalendarDate(sunset)) {
      if (stage === "deprecated") {
        check.report(
          `${s.what} is \`deprecated\` but ${keyName(meta, key)} = \`${sunset}\` is not a valid date: ${setTo(meta, key, !!meta.template)}.`,
        );
      }
    } else if (sunset < today()) {
      check.report(
        `${s.what} passed its sunset date ${sunset} but is still \`${stage}\`: retire the asset (set the stage to \`retired\` and remove its serving resources) or move ${keyName(meta, key)} to a future day.`,
      );
    }
  },
});
