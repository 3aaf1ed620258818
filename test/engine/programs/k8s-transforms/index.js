"use strict";
// Raw Kubernetes Deployments, governed by a stack transform that writes aigov's labels and
// annotations (encoded by aigov/sdk, as the components write them) onto every Deployment and its
// pod template.
const k8s = require("@pulumi/kubernetes");
const pulumi = require("@pulumi/pulumi");
const { encodeK8sMetadata } = require("aigov/sdk");

const governance = encodeK8sMetadata({
  assetId: "batch-scorer",
  owner: "platform-ml@example.com",
  team: "platform-ml",
  costCenter: "ENG-0420",
  stage: "staging",
  dataClassification: "internal",
  riskTier: "limited",
  trainingDataLicense: ["proprietary"],
});

const withGovernance = (metadata) => ({
  ...metadata,
  labels: { ...metadata?.labels, ...governance.labels },
  annotations: { ...metadata?.annotations, ...governance.annotations },
});

pulumi.runtime.registerResourceTransform(({ type, props, opts }) => {
  if (type !== "kubernetes:apps/v1:Deployment") {
    return undefined;
  }
  const template = props.spec.template;
  return {
    props: {
      ...props,
      metadata: withGovernance(props.metadata),
      spec: {
        ...props.spec,
        template: { ...template, metadata: withGovernance(template.metadata) },
      },
    },
    opts,
  };
});

function deployment(name, gpus) {
  const labels = { app: name };
  return new k8s.apps.v1.Deployment(name, {
    metadata: { name, namespace: "default" },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name,
              image: "ghcr.io/example/scorer:2.0.1",
              resources: gpus ? { limits: { "nvidia.com/gpu": String(gpus) } } : {},
            },
          ],
        },
      },
    },
  });
}

deployment("scorer", 1);
deployment("web", 0);
