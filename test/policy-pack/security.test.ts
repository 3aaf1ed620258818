import {
  encryptionAtRest,
  networkIsolation,
  notebookHardening,
} from "../../policy-packs/aigov/policies";
import { UNKNOWN_VALUE, analyze, cantRun, runResource, serverMessage } from "./harness";
import {
  endpointConfig,
  gcpLabels,
  meta,
  notebook,
  sagemakerModel,
  vertexEndpoint,
} from "./fixtures";

const messages = async (...args: Parameters<typeof runResource>) =>
  (await runResource(...args)).violations.map((v) => v.message);

const GCP_KEY = { kmsKeyName: "projects/p/locations/l/keyRings/r/cryptoKeys/k" };

describe("aigov-encryption-at-rest", () => {
  it("passes resources with customer-managed keys", async () => {
    const dataset = {
      type: "gcp:vertex/aiDataset:AiDataset",
      name: "d",
      props: { encryptionSpec: GCP_KEY },
    };
    for (const r of [endpointConfig(), notebook(), vertexEndpoint(), dataset]) {
      expect(await analyze([encryptionAtRest], r)).toEqual([]);
    }
  });

  it("reports a SageMaker endpoint configuration without kmsKeyArn", async () => {
    const r = endpointConfig({ kmsKeyArn: undefined });
    delete r.props.kmsKeyArn;
    expect(await analyze([encryptionAtRest], r)).toEqual([
      {
        policy: "aigov-encryption-at-rest",
        level: "mandatory",
        urn: r.urn,
        message: serverMessage(
          encryptionAtRest,
          "SageMaker EndpointConfiguration is not encrypted with a customer-managed key (CKV_AWS_98): set `kmsKeyArn` to a KMS key.",
        ),
      },
    ]);
  });

  it("exempts endpoint configurations on instance types with local NVMe storage", async () => {
    const variants = [{ variantName: "v", instanceType: "ml.g5.xlarge", initialInstanceCount: 2 }];
    const r = endpointConfig({ productionVariants: variants });
    delete r.props.kmsKeyArn;
    expect(await messages(encryptionAtRest, r)).toEqual([]);
  });

  it("reports notebooks and Vertex AI resources without keys (untaggable metadata stores too)", async () => {
    expect(await messages(encryptionAtRest, notebook({ kmsKeyId: "" }))).toEqual([
      "SageMaker NotebookInstance is not encrypted with a customer-managed key (CKV_AWS_22): set `kmsKeyId` to a KMS key.",
    ]);
    expect(await messages(encryptionAtRest, vertexEndpoint({ encryptionSpec: {} }))).toEqual([
      "Vertex AI Endpoint is not encrypted with a customer-managed key (CKV2_GCP_24): set `encryptionSpec.kmsKeyName` to a KMS key.",
    ]);
    const store = {
      type: "gcp:vertex/aiMetadataStore:AiMetadataStore",
      name: "s",
      props: { name: "s" },
    };
    expect(await messages(encryptionAtRest, store)).toEqual([
      "Vertex AI MetadataStore is not encrypted with a customer-managed key (CKV_GCP_96): set `encryptionSpec.kmsKeyName` to a KMS key.",
    ]);
    const index = { type: "gcp:vertex/aiIndex:AiIndex", name: "i", props: { labels: gcpLabels() } };
    expect(await messages(encryptionAtRest, index)).toHaveLength(1);
  });

  it("counts a key that is not known yet as set, and gives the advisory for unknown variants", async () => {
    const r = endpointConfig({ kmsKeyArn: UNKNOWN_VALUE });
    expect(await analyze([encryptionAtRest], r)).toEqual([]);
    const missingUnknownVariants = endpointConfig({ productionVariants: UNKNOWN_VALUE });
    delete missingUnknownVariants.props.kmsKeyArn;
    expect((await analyze([encryptionAtRest], missingUnknownVariants)).map((d) => d.level)).toEqual(
      ["advisory"],
    );
  });
});

describe("aigov-network-isolation", () => {
  it("passes isolated confidential assets and public assets that are not sensitive", async () => {
    for (const r of [
      sagemakerModel(),
      sagemakerModel({
        enableNetworkIsolation: false,
        vpcConfig: { subnets: ["s"], securityGroupIds: ["g"] },
      }),
      vertexEndpoint(),
    ]) {
      expect(await analyze([networkIsolation], r)).toEqual([]);
    }
    expect(
      await analyze(
        [networkIsolation],
        sagemakerModel({ enableNetworkIsolation: false }, meta({ dataClassification: "internal" })),
      ),
    ).toEqual([]);
  });

  it("reports a confidential SageMaker model without isolation as advisory", async () => {
    const r = sagemakerModel({ enableNetworkIsolation: false });
    expect(await analyze([networkIsolation], r)).toEqual([
      {
        policy: "aigov-network-isolation",
        level: "advisory",
        urn: r.urn,
        message: serverMessage(
          networkIsolation,
          "SageMaker Model handles `confidential` data but is reachable without network isolation (CKV_AWS_370): set `enableNetworkIsolation: true` or give it a `vpcConfig`.",
        ),
      },
    ]);
  });

  it("reports public Vertex AI endpoints of restricted assets", async () => {
    const r = vertexEndpoint(
      { privateServiceConnectConfig: { enablePrivateServiceConnect: false } },
      meta({ dataClassification: "restricted" }),
    );
    expect(await messages(networkIsolation, r)).toEqual([
      "Vertex AI Endpoint handles `restricted` data but is reachable without network isolation (CKV2_GCP_33): set `network` (VPC peering) or `privateServiceConnectConfig.enablePrivateServiceConnect: true`.",
    ]);
    expect(
      await messages(networkIsolation, {
        ...r,
        props: { ...r.props, network: "projects/1/global/networks/n" },
      }),
    ).toEqual([]);
  });

  it("counts an unknown network as set, and gives the advisory for an unknown switch", async () => {
    const r = vertexEndpoint({ network: UNKNOWN_VALUE });
    delete r.props.privateServiceConnectConfig;
    expect(await analyze([networkIsolation], r)).toEqual([]);
    const psc = vertexEndpoint({
      privateServiceConnectConfig: { enablePrivateServiceConnect: UNKNOWN_VALUE },
    });
    expect(await analyze([networkIsolation], psc)).toEqual([
      {
        policy: "aigov-network-isolation",
        level: "advisory",
        urn: "",
        message: cantRun(
          "aigov-network-isolation",
          "string value at .privateServiceConnectConfig.enablePrivateServiceConnect can't be known during preview",
        ),
      },
    ]);
  });
});

describe("aigov-notebook-hardening", () => {
  it("passes a hardened SageMaker notebook and private Workbench instances", async () => {
    const workbench = {
      type: "gcp:workbench/instance:Instance",
      name: "w",
      props: { gceSetup: { disablePublicIp: true } },
    };
    const legacy = {
      type: "gcp:notebooks/instance:Instance",
      name: "n",
      props: { noPublicIp: true },
    };
    for (const r of [notebook(), workbench, legacy])
      expect(await analyze([notebookHardening], r)).toEqual([]);
  });

  it("reports each missing setting of a SageMaker notebook", async () => {
    const r = notebook({
      directInternetAccess: "Enabled",
      rootAccess: "Enabled",
      subnetId: "",
      kmsKeyId: "",
    });
    const d = await analyze([notebookHardening], r);
    expect(d.map((x) => [x.level, x.urn])).toEqual(Array(4).fill(["advisory", r.urn]));
    expect(d.map((x) => x.message.split("\n")[1])).toEqual([
      "SageMaker NotebookInstance is not hardened (CKV_AWS_122): set `directInternetAccess` to `Disabled`.",
      "SageMaker NotebookInstance is not hardened (CKV_AWS_307): set `rootAccess` to `Disabled`.",
      "SageMaker NotebookInstance is not hardened (CKV_AWS_306): set `subnetId` to launch it in your VPC.",
      "SageMaker NotebookInstance is not hardened (CKV_AWS_22): set `kmsKeyId` to a KMS key.",
    ]);
  });

  it("reports Workbench instances with a public IP (the default)", async () => {
    const r = {
      type: "gcp:workbench/instance:Instance",
      name: "w",
      props: { gceSetup: { machineType: "e2-standard-4" } },
    };
    expect(await messages(notebookHardening, r)).toEqual([
      "Workbench Instance is not hardened (CKV2_GCP_28): set `gceSetup.disablePublicIp` to true.",
    ]);
    const unknown = { ...r, props: { gceSetup: { disablePublicIp: UNKNOWN_VALUE } } };
    expect((await analyze([notebookHardening], unknown)).map((d) => d.level)).toEqual(["advisory"]);
    const keyFromProgram = notebook({ kmsKeyId: UNKNOWN_VALUE, subnetId: UNKNOWN_VALUE });
    expect(await analyze([notebookHardening], keyFromProgram)).toEqual([]);
  });
});
