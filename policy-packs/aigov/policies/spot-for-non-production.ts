import { UNKNOWN, isKubernetesAiWorkload, readCapacity } from "aigov/sdk";
import { noConfig } from "../lib/config";
import { knownValue, resourcePolicy } from "../lib/policy";

const NON_PRODUCTION = ["experimental", "staging"];

/** `aigov-spot-for-non-production`: experimental and staging capacity runs on spot. */
export const spotForNonProduction = resourcePolicy({
  name: "aigov-spot-for-non-production",
  description:
    "Kubernetes AI workloads in the `experimental` or `staging` stage should run on spot capacity, which costs a fraction of on-demand capacity. Vertex AI Model Garden deployments, which have the only Vertex `spot` switch, cannot carry labels, so their stage is not known to the pack and they are not checked.",
  enforcementLevel: "advisory",
  severity: "low",
  remediationSteps:
    "Select spot nodes in the pod template (`nodeSelector` or node affinity on `karpenter.sh/capacity-type=spot`, `cloud.google.com/gke-spot=true`, `eks.amazonaws.com/capacityType=SPOT` or `kubernetes.azure.com/scalesetpriority=spot`) and tolerate their taints; keep at least 2 replicas to ride out preemptions. For Model Garden deployments set `deployConfig.dedicatedResources.spot`.",
  config: noConfig,
  validate(s, _cfg, check) {
    const meta = s.meta;
    if (!meta || !isKubernetesAiWorkload(s.type, s.props)) return;
    const stage = knownValue(meta, "stage", check);
    if (stage === undefined || !NON_PRODUCTION.includes(stage)) return;
    const lines = readCapacity(s.type, s.props);
    if (lines === UNKNOWN) return check.unknown("spec");
    for (const line of lines) {
      if (line.spot === UNKNOWN) check.unknown("spec.template.spec.nodeSelector");
      if (line.spot !== false) continue;
      check.report(
        `${s.what} is \`${stage}\` but runs on on-demand capacity: select spot nodes in \`spec.template.spec.nodeSelector\` (or a node affinity), e.g. \`karpenter.sh/capacity-type: spot\`, \`cloud.google.com/gke-spot: "true"\`, \`eks.amazonaws.com/capacityType: SPOT\` or \`kubernetes.azure.com/scalesetpriority: spot\`.`,
      );
    }
  },
});
