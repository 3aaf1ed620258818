// The aigov CrossGuard policy pack. This module only constructs the pack (which starts the policy
// server); the policies live in ./policies so that tests and tools can import them.
import { PolicyPack } from "@pulumi/policy";
import { shareDeserializedProps } from "./lib/shared-props";
import { policies } from "./policies";

// Every policy of a request reads one deserialization of its props (lib/shared-props.ts).
shareDeserializedProps();

new PolicyPack("aigov", {
  description:
    "Governance of AI assets per the aigov contract: metadata, production gates, security, cost and lifecycle of models, endpoints and artifact stores on AWS, GCP and Kubernetes.",
  enforcementLevel: "advisory",
  policies,
});
