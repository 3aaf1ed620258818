import { z } from "zod";
import {
  CapacityLine,
  UNKNOWN,
  capacityPath,
  estimateCost,
  estimateInputOf,
  formatUsd,
  isGovernedResource,
  readCapacity,
} from "aigov/sdk";
import { fields } from "../lib/config";
import { Check, knownValue, resourcePolicy } from "../lib/policy";

const config = z.object({
  allowedInstanceTypes: fields.allowedInstanceTypes,
  maxHourlyUsd: fields.maxHourlyUsd,
  pricing: fields.pricing,
});

type Config = z.output<typeof config>;

/** On-demand USD/hour of one instance of the line (with its accelerators), or why it is unknown. */
function hourly(line: CapacityLine, pricing: Config["pricing"]): number | string | undefined {
  const input = estimateInputOf(line);
  if (!input) return undefined;
  const estimate = estimateCost({ ...input, replicas: { min: 1, max: 1 } }, pricing);
  return estimate.known ? estimate.usdPerReplicaHour : estimate.reason;
}

function checkLine(what: string, stage: string, line: CapacityLine, cfg: Config, check: Check) {
  const where = capacityPath(line, line.instanceTypeProperty);
  const sku = line.instanceType;
  if (sku === UNKNOWN) return check.unknown(where);
  if (sku === undefined) return;
  const allowed = (cfg.allowedInstanceTypes as Record<string, string[]> | undefined)?.[stage];
  if (allowed && !allowed.includes(sku)) {
    const list = allowed.map((t) => `\`${t}\``).join(", ") || "none";
    check.report(
      `${what} uses \`${sku}\` in \`${where}\`, which is not allowed in \`${stage}\` (allowed: ${list}): pick an allowed type or extend \`allowedInstanceTypes.${stage}\`.`,
    );
  }
  const ceiling = (cfg.maxHourlyUsd as Record<string, number> | undefined)?.[stage];
  if (ceiling === undefined) return;
  const price = hourly(line, cfg.pricing);
  if (price === undefined) return;
  if (typeof price === "string") {
    check.report(
      `${what} uses \`${sku}\` in \`${where}\`, whose price is unknown so the \`${stage}\` ceiling of ${formatUsd(ceiling)}/hour cannot be checked: ${price}`,
    );
  } else if (price > ceiling) {
    check.report(
      `${what} uses \`${sku}\` in \`${where}\` at ${formatUsd(price)}/hour on demand, above the \`${stage}\` ceiling of ${formatUsd(ceiling)}/hour (\`maxHourlyUsd.${stage}\`): pick a smaller instance type.`,
    );
  }
}

/** `aigov-instance-allowlist`: instance types and their prices fit the stage. */
export const instanceAllowlist = resourcePolicy({
  name: "aigov-instance-allowlist",
  description:
    "When configured, AI resources may only use the instance and machine types allowed for their stage (`allowedInstanceTypes`), and one instance with its accelerators may not cost more per hour than the stage's ceiling (`maxHourlyUsd`) according to the project's price catalog and `pricing` overrides.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Choose an allowed, cheaper instance or machine type for the stage, or ask FinOps to extend `allowedInstanceTypes`/`maxHourlyUsd` in the policy pack config.",
  config,
  validate(s, cfg, check) {
    if (!cfg.allowedInstanceTypes && !cfg.maxHourlyUsd) return;
    const meta = s.meta;
    if (!meta || !isGovernedResource(s.type, s.props)) return;
    const stage = knownValue(meta, "stage", check);
    if (stage === undefined) return;
    const lines = readCapacity(s.type, s.props);
    if (lines === UNKNOWN) return check.unknown("spec");
    for (const line of lines) checkLine(s.what, stage, line, cfg, check);
  },
});
