import { noConfig } from "../lib/config";
import { checkMetadataRules } from "../lib/metadata-rules";
import { resourcePolicy } from "../lib/policy";

/** `aigov-production-model-card`: deployable model resources in production carry a model card. */
export const productionModelCard = resourcePolicy({
  name: "aigov-production-model-card",
  description:
    "Deployable model resources (serving resources, SageMaker models and Bedrock custom models) in the `production` stage must name their model card in the `model-card` key.",
  enforcementLevel: "mandatory",
  severity: "high",
  remediationSteps:
    "Publish the model card (for example as a SageMaker ModelCard or a document in the model registry) and set `modelCard` to its `https://` URL in the component's `metadata` args, or the `model-card` tag/label/annotation on the resource.",
  config: noConfig,
  validate(s, _cfg, check) {
    checkMetadataRules("aigov-production-model-card", s, {}, check);
  },
});
