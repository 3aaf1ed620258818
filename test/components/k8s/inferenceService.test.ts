import * as pulumi from "@pulumi/pulumi";
import { expectInputError, inputError } from "../../helpers/input-errors";
import { recordOptions } from "../../helpers/options-recorder";
import { settle, unwrap } from "../../helpers/pulumi-mocks";
import { DEFAULTS, PROD_META, SERVED_META, mockStack } from "../../helpers/stack";
import {
  K8sAutoscaler,
  K8sCapacityPreset,
  K8sInferenceService,
  K8sKServeDeploymentMode,
  K8sPlatform,
  Stage,
} from "../../../index";
import { validatePredictor, validateRendered } from "./helpers";

const stack = mockStack({ config: { "aigov:defaults": DEFAULTS } });
const { mocks } = stack;

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const SERVICE = "kubernetes:core/v1:Service";
const PDB = "kubernetes:policy/v1:PodDisruptionBudget";
const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const SCALED = "kubernetes:keda.sh/v1alpha1:ScaledObject";
const ISVC = "kubernetes:serving.kserve.io/v1beta1:InferenceService";

const LABELS = {
  "aigov.dev/asset-id": "fraud-scorer",
  "aigov.dev/team": "risk-ml",
  "aigov.dev/cost-center": "FIN-1234",
  "aigov.dev/stage": "staging",
  "aigov.dev/data-classification": "internal",
};
const ANNOTATIONS = {
  "aigov.dev/asset-id": "fraud-scorer",
  "aigov.dev/owner": "jane.doe@example.com",
  "aigov.dev/team": "risk-ml",
  "aigov.dev/cost-center": "FIN-1234",
  "aigov.dev/stage": "staging",
  "aigov.dev/data-classification": "internal",
  "aigov.dev/training-data-license": "apache-2.0",
  "aigov.dev/model-registry": "fraud-registry",
};
const SELECTOR = { "app.kubernetes.io/name": "fraud" };
const SPREAD = [
  {
    maxSkew: 1,
    topologyKey: "kubernetes.io/hostname",
    whenUnsatisfiable: "DoNotSchedule",
    labelSelector: { matchLabels: SELECTOR },
  },
  {
    maxSkew: 1,
    topologyKey: "topology.kubernetes.io/zone",
    whenUnsatisfiable: "ScheduleAnyway",
    labelSelector: { matchLabels: SELECTOR },
  },
];

const podSpec = () => mocks.get(DEPLOYMENT, "fraud-deployment").inputs.spec.template.spec;
const error = (errors: pulumi.InputPropertyErrorDetails[]) =>
  inputError("K8sInferenceService", "fraud", errors);

describe("K8sInferenceService", () => {
  it("renders a hardened GPU Deployment on Karpenter spot with Service, PDB and HPA", async () => {
    const rec = recordOptions();
    const svc = new K8sInferenceService(
      "fraud",
      {
        metadata: SERVED_META,
        namespace: "risk-ml",
        image: "ghcr.io/acme/fraud:1.4.0",
        env: { MODEL_ID: "fraud-v3", LOG_LEVEL: "info" },
        resources: { cpu: "4", memory: "16Gi", gpus: 1 },
        platform: K8sPlatform.Karpenter,
        labels: { "aigov.dev/team": "spoofed", tier: "gold" },
      },
      { transformations: rec.transformations },
    );
    await settle();
    expect(mocks.childKeys()).toEqual([
      `${DEPLOYMENT}::fraud-deployment`,
      `${HPA}::fraud-hpa`,
      `${SERVICE}::fraud-service`,
      `${PDB}::fraud-pdb`,
    ]);
    expect(rec.childrenOf("aigov:index:K8sInferenceService", "fraud")).toEqual(mocks.childKeys());
    for (const r of mocks.children()) {
      validateRendered(r.type, r.inputs);
      expect(r.inputs.metadata).toMatchObject({
        name: "fraud",
        namespace: "risk-ml",
        labels: { ...LABELS, tier: "gold" },
        annotations: ANNOTATIONS,
      });
    }

    const deployment = mocks.get(DEPLOYMENT, "fraud-deployment").inputs;
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.selector).toEqual({ matchLabels: SELECTOR });
    expect(deployment.spec.template.metadata).toEqual({
      labels: { ...LABELS, tier: "gold", ...SELECTOR },
      annotations: ANNOTATIONS,
    });
    expect(podSpec()).toEqual({
      automountServiceAccountToken: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: 1000,
        fsGroup: 1000,
        seccompProfile: { type: "RuntimeDefault" },
      },
      containers: [
        {
          name: "server",
          image: "ghcr.io/acme/fraud:1.4.0",
          env: [
            { name: "LOG_LEVEL", value: "info" },
            { name: "MODEL_ID", value: "fraud-v3" },
          ],
          ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
          resources: {
            requests: { cpu: "4", memory: "16Gi", "nvidia.com/gpu": "1" },
            limits: { cpu: "4", memory: "16Gi", "nvidia.com/gpu": "1" },
          },
          startupProbe: {
            httpGet: { path: "/health", port: "http" },
            periodSeconds: 10,
            failureThreshold: 60,
          },
          readinessProbe: {
            httpGet: { path: "/health", port: "http" },
            periodSeconds: 10,
            failureThreshold: 3,
          },
          livenessProbe: {
            httpGet: { path: "/health", port: "http" },
            periodSeconds: 20,
            failureThreshold: 3,
          },
          securityContext: {
            allowPrivilegeEscalation: false,
            privileged: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
            seccompProfile: { type: "RuntimeDefault" },
          },
          volumeMounts: [{ name: "writable", mountPath: "/tmp" }],
        },
      ],
      volumes: [{ name: "writable", emptyDir: {} }],
      nodeSelector: { "karpenter.sh/capacity-type": "spot" },
      topologySpreadConstraints: SPREAD,
      terminationGracePeriodSeconds: 30,
    });

    expect(mocks.get(HPA, "fraud-hpa").inputs.spec).toEqual({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "fraud" },
      minReplicas: 2,
      maxReplicas: 4,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
        },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    });
    expect(mocks.get(PDB, "fraud-pdb").inputs.spec).toEqual({
      maxUnavailable: 1,
      unhealthyPodEvictionPolicy: "AlwaysAllow",
      selector: { matchLabels: SELECTOR },
    });
    expect(mocks.get(SERVICE, "fraud-service").inputs.spec).toEqual({
      type: "ClusterIP",
      selector: SELECTOR,
      ports: [{ name: "http", port: 8080, targetPort: "http", protocol: "TCP" }],
    });
    expect(await unwrap(svc.url!)).toBe("http://fraud.risk-ml.svc:8080");
    expect(await unwrap(svc.capacityPreset)).toBe("spot");
    expect(stack.warn).not.toHaveBeenCalled();
  });

  test.each([
    [
      K8sPlatform.Gke,
      { "cloud.google.com/gke-spot": "true" },
      [
        {
          key: "cloud.google.com/gke-spot",
          operator: "Equal",
          value: "true",
          effect: "NoSchedule",
        },
      ],
      25,
    ],
    [K8sPlatform.EksManaged, { "eks.amazonaws.com/capacityType": "SPOT" }, undefined, 30],
    [
      K8sPlatform.Aks,
      { "kubernetes.azure.com/scalesetpriority": "spot" },
      [
        {
          key: "kubernetes.azure.com/scalesetpriority",
          operator: "Equal",
          value: "spot",
          effect: "NoSchedule",
        },
      ],
      25,
    ],
  ])(
    "spot on %s selects %p, tolerates %p, grace %p s",
    async (platform, nodeSelector, tolerations, grace) => {
      new K8sInferenceService("fraud", {
        metadata: SERVED_META,
        image: "i",
        platform,
        capacityPreset: K8sCapacityPreset.Spot,
      });
      await settle();
      const spec = podSpec();
      expect(spec.nodeSelector).toEqual(nodeSelector);
      expect(spec.tolerations).toEqual(tolerations);
      expect(spec.terminationGracePeriodSeconds).toBe(grace);
      expect(spec.topologySpreadConstraints).toEqual(SPREAD);
      expect(mocks.get(DEPLOYMENT, "fraud-deployment").inputs.spec.replicas).toBe(2);
      validateRendered(DEPLOYMENT, mocks.get(DEPLOYMENT, "fraud-deployment").inputs);
    },
  );

  it("prefers spot with on-demand fallback through a preferred node affinity", async () => {
    new K8sInferenceService("fraud", {
      metadata: SERVED_META,
      image: "i",
      platform: K8sPlatform.Aks,
      capacityPreset: K8sCapacityPreset.SpotWithOnDemandFallback,
    });
    await settle();
    const spec = podSpec();
    expect(spec.nodeSelector).toBeUndefined();
    expect(spec.affinity).toEqual({
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            preference: {
              matchExpressions: [
                { key: "kubernetes.azure.com/scalesetpriority", operator: "In", values: ["spot"] },
              ],
            },
          },
        ],
      },
    });
    expect(spec.tolerations).toEqual([
      {
        key: "kubernetes.azure.com/scalesetpriority",
        operator: "Equal",
        value: "spot",
        effect: "NoSchedule",
      },
    ]);
    validateRendered(DEPLOYMENT, mocks.get(DEPLOYMENT, "fraud-deployment").inputs);
  });

  it("runs production on demand with two replicas and a custom-metric HPA", async () => {
    new K8sInferenceService("fraud", {
      metadata: PROD_META,
      image: "i",
      platform: K8sPlatform.EksManaged,
      customMetric: { name: "inference_requests_in_flight", targetAverageValue: "8" },
      maxReplicas: 6,
    });
    await settle();
    const spec = podSpec();
    expect(spec.nodeSelector).toEqual({ "eks.amazonaws.com/capacityType": "ON_DEMAND" });
    expect(spec.topologySpreadConstraints).toBeUndefined();
    expect(mocks.get(DEPLOYMENT, "fraud-deployment").inputs.spec.replicas).toBe(2);
    const hpa = mocks.get(HPA, "fraud-hpa").inputs;
    expect(hpa.spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 6,
      metrics: [
        {
          type: "Pods",
          pods: {
            metric: { name: "inference_requests_in_flight" },
            target: { type: "AverageValue", averageValue: "8" },
          },
        },
      ],
    });
    validateRendered(HPA, hpa);
  });

  it("scales to zero with a KEDA ScaledObject outside production", async () => {
    new K8sInferenceService("fraud", {
      metadata: SERVED_META,
      image: "i",
      platform: K8sPlatform.Gke,
      autoscaler: K8sAutoscaler.Keda,
      keda: {
        prometheusServerAddress: "http://prometheus.monitoring:9090",
        query: 'sum(rate(http_requests_total{app="fraud"}[2m]))',
        threshold: "10",
      },
    });
    await settle();
    expect(mocks.ofType(HPA)).toEqual([]);
    const scaled = mocks.get(SCALED, "fraud-scaledobject").inputs;
    expect(scaled).toMatchObject({ apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject" });
    expect(scaled.metadata.labels).toEqual(LABELS);
    expect(scaled.spec).toEqual({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "fraud" },
      minReplicaCount: 2,
      maxReplicaCount: 4,
      idleReplicaCount: 0,
      cooldownPeriod: 300,
      pollingInterval: 30,
      triggers: [
        {
          type: "prometheus",
          metadata: {
            serverAddress: "http://prometheus.monitoring:9090",
            query: 'sum(rate(http_requests_total{app="fraud"}[2m]))',
            threshold: "10",
          },
        },
      ],
    });
    validateRendered(SCALED, scaled);
  });

  it("renders a KServe InferenceService with governed predictor pods", async () => {
    const svc = new K8sInferenceService("fraud", {
      metadata: SERVED_META,
      namespace: "risk-ml",
      platform: K8sPlatform.Gke,
      resources: { gpus: 1 },
      env: { WORKERS: "2" },
      kserve: { storageUri: "gs://acme-models/fraud/v3", modelFormat: "sklearn" },
    });
    await settle();
    expect(
      mocks
        .children()
        .map((r) => r.type)
        .sort(),
    ).toEqual([PDB, ISVC]);
    const isvc = mocks.get(ISVC, "fraud-inferenceservice").inputs;
    expect(isvc.metadata).toEqual({
      name: "fraud",
      namespace: "risk-ml",
      labels: LABELS,
      annotations: {
        ...ANNOTATIONS,
        "serving.kserve.io/deploymentMode": "RawDeployment",
        "serving.kserve.io/autoscalerClass": "hpa",
      },
    });
    const kservePods = { "serving.kserve.io/inferenceservice": "fraud" };
    expect(isvc.spec.predictor).toMatchObject({
      minReplicas: 2,
      maxReplicas: 4,
      scaleMetric: "cpu",
      scaleTarget: 70,
      labels: LABELS,
      annotations: ANNOTATIONS,
      nodeSelector: { "cloud.google.com/gke-spot": "true" },
      terminationGracePeriodSeconds: 25,
      model: {
        modelFormat: { name: "sklearn" },
        storageUri: "gs://acme-models/fraud/v3",
        env: [{ name: "WORKERS", value: "2" }],
        resources: {
          requests: { cpu: "1", memory: "4Gi", "nvidia.com/gpu": "1" },
          limits: { cpu: "1", memory: "4Gi", "nvidia.com/gpu": "1" },
        },
        securityContext: expect.objectContaining({ readOnlyRootFilesystem: true }),
      },
    });
    expect(isvc.spec.predictor.topologySpreadConstraints[0].labelSelector).toEqual({
      matchLabels: kservePods,
    });
    validatePredictor(isvc.spec.predictor);
    expect(mocks.get(PDB, "fraud-pdb").inputs.spec.selector).toEqual({ matchLabels: kservePods });
    expect(svc.url).toBeUndefined();
    expect(await unwrap(svc.workloadName)).toBe("fraud");
  });

  it("warns when a non-production workload cannot be placed on spot", async () => {
    new K8sInferenceService("fraud", { metadata: SERVED_META, image: "i" });
    await settle();
    expect(stack.warn.mock.calls.map((c) => c[0])).toEqual([
      "set `platform` so that `staging` workloads run on spot capacity (aigov-spot-for-non-production)",
    ]);
    expect(podSpec().nodeSelector).toBeUndefined();
    expect(mocks.get(HPA, "fraud-hpa").inputs.spec.minReplicas).toBe(1);
  });

  it("rejects bad replica counts, spot without a platform and long grace periods at once", async () => {
    expectInputError(
      () =>
        new K8sInferenceService("fraud", {
          metadata: PROD_META,
          minReplicas: 1,
          maxReplicas: 0,
          capacityPreset: K8sCapacityPreset.Spot,
          autoscaler: K8sAutoscaler.Keda,
          keda: { prometheusServerAddress: "x", query: "q", threshold: "1", scaleToZero: true },
        }),
      error([
        { propertyPath: "image", reason: "required unless `kserve` is set" },
        { propertyPath: "maxReplicas", reason: "expected an integer >= 1, got 0" },
        {
          propertyPath: "maxReplicas",
          reason: "`minReplicas` (1) must not exceed `maxReplicas` (0)",
        },
        {
          propertyPath: "minReplicas",
          reason:
            "`production` needs at least 2 replicas (aigov-production-high-availability), got 1",
        },
        {
          propertyPath: "keda.scaleToZero",
          reason:
            "`production` must keep at least 2 replicas; scale to zero is for non-production stages",
        },
        {
          propertyPath: "platform",
          reason:
            "required for capacity preset `spot`: one of `karpenter`, `gke`, `eksManaged`, `aks`",
        },
        {
          propertyPath: "minReplicas",
          reason:
            "spot capacity needs at least 2 replicas so that one preemption does not take the service down, got 1",
        },
      ]),
    );
    await settle();
    expect(mocks.resources).toEqual([]);
  });

  it("caps the grace period at the platform's preemption notice", () => {
    expectInputError(
      () =>
        new K8sInferenceService("fraud", {
          metadata: SERVED_META,
          image: "i",
          platform: K8sPlatform.Gke,
          terminationGracePeriodSeconds: 60,
        }),
      error([
        {
          propertyPath: "terminationGracePeriodSeconds",
          reason:
            "must be at most 25 on `gke` spot capacity (about 30 s preemption notice), got 60",
        },
      ]),
    );
  });

  it("rejects autoscaler settings that do not fit the mode", () => {
    expectInputError(
      () =>
        new K8sInferenceService("fraud", {
          metadata: { ...SERVED_META, stage: Stage.Experimental },
          kserve: { storageUri: "s3://m", modelFormat: "sklearn" },
          image: "i",
          port: 9000,
          autoscaler: K8sAutoscaler.Hpa,
          customMetric: { name: "m", targetAverageValue: "1" },
        }),
      error([
        {
          propertyPath: "image",
          reason:
            "applies to plain Deployments; with `kserve` the serving runtime (`kserve.runtime`) provides the server",
        },
        {
          propertyPath: "port",
          reason:
            "applies to plain Deployments; with `kserve` the serving runtime (`kserve.runtime`) provides the server",
        },
        {
          propertyPath: "autoscaler",
          reason:
            "KServe scales an InferenceService itself: use `kserve.scaleMetric` and `kserve.scaleTarget`",
        },
        {
          propertyPath: "customMetric",
          reason:
            "KServe scales an InferenceService itself: use `kserve.scaleMetric` and `kserve.scaleTarget`",
        },
      ]),
    );
    expectInputError(
      () =>
        new K8sInferenceService("fraud", {
          metadata: { ...SERVED_META, trainingDataLicense: undefined },
          image: "i",
          autoscaler: K8sAutoscaler.Keda,
          customMetric: { name: "m", targetAverageValue: "1" },
          cpuUtilizationTarget: 50,
        }),
      error([
        {
          propertyPath: "metadata.trainingDataLicense",
          reason:
            "required on model resources: list the SPDX ids of the training data licenses (aigov-training-data-license)",
        },
        {
          propertyPath: "keda",
          reason: "required with autoscaler `keda`: the Prometheus server, query and threshold",
        },
        {
          propertyPath: "customMetric",
          reason: "applies to autoscaler `hpa`; KEDA scales on `keda.query`",
        },
        {
          propertyPath: "cpuUtilizationTarget",
          reason: "`customMetric` and `cpuUtilizationTarget` are mutually exclusive",
        },
      ]),
    );
  });

  it("is checked by a schema validator that catches malformed objects", async () => {
    new K8sInferenceService("fraud", {
      metadata: SERVED_META,
      image: "i",
      platform: K8sPlatform.Aks,
    });
    await settle();
    const rendered = mocks.get(DEPLOYMENT, "fraud-deployment").inputs;
    const broken = JSON.parse(JSON.stringify(rendered));
    broken.spec.template.spec.tolerations[0].operator = "Matches";
    broken.spec.template.spec.terminationGracePeriodSeconds = "25";
    expect(() => validateRendered(DEPLOYMENT, broken)).toThrow(
      /operator.*|terminationGracePeriodSeconds/,
    );
    expect(() => validateRendered(DEPLOYMENT, rendered)).not.toThrow();
  });

  it("allows KServe serverless to scale to zero outside spot", async () => {
    new K8sInferenceService("fraud", {
      metadata: SERVED_META,
      minReplicas: 0,
      capacityPreset: K8sCapacityPreset.OnDemand,
      kserve: {
        storageUri: "hf://google/gemma-2-2b-it",
        modelFormat: "huggingface",
        deploymentMode: K8sKServeDeploymentMode.Serverless,
      },
    });
    await settle();
    const isvc = mocks.get(ISVC, "fraud-inferenceservice").inputs;
    expect(isvc.metadata.annotations["serving.kserve.io/deploymentMode"]).toBe("Serverless");
    expect(isvc.spec.predictor).toMatchObject({
      minReplicas: 0,
      maxReplicas: 2,
      scaleMetric: "concurrency",
      scaleTarget: 10,
    });
    validatePredictor(isvc.spec.predictor);
  });
});
