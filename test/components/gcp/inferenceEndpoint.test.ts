import * as pulumi from "@pulumi/pulumi";
import { expectInputError, inputError } from "../../helpers/input-errors";
import { recordOptions } from "../../helpers/options-recorder";
import { settle, unwrap } from "../../helpers/pulumi-mocks";
import { DEFAULTS, GCP_PROJECT, PROD_META, SERVED_META, mockStack } from "../../helpers/stack";
import {
  DataClassification,
  EvalStatus,
  GcpEndpointNetworking,
  GcpInferenceEndpoint,
  Stage,
} from "../../../index";
import { stableEndpointId } from "../../../components/gcp/endpoint-config";

const stack = mockStack({ invokes: GCP_PROJECT, config: { "aigov:defaults": DEFAULTS } });
const { mocks } = stack;

const ENDPOINT = "gcp:vertex/aiEndpoint:AiEndpoint";
const GARDEN = "gcp:vertex/aiEndpointWithModelGardenDeployment:AiEndpointWithModelGardenDeployment";
const POOL = "gcp:vertex/aiDeploymentResourcePool:AiDeploymentResourcePool";
const KEY = "gcp:kms/cryptoKey:CryptoKey";
const MEMBER = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";
const CPU = "aiplatform.googleapis.com/prediction/online/cpu/utilization";
const DUTY = "aiplatform.googleapis.com/prediction/online/accelerator/duty_cycle";

const PROD = { ...PROD_META, evalBenchmarks: ["accuracy"] };
const error = (errors: pulumi.InputPropertyErrorDetails[]) =>
  inputError("GcpInferenceEndpoint", "fraud", errors);

describe("GcpInferenceEndpoint", () => {
  it("creates a CMEK endpoint on Private Service Connect for confidential data", async () => {
    const rec = recordOptions();
    const ep = new GcpInferenceEndpoint(
      "fraud",
      {
        location: "us-central1",
        metadata: { ...SERVED_META, dataClassification: DataClassification.Confidential },
      },
      { transformations: rec.transformations },
    );
    await settle();
    expect(mocks.childKeys()).toEqual([
      `${KEY}::fraud-kms-key`,
      `${MEMBER}::fraud-kms-aiplatform`,
      "gcp:kms/keyRing:KeyRing::fraud-kms-ring",
      `${ENDPOINT}::fraud-endpoint`,
    ]);
    expect(rec.childrenOf("aigov:index:GcpInferenceEndpoint", "fraud")).toEqual(mocks.childKeys());
    expect(mocks.get(ENDPOINT, "fraud-endpoint").inputs).toEqual({
      name: stableEndpointId("project/stack/fraud"),
      displayName: "risk-ml-fraud-scorer-stg-endpoint",
      location: "us-central1",
      region: "us-central1",
      labels: {
        "aigov-asset-id": "fraud-scorer",
        "aigov-owner": "jane_doe_example_com",
        "aigov-team": "risk-ml",
        "aigov-cost-center": "fin-1234",
        "aigov-stage": "staging",
        "aigov-data-classification": "confidential",
        "aigov-training-data-license": "apache-2_0",
        "aigov-model-registry": "fraud-registry",
      },
      encryptionSpec: { kmsKeyName: "fraud-kms-key-id" },
      privateServiceConnectConfig: {
        enablePrivateServiceConnect: true,
        projectAllowlists: ["acme-ml"],
      },
    });
    expect(stableEndpointId("project/stack/fraud")).toMatch(/^[1-9][0-9]{9}$/);
    expect(await unwrap(ep.endpointId)).toBe(stableEndpointId("project/stack/fraud"));
    expect(await unwrap(ep.networking)).toBe("privateServiceConnect");
    expect(await unwrap(ep.spot)).toBe(false);
    expect(stack.warn).not.toHaveBeenCalled();
  });

  it("peers with a VPC and logs requests to BigQuery with a caller's key", async () => {
    const key = "projects/acme-sec/locations/us-central1/keyRings/ml/cryptoKeys/serving";
    new GcpInferenceEndpoint("fraud", {
      location: "us-central1",
      project: "acme-ml",
      kmsKeyName: key,
      network: "projects/123456789012/global/networks/ml",
      requestResponseLogging: { bigqueryTableUri: "bq://acme-ml.logs.fraud", samplingRate: 0.1 },
      metadata: SERVED_META,
    });
    await settle();
    expect(mocks.ofType(KEY)).toEqual([]);
    expect(mocks.get(MEMBER, "fraud-kms-aiplatform").inputs.cryptoKeyId).toBe(key);
    const inputs = mocks.get(ENDPOINT, "fraud-endpoint").inputs;
    expect(inputs).toMatchObject({
      project: "acme-ml",
      encryptionSpec: { kmsKeyName: key },
      network: "projects/123456789012/global/networks/ml",
      predictRequestResponseLoggingConfig: {
        enabled: true,
        samplingRate: 0.1,
        bigqueryDestination: { outputUri: "bq://acme-ml.logs.fraud" },
      },
    });
    expect(inputs.privateServiceConnectConfig).toBeUndefined();
  });

  it("deploys a Model Garden model on spot outside production", async () => {
    const ep = new GcpInferenceEndpoint("fraud", {
      location: "us-central1",
      metadata: SERVED_META,
      modelGarden: {
        publisherModelName: "publishers/google/models/gemma3@gemma-3-1b-it",
        acceptEula: true,
      },
      machineType: "g2-standard-8",
      acceleratorType: "NVIDIA_L4",
    });
    await settle();
    expect(mocks.children().map((r) => r.type)).toEqual([GARDEN]);
    expect(mocks.get(GARDEN, "fraud-deployment").inputs).toEqual({
      location: "us-central1",
      publisherModelName: "publishers/google/models/gemma3@gemma-3-1b-it",
      modelConfig: { acceptEula: true },
      endpointConfig: { endpointDisplayName: "risk-ml-fraud-scorer-stg-endpoint" },
      deployConfig: {
        dedicatedResources: {
          machineSpec: {
            machineType: "g2-standard-8",
            acceleratorType: "NVIDIA_L4",
            acceleratorCount: 1,
          },
          minReplicaCount: 1,
          maxReplicaCount: 2,
          autoscalingMetricSpecs: [
            { metricName: CPU, target: 60 },
            { metricName: DUTY, target: 60 },
          ],
          spot: true,
        },
      },
    });
    expect(await unwrap(ep.spot)).toBe(true);
    expect(ep.kmsKeyName).toBeUndefined();
    expect(stack.warn).not.toHaveBeenCalled();
  });

  it("puts Model Garden deployments for sensitive data on Private Service Connect", async () => {
    new GcpInferenceEndpoint("fraud", {
      location: "us-central1",
      project: "acme-ml",
      metadata: { ...SERVED_META, dataClassification: DataClassification.Restricted },
      modelGarden: { huggingFaceModelId: "google/gemma-2-2b-it" },
      machineType: "g2-standard-8",
      acceleratorType: "NVIDIA_L4",
      spot: false,
      dedicatedEndpoint: true,
    });
    await settle();
    const inputs = mocks.get(GARDEN, "fraud-deployment").inputs;
    expect(inputs.huggingFaceModelId).toBe("google/gemma-2-2b-it");
    expect(inputs.endpointConfig).toEqual({
      endpointDisplayName: "risk-ml-fraud-scorer-stg-endpoint",
      dedicatedEndpointEnabled: true,
      privateServiceConnectConfig: {
        enablePrivateServiceConnect: true,
        projectAllowlists: ["acme-ml"],
      },
    });
    expect(inputs.deployConfig.dedicatedResources.spot).toBe(false);
    expect(stack.warn.mock.calls.map((c) => c[0])).toEqual([
      "Model Garden deployments cannot use a customer-managed key; use a plain or pooled endpoint for CMEK (aigov-encryption-at-rest)",
    ]);
  });

  it("creates a shared pool with two replicas in production, on demand", async () => {
    const ep = new GcpInferenceEndpoint("fraud", {
      location: "us-central1",
      metadata: PROD,
      sharedPool: true,
      machineType: "n1-standard-4",
      cpuUtilizationTarget: 70,
      deletionProtection: true,
    });
    await settle();
    expect(mocks.get(POOL, "fraud-pool").inputs).toEqual({
      name: "risk-ml-fraud-scorer-prod-pool",
      region: "us-central1",
      dedicatedResources: {
        machineSpec: { machineType: "n1-standard-4" },
        minReplicaCount: 2,
        maxReplicaCount: 4,
        autoscalingMetricSpecs: [{ metricName: CPU, target: 70 }],
      },
      deletionPolicy: "PREVENT",
    });
    expect(mocks.get(ENDPOINT, "fraud-endpoint").inputs.deletionPolicy).toBe("PREVENT");
    expect(mocks.get(KEY, "fraud-kms-key").inputs.deletionPolicy).toBe("PREVENT");
    expect(await unwrap(ep.deploymentResourcePoolId!)).toBe("fraud-pool-id");
    expect(await unwrap(ep.spot)).toBe(false);
  });

  it("warns about unknown machine types and public endpoints for sensitive data", async () => {
    new GcpInferenceEndpoint("fraud", {
      location: "us-central1",
      metadata: { ...SERVED_META, dataClassification: DataClassification.Restricted },
      networking: GcpEndpointNetworking.Public,
      sharedPool: true,
      machineType: "z9-mega-1",
    });
    await settle();
    expect(stack.warn.mock.calls.map((c) => c[0])).toEqual([
      "`restricted` data on a public endpoint: set networking `privateServiceConnect` or `vpcPeering` (aigov-network-isolation)",
      "cannot price machine type `z9-mega-1`: No vertex price for z9-mega-1 in the offline catalog; add a stack-config pricing override (USD/hour) to price it.",
    ]);
  });

  it("refuses spot outside Model Garden and points to the alternatives", async () => {
    expectInputError(
      () =>
        new GcpInferenceEndpoint("fraud", {
          location: "us-central1",
          metadata: SERVED_META,
          spot: true,
        }),
      error([
        {
          propertyPath: "spot",
          reason:
            "Vertex AI offers spot capacity only for Model Garden and Hugging Face deployments: set `modelGarden`, or serve the model on Kubernetes with `K8sInferenceService` (capacity preset `spot`)",
        },
      ]),
    );
    await settle();
    expect(mocks.resources).toEqual([]);
  });

  it("reports replica, networking and model problems at once", () => {
    expectInputError(
      () =>
        new GcpInferenceEndpoint("fraud", {
          location: "us-central1",
          metadata: { ...PROD, modelCard: undefined, evalStatus: EvalStatus.Pending },
          modelGarden: {},
          sharedPool: true,
          minReplicas: 3,
          maxReplicas: 2,
          cpuUtilizationTarget: 120,
          networking: GcpEndpointNetworking.VpcPeering,
          requestResponseLogging: { bigqueryTableUri: "bq://a.b.c", samplingRate: 0 },
        }),
      error([
        {
          propertyPath: "metadata.modelCard",
          reason:
            "required in `production`: set the https:// URL of the model card (aigov-production-model-card)",
        },
        {
          propertyPath: "metadata.evalStatus",
          reason: 'must be `passed` in `production`, got "pending" (aigov-production-evaluation)',
        },
        {
          propertyPath: "sharedPool",
          reason: "`modelGarden` and `sharedPool` are mutually exclusive",
        },
        {
          propertyPath: "modelGarden",
          reason: "set exactly one of `publisherModelName` and `huggingFaceModelId`",
        },
        {
          propertyPath: "maxReplicas",
          reason: "`minReplicas` (3) must not exceed `maxReplicas` (2)",
        },
        {
          propertyPath: "cpuUtilizationTarget",
          reason: "expected a number from 1 up to 100, got 120",
        },
        {
          propertyPath: "network",
          reason:
            "required for `vpcPeering`: `projects/<project-number>/global/networks/<name>` with private services access",
        },
        {
          propertyPath: "requestResponseLogging.samplingRate",
          reason: "expected a number above 0 up to 1, got 0",
        },
      ]),
    );
  });

  it("requires two replicas, a machine type and no CMEK for Model Garden in production", () => {
    expectInputError(
      () =>
        new GcpInferenceEndpoint("fraud", {
          location: "us-central1",
          metadata: PROD,
          modelGarden: { huggingFaceModelId: "google/gemma-2-2b-it" },
          kmsKeyName: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/k",
          minReplicas: 1,
          requestResponseLogging: { bigqueryTableUri: "bq://a.b.c" },
        }),
      error([
        {
          propertyPath: "machineType",
          reason: "required with `modelGarden` or `sharedPool`, e.g. `g2-standard-8`",
        },
        {
          propertyPath: "minReplicas",
          reason:
            "`production` needs at least 2 replicas (aigov-production-high-availability), got 1",
        },
        {
          propertyPath: "requestResponseLogging",
          reason: "Model Garden deployments do not support request/response logging to BigQuery",
        },
        {
          propertyPath: "kmsKeyName",
          reason:
            "Model Garden deployments cannot be encrypted with a customer-managed key (the provider has no `encryptionSpec` for them)",
        },
      ]),
    );
  });

  it("refuses serving resources for retired assets and capacity args on plain endpoints", () => {
    expectInputError(
      () =>
        new GcpInferenceEndpoint("fraud", {
          location: "us-central1",
          metadata: { ...SERVED_META, stage: Stage.Retired, trainingDataLicense: ["unknown"] },
          minReplicas: 2,
        }),
      error([
        {
          propertyPath: "metadata.trainingDataLicense",
          reason:
            "`unknown` is denied: name the licenses of the training data (aigov-training-data-license)",
        },
        {
          propertyPath: "metadata.stage",
          reason:
            "retired assets must not have serving resources: remove this component (aigov-lifecycle-state)",
        },
        {
          propertyPath: "minReplicas",
          reason:
            "applies only with `modelGarden` or `sharedPool`; models deployed onto a plain endpoint choose their resources when they are deployed",
        },
      ]),
    );
  });
});
