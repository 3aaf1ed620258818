import { Secret } from "@pulumi/policy";
import { z } from "zod";
import {
  FIELD_OF_KEY,
  MetadataKey,
  Obj,
  PartialMetadata,
  encodeAwsTags,
  encodeGcpLabels,
  encodeK8sMetadata,
  isGovernedResource,
  keyState,
  metadataToStrings,
} from "aigov/sdk";
import { fields } from "../lib/config";
import { checkMetadataRules } from "../lib/metadata-rules";
import { Subject, resourcePolicy } from "../lib/policy";

const config = z.object({
  requiredKeys: fields.requiredKeys,
  extraResourceTypes: fields.extraResourceTypes,
  defaults: fields.defaults,
});

/** Copies `container[key]` (a map, possibly a `Secret`) with `additions` merged in. */
function withEntries(container: unknown, key: string, additions: Record<string, string>): Obj {
  const base = (typeof container === "object" && container !== null ? container : {}) as Obj;
  const current = base[key];
  const secret = current instanceof Secret;
  const map = (secret ? (current as Secret).value : current) ?? {};
  const merged = { ...(map as Obj), ...additions };
  return { ...base, [key]: secret ? new Secret(merged) : merged };
}

/** The `defaults` of `keys` only. */
function subset(defaults: PartialMetadata, keys: MetadataKey[]): PartialMetadata {
  return Object.fromEntries(keys.map((k) => [FIELD_OF_KEY[k], defaults[FIELD_OF_KEY[k]]]));
}

/** New props with the missing `defaults` written the way the resource's cloud encodes them. */
function remediate(s: Subject, cfg: z.output<typeof config>): Obj | undefined {
  const meta = s.meta;
  if (!meta || !isGovernedResource(s.type, s.props, cfg)) return undefined;
  const keys = Object.keys(metadataToStrings(cfg.defaults)) as MetadataKey[];
  const missing = subset(
    cfg.defaults,
    keys.filter((k) => keyState(meta, k) === "absent"),
  );
  const template = meta.template;
  const forTemplate = subset(
    cfg.defaults,
    template ? keys.filter((k) => keyState(template, k) === "absent") : [],
  );
  if (Object.keys(missing).length === 0 && Object.keys(forTemplate).length === 0) return undefined;
  const props = s.original ?? s.props;
  if (meta.cloud === "aws") return withEntries(props, "tags", encodeAwsTags(missing));
  if (meta.cloud === "gcp") return withEntries(props, "labels", encodeGcpLabels(missing));
  const { labels, annotations } = encodeK8sMetadata(missing);
  const metadata = withEntries(
    withEntries(props.metadata, "annotations", annotations),
    "labels",
    labels,
  );
  const out: Obj = { ...props, metadata };
  const templateLabels = encodeK8sMetadata(forTemplate).labels;
  if (template && Object.keys(templateLabels).length > 0) {
    const spec = (props.spec ?? {}) as Obj;
    const tpl = (spec.template ?? {}) as Obj;
    out.spec = {
      ...spec,
      template: { ...tpl, metadata: withEntries(tpl.metadata, "labels", templateLabels) },
    };
  }
  return out;
}

/** `aigov-required-metadata`: AI resources carry the required governance keys. */
export const requiredMetadata = resourcePolicy({
  name: "aigov-required-metadata",
  description:
    "AI resources must carry the required governance metadata (by default asset-id, owner, team, cost-center, stage and data-classification) as aigov tags, labels or annotations.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Set the missing keys in the component's `metadata` args or in the stack config `aigov:defaults`; on raw resources write AWS tags `aigov:<key>`, GCP labels `aigov-<key>` or Kubernetes annotations `aigov.dev/<key>` (label-safe keys also as labels on the workload and its pod template). At the `remediate` level the pack fills missing keys from its `defaults` config.",
  config,
  validate(s, cfg, check) {
    checkMetadataRules("aigov-required-metadata", s, cfg, check);
  },
  remediate,
});
