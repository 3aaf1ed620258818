// The aigov CrossGuard policy pack. This module only constructs the pack (which starts the policy
// server); the policies live in ./policies so that tests and tools can import them.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("aigov", {
  description:
    "Governance of AI assets per the aigov contract: metadata, production gates, security, cost and lifecycle of models, endpoints and artifact stores on AWS, GCP and Kubernetes.",
  enforcementLevel: "advisory",
  policies,
});
