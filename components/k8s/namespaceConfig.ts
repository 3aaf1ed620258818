import { NAME_TARGETS } from "../../sdk";
import { checkInteger } from "../common/checks";
import { Problems } from "../common/governance";
import { K8sPodSecurityLevel } from "./enums";
import type { K8sTeamNamespaceArgs } from "./teamNamespace";

const SUFFIXES: Record<string, number> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Value of a Kubernetes quantity (`500m`, `16Gi`, `2`), or undefined when it is not one. */
export function parseQuantity(q: string): number | undefined {
  const m = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(q);
  if (!m) return undefined;
  return Number(m[1]) * SUFFIXES[m[2] ?? ""];
}

/** Namespace settings with every default applied. */
export interface ResolvedNamespace {
  namespaceName: string;
  quota: {
    gpus: number;
    gpuResourceName: string;
    cpuRequests: string;
    cpuLimits: string;
    memoryRequests: string;
    memoryLimits: string;
    pods?: number;
  };
  limits: {
    defaultCpuRequest: string;
    defaultMemoryRequest: string;
    defaultCpuLimit: string;
    defaultMemoryLimit: string;
  };
  allowDnsEgress: boolean;
  podSecurityLevel: K8sPodSecurityLevel;
}

/** Applies the defaults of {@link K8sTeamNamespaceArgs}. */
export function resolveNamespace(
  args: K8sTeamNamespaceArgs,
  defaultName: string,
): ResolvedNamespace {
  const q = args.quota ?? {};
  const l = args.limits ?? {};
  return {
    namespaceName: args.namespaceName ?? defaultName,
    quota: {
      gpus: q.gpus ?? 4,
      gpuResourceName: q.gpuResourceName ?? "nvidia.com/gpu",
      cpuRequests: q.cpuRequests ?? "32",
      cpuLimits: q.cpuLimits ?? "64",
      memoryRequests: q.memoryRequests ?? "128Gi",
      memoryLimits: q.memoryLimits ?? "256Gi",
      ...(q.pods !== undefined ? { pods: q.pods } : {}),
    },
    limits: {
      defaultCpuRequest: l.defaultCpuRequest ?? "250m",
      defaultMemoryRequest: l.defaultMemoryRequest ?? "512Mi",
      defaultCpuLimit: l.defaultCpuLimit ?? "1",
      defaultMemoryLimit: l.defaultMemoryLimit ?? "2Gi",
    },
    allowDnsEgress: args.allowDnsEgress ?? true,
    podSecurityLevel: args.podSecurityLevel ?? K8sPodSecurityLevel.Restricted,
  };
}

/** The `hard` map of the ResourceQuota. */
export function quotaHard(r: ResolvedNamespace): Record<string, string> {
  const q = r.quota;
  return {
    "requests.cpu": q.cpuRequests,
    "limits.cpu": q.cpuLimits,
    "requests.memory": q.memoryRequests,
    "limits.memory": q.memoryLimits,
    [`requests.${q.gpuResourceName}`]: String(q.gpus),
    ...(q.pods !== undefined ? { pods: String(q.pods) } : {}),
  };
}

function checkPair(
  problems: Problems,
  path: string,
  values: [string, string | undefined][],
  effective: [number | undefined, number | undefined],
  names: [string, string],
): void {
  for (const [field, value] of values) {
    if (value !== undefined && parseQuantity(value) === undefined) {
      problems.add(
        `${path}.${field}`,
        `expected a Kubernetes quantity such as \`2\`, \`500m\` or \`16Gi\`, got "${value}"`,
      );
    }
  }
  const [request, limit] = effective;
  if (request !== undefined && limit !== undefined && request > limit) {
    problems.add(`${path}.${names[0]}`, `must not exceed \`${names[1]}\``);
  }
}

/** Checks the plain namespace args; metadata is checked separately. */
export function validateNamespaceArgs(args: K8sTeamNamespaceArgs, problems: Problems): void {
  if (args.namespaceName !== undefined && !NAME_TARGETS.k8s.pattern.test(args.namespaceName)) {
    problems.add(
      "namespaceName",
      `expected a DNS-1123 label matching ${NAME_TARGETS.k8s.pattern.source}`,
    );
  }
  const r = resolveNamespace(args, "x");
  const q = args.quota ?? {};
  checkInteger(problems, "quota.gpus", q.gpus, 0);
  checkInteger(problems, "quota.pods", q.pods, 1);
  const pq = (s: string) => parseQuantity(s);
  checkPair(
    problems,
    "quota",
    [
      ["cpuRequests", q.cpuRequests],
      ["cpuLimits", q.cpuLimits],
    ],
    [pq(r.quota.cpuRequests), pq(r.quota.cpuLimits)],
    ["cpuRequests", "cpuLimits"],
  );
  checkPair(
    problems,
    "quota",
    [
      ["memoryRequests", q.memoryRequests],
      ["memoryLimits", q.memoryLimits],
    ],
    [pq(r.quota.memoryRequests), pq(r.quota.memoryLimits)],
    ["memoryRequests", "memoryLimits"],
  );
  const l = args.limits ?? {};
  checkPair(
    problems,
    "limits",
    [
      ["defaultCpuRequest", l.defaultCpuRequest],
      ["defaultCpuLimit", l.defaultCpuLimit],
    ],
    [pq(r.limits.defaultCpuRequest), pq(r.limits.defaultCpuLimit)],
    ["defaultCpuRequest", "defaultCpuLimit"],
  );
  checkPair(
    problems,
    "limits",
    [
      ["defaultMemoryRequest", l.defaultMemoryRequest],
      ["defaultMemoryLimit", l.defaultMemoryLimit],
    ],
    [pq(r.limits.defaultMemoryRequest), pq(r.limits.defaultMemoryLimit)],
    ["defaultMemoryRequest", "defaultMemoryLimit"],
  );
}

/** Default-deny for all traffic of every pod in the namespace. */
export const DEFAULT_DENY_SPEC = { podSelector: {}, policyTypes: ["Ingress", "Egress"] };

/** Lets every pod resolve names through the cluster DNS in `kube-system`. */
export const ALLOW_DNS_SPEC = {
  podSelector: {},
  policyTypes: ["Egress"],
  egress: [
    {
      to: [
        {
          namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
          podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
        },
      ],
      ports: [
        { protocol: "UDP", port: 53 },
        { protocol: "TCP", port: 53 },
      ],
    },
  ],
};
