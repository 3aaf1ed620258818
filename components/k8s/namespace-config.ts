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

/**
 * Checks a request/limit pair of quantities under `path`: each given value must parse, and the
 * effective request (given or default) must not exceed the effective limit.
 */
function checkPair<K extends string>(
  problems: Problems,
  path: string,
  given: Partial<Record<K, string>>,
  effective: Record<K, string>,
  request: K,
  limit: K,
): void {
  for (const field of [request, limit]) {
    const value = given[field];
    if (value !== undefined && parseQuantity(value) === undefined) {
      problems.add(
        `${path}.${field}`,
        `expected a Kubernetes quantity such as \`2\`, \`500m\` or \`16Gi\`, got "${value}"`,
      );
    }
  }
  const low = parseQuantity(effective[request]);
  const high = parseQuantity(effective[limit]);
  if (low !== undefined && high !== undefined && low > high) {
    problems.add(`${path}.${request}`, `must not exceed \`${limit}\``);
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
  checkPair(problems, "quota", q, r.quota, "cpuRequests", "cpuLimits");
  checkPair(problems, "quota", q, r.quota, "memoryRequests", "memoryLimits");
  const l = args.limits ?? {};
  checkPair(problems, "limits", l, r.limits, "defaultCpuRequest", "defaultCpuLimit");
  checkPair(problems, "limits", l, r.limits, "defaultMemoryRequest", "defaultMemoryLimit");
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
