import { UNKNOWN, capacityPath, isServingResource, isTaggable, readCapacity } from "aigov/sdk";
import { noConfig } from "../lib/config";
import { knownValue, resourcePolicy } from "../lib/policy";

/** Fewest replicas a production serving block may start with. */
const MIN_REPLICAS = 2;

/** `aigov-production-high-availability`: production serving capacity survives one failure. */
export const productionHighAvailability = resourcePolicy({
  name: "aigov-production-high-availability",
  description:
    "Serving resources in the `production` stage must run at least 2 replicas so that one failure does not take the model offline: SageMaker variant `initialInstanceCount` (AWS Security Hub SageMaker.4), Kubernetes `replicas`, KServe `minReplicas` and Vertex AI `minReplicaCount`. Serverless SageMaker variants are exempt.",
  enforcementLevel: "advisory",
  severity: "medium",
  remediationSteps:
    "Set the replica count that the message names to 2 or more (the aigov endpoint components default to 2 in production); spread the replicas across zones where the platform allows it.",
  config: noConfig,
  validate(s, _cfg, check) {
    const meta = s.meta;
    if (!meta || !isTaggable(s.type) || !isServingResource(s.type, s.props)) return;
    if (knownValue(meta, "stage", check) !== "production") return;
    const lines = readCapacity(s.type, s.props);
    if (lines === UNKNOWN) return check.unknown("spec");
    for (const line of lines) {
      const where = capacityPath(line, line.minReplicasProperty);
      if (line.serverless === true) continue;
      if (line.serverless === UNKNOWN || line.minReplicas === UNKNOWN) {
        check.unknown(where);
        continue;
      }
      if (line.minReplicas === undefined || line.minReplicas < MIN_REPLICAS) {
        const count =
          line.minReplicas === undefined ? "no replica count" : `${line.minReplicas} replica(s)`;
        check.report(
          `${s.what} serves \`production\` with ${count} in \`${where}\`: set \`${where}\` to at least ${MIN_REPLICAS}.`,
        );
      }
    }
  },
});
