import { expectInputError, inputError } from "../../helpers/input-errors";
import { recordOptions } from "../../helpers/options-recorder";
import { setStackConfig, settle, unwrap } from "../../helpers/pulumi-mocks";
import { DEFAULTS, mockStack } from "../../helpers/stack";
import { K8sPodSecurityLevel, K8sTeamNamespace } from "../../../index";
import { validateRendered } from "./helpers";

const { mocks } = mockStack({
  config: { "aigov:defaults": { ...DEFAULTS, assetId: "risk-ml-serving" } },
});

const NS = "kubernetes:core/v1:Namespace";
const QUOTA = "kubernetes:core/v1:ResourceQuota";
const LIMITS = "kubernetes:core/v1:LimitRange";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

const LABELS = {
  "aigov.dev/asset-id": "risk-ml-serving",
  "aigov.dev/team": "risk-ml",
  "aigov.dev/cost-center": "FIN-1234",
  "aigov.dev/stage": "staging",
  "aigov.dev/data-classification": "internal",
};
const ANNOTATIONS = {
  "aigov.dev/asset-id": "risk-ml-serving",
  "aigov.dev/owner": "jane.doe@example.com",
  "aigov.dev/team": "risk-ml",
  "aigov.dev/cost-center": "FIN-1234",
  "aigov.dev/stage": "staging",
  "aigov.dev/data-classification": "internal",
};

describe("K8sTeamNamespace", () => {
  it("creates a labelled namespace with quota, limits and default-deny networking", async () => {
    const rec = recordOptions();
    const ns = new K8sTeamNamespace(
      "risk-ml",
      { quota: { gpus: 8, cpuRequests: "48", pods: 50 } },
      { transformations: rec.transformations },
    );
    await settle();
    expect(mocks.childKeys()).toEqual([
      `${LIMITS}::risk-ml-limits`,
      `${NS}::risk-ml-namespace`,
      `${QUOTA}::risk-ml-quota`,
      `${NETPOL}::risk-ml-allow-dns`,
      `${NETPOL}::risk-ml-default-deny`,
    ]);
    expect(rec.childrenOf("aigov:index:K8sTeamNamespace", "risk-ml")).toEqual(mocks.childKeys());
    for (const r of mocks.children()) {
      validateRendered(r.type, r.inputs);
    }
    expect(mocks.get(NS, "risk-ml-namespace").inputs.metadata).toEqual({
      name: "risk-ml",
      labels: {
        ...LABELS,
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
      },
      annotations: ANNOTATIONS,
    });
    expect(mocks.get(QUOTA, "risk-ml-quota").inputs).toMatchObject({
      metadata: {
        name: "aigov-quota",
        namespace: "risk-ml",
        labels: LABELS,
        annotations: ANNOTATIONS,
      },
      spec: {
        hard: {
          "requests.cpu": "48",
          "limits.cpu": "64",
          "requests.memory": "128Gi",
          "limits.memory": "256Gi",
          "requests.nvidia.com/gpu": "8",
          pods: "50",
        },
      },
    });
    expect(mocks.get(LIMITS, "risk-ml-limits").inputs.spec).toEqual({
      limits: [
        {
          type: "Container",
          defaultRequest: { cpu: "250m", memory: "512Mi" },
          default: { cpu: "1", memory: "2Gi" },
        },
      ],
    });
    expect(mocks.get(NETPOL, "risk-ml-default-deny").inputs.spec).toEqual({
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
    });
    expect(mocks.get(NETPOL, "risk-ml-allow-dns").inputs.spec.egress[0].ports).toEqual([
      { protocol: "UDP", port: 53 },
      { protocol: "TCP", port: 53 },
    ]);
    expect(await unwrap(ns.namespaceName)).toBe("risk-ml");
  });

  it("honours the name, the pod security level and a closed DNS", async () => {
    new K8sTeamNamespace("ns", {
      namespaceName: "fraud-prod",
      podSecurityLevel: K8sPodSecurityLevel.Baseline,
      allowDnsEgress: false,
      quota: { gpuResourceName: "amd.com/gpu", gpus: 0 },
    });
    await settle();
    expect(mocks.ofType(NETPOL).map((n) => n.name)).toEqual(["ns-default-deny"]);
    const ns = mocks.get(NS, "ns-namespace").inputs.metadata;
    expect(ns.name).toBe("fraud-prod");
    expect(ns.labels["pod-security.kubernetes.io/enforce"]).toBe("baseline");
    expect(mocks.get(QUOTA, "ns-quota").inputs.spec.hard["requests.amd.com/gpu"]).toBe("0");
  });

  it("reports bad quantities, inverted limits and metadata problems at once", async () => {
    setStackConfig({ "aigov:defaults": DEFAULTS });
    expectInputError(
      () =>
        new K8sTeamNamespace("ns", {
          namespaceName: "Risk_ML",
          quota: { gpus: -1, cpuRequests: "lots", memoryRequests: "512Gi" },
          limits: { defaultCpuRequest: "2", defaultCpuLimit: "500m" },
        }),
      inputError("K8sTeamNamespace", "ns", [
        {
          propertyPath: "metadata.assetId",
          reason:
            "required: set `assetId` here or in the stack config `aigov:defaults` (aigov-required-metadata)",
        },
        {
          propertyPath: "namespaceName",
          reason: "expected a DNS-1123 label matching ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$",
        },
        { propertyPath: "quota.gpus", reason: "expected an integer >= 0, got -1" },
        {
          propertyPath: "quota.cpuRequests",
          reason: 'expected a Kubernetes quantity such as `2`, `500m` or `16Gi`, got "lots"',
        },
        { propertyPath: "quota.memoryRequests", reason: "must not exceed `memoryLimits`" },
        { propertyPath: "limits.defaultCpuRequest", reason: "must not exceed `defaultCpuLimit`" },
      ]),
    );
    await settle();
    expect(mocks.resources).toEqual([]);
  });
});
