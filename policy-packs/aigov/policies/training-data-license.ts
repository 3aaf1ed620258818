import { z } from "zod";
import {
  isModelResource,
  isTaggable,
  keyState,
  listValueIncludes,
  listValueItems,
  listValueOnlyFrom,
} from "aigov/sdk";
import { fields } from "../lib/config";
import { keyName, setTo } from "../lib/messages";
import { knownValue, resourcePolicy } from "../lib/policy";

const config = z.object({
  deniedLicenses: fields.deniedLicenses,
  allowedLicenses: fields.allowedLicenses,
});

const quote = (ids: readonly string[]) => ids.map((i) => `\`${i}\``).join(", ");

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
    const meta = s.meta;
    if (!meta || !isTaggable(s.type) || !isModelResource(s.type, s.props)) return;
    const key = "training-data-license";
    if (keyState(meta, key) === "absent") {
      check.report(
        `${s.what} does not declare its training-data licenses: ${keyName(meta, key)} is missing; ${setTo(meta, key, !!meta.template)}.`,
      );
      return;
    }
    const value = knownValue(meta, key, check);
    if (value === undefined) return;
    const denied = cfg.deniedLicenses.filter((id) => listValueIncludes(value, id, meta.encoding));
    if (denied.length > 0) {
      check.report(
        `${s.what} has ${keyName(meta, key)} = \`${value}\`, which includes the denied license(s) ${quote(denied)} (\`deniedLicenses\`): use training data whose license is known and allowed, then update the key.`,
      );
    }
    const allowed = cfg.allowedLicenses;
    if (allowed && !listValueOnlyFrom(value, allowed, meta.encoding)) {
      const outside = listValueItems(value, meta.encoding)?.filter((id) => !allowed.includes(id));
      const which = outside ? ` (${quote(outside)})` : "";
      check.report(
        `${s.what} has ${keyName(meta, key)} = \`${value}\` with licenses outside \`allowedLicenses\`${which}: only ${quote(allowed)} are allowed.`,
      );
    }
  },
});
