import {
  MetadataProblem,
  MetadataRuleConfig,
  MetadataRulePolicy,
  ResourceMetadata,
  SENSITIVE_CLASSIFICATIONS,
  isGovernedResource,
  judgeMetadata,
  ruleScope,
} from "aigov/sdk";
import { MAP_PROPERTY, VALUE_HINTS, keyName, keyPath, setTo, whereToSet } from "./messages";
import { Check, Subject } from "./policy";

const quote = (items: readonly string[]) => items.map((i) => `\`${i}\``).join(", ");

/** The violation message of one problem on the resource `s`. */
function message(
  s: Subject,
  meta: ResourceMetadata,
  p: MetadataProblem,
  config: MetadataRuleConfig,
): string {
  const { key, value } = p;
  const name = keyName(meta, key);
  const set = setTo(meta, key, !!meta.template);
  switch (`${p.policy} ${p.code}`) {
    case "aigov-required-metadata missing":
      return `${s.what} is missing ${name}: ${set}.`;
    case "aigov-required-metadata template-label-missing":
      return `${s.what} pod template is missing the label \`aigov.dev/${key}\`: set it in \`spec.template.metadata.labels\` to ${VALUE_HINTS[key]}, so that cost tools can attribute pod spend.`;
    case "aigov-production-model-card missing":
      return `${s.what} serves \`production\` without a model card: ${name} is missing; ${set}.`;
    case "aigov-production-evaluation missing":
      return `${s.what} serves \`production\` without an evaluation: ${name} is missing; ${set}.`;
    case "aigov-production-evaluation not-passed":
      return `${s.what} serves \`production\` but ${name} is \`${value}\`: only models whose evaluation passed may serve production; after a passing evaluation, ${set}.`;
    case "aigov-production-evaluation missing-benchmarks":
      return `${s.what} serves \`production\` but ${name} lacks the required benchmark(s) ${quote(p.items ?? [])}: ${set}, including every benchmark in \`requiredBenchmarks\`.`;
    case "aigov-training-data-license missing":
      return `${s.what} does not declare its training-data licenses: ${name} is missing; ${set}.`;
    case "aigov-training-data-license denied-license":
      return `${s.what} has ${name} = \`${value}\`, which includes the denied license(s) ${quote(p.items ?? [])} (\`deniedLicenses\`): use training data whose license is known and allowed, then update the key.`;
    case "aigov-training-data-license license-not-allowed": {
      const which = p.items ? ` (${quote(p.items)})` : "";
      return `${s.what} has ${name} = \`${value}\` with licenses outside \`allowedLicenses\`${which}: only ${quote(config.allowedLicenses ?? [])} are allowed.`;
    }
    case "aigov-pii-safeguards not-sensitive": {
      const is = value === undefined ? "is missing" : `is \`${value}\``;
      const to = SENSITIVE_CLASSIFICATIONS.map((c) => `\`${c}\``).join(" or ");
      return `${s.what} contains personal data (\`contains-pii=true\`) but ${name} ${is}: ${whereToSet(meta, key, !!meta.template)} to ${to}.`;
    }
    case "aigov-lifecycle-state retired-serving":
      return `${s.what} serves a \`retired\` asset: retired assets must not have serving resources; remove this resource (or move the asset back only if it was retired by mistake).`;
    case "aigov-lifecycle-state missing":
      return `${s.what} is \`deprecated\` but has no sunset date: ${name} is missing; ${set}.`;
    case "aigov-lifecycle-state invalid":
      return `${s.what} is \`deprecated\` but ${name} = \`${value}\` is not a valid date: ${set}.`;
    case "aigov-lifecycle-state sunset-passed":
      return `${s.what} passed its sunset date ${value} but is still \`${p.stage}\`: retire the asset (set the stage to \`retired\` and remove its serving resources) or move ${name} to a future day.`;
    case "aigov-metadata-values invalid":
      return `${s.what} has an invalid value \`${value}\` for ${name}: ${p.expected}; ${set}.`;
    default:
      throw new Error(`no message for ${p.policy} ${p.code}`);
  }
}

/**
 * Runs the rules of one metadata policy (sdk `judgeMetadata`) on a governed AI resource and
 * reports its problems and the values it needed but could not know.
 */
export function checkMetadataRules(
  policy: MetadataRulePolicy,
  s: Subject,
  config: MetadataRuleConfig & { extraResourceTypes?: readonly string[] },
  check: Check,
): void {
  const meta = s.meta;
  if (!meta || !isGovernedResource(s.type, s.props, config)) return;
  const judgement = judgeMetadata(meta, ruleScope(s.type, s.props), {
    ...config,
    policies: [policy],
  });
  for (const u of judgement.unknown) {
    if (u.where === "map") check.unknown(MAP_PROPERTY[meta.cloud]);
    else if (u.where === "template") check.unknown("spec.template.metadata.labels");
    else check.unknown(keyPath(meta, u.key));
  }
  for (const p of judgement.problems) check.report(message(s, meta, p, config));
}
