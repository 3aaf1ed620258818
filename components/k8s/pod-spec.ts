import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { ResolvedService } from "./inference-config";
import { Scheduling } from "./scheduling";

type PodSpec = k8s.types.input.core.v1.PodSpec;
type Container = k8s.types.input.core.v1.Container;
type Resources = k8s.types.input.core.v1.ResourceRequirements;
type SecurityContext = k8s.types.input.core.v1.SecurityContext;
type PodSecurityContext = k8s.types.input.core.v1.PodSecurityContext;

/** Name of the model server container. */
export const CONTAINER_NAME = "server";

/** Hardened container security context: non-root, read-only root FS, no privilege escalation. */
export const CONTAINER_SECURITY_CONTEXT: SecurityContext = {
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

/** Pod security context: non-root user and group, seccomp RuntimeDefault. */
export function podSecurityContext(runAsUser: number): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser,
    runAsGroup: runAsUser,
    fsGroup: runAsUser,
    seccompProfile: { type: "RuntimeDefault" },
  };
}

/** Requests and limits; GPUs go in both (extended resources cannot be overcommitted). */
export function containerResources(r: ResolvedService): Resources {
  const gpus = r.gpus > 0 ? { [r.gpuResourceName]: String(r.gpus) } : {};
  return {
    requests: { cpu: r.cpu, memory: r.memory, ...gpus },
    limits: { cpu: r.cpuLimit, memory: r.memoryLimit, ...gpus },
  };
}

/** One emptyDir volume per writable path (the root file system is read-only). */
export function writableVolumes(paths: string[]): {
  volumes: { name: string; emptyDir: Record<string, never> }[];
  mounts: { name: string; mountPath: string }[];
} {
  const names = paths.map((_, i) => (i === 0 ? "writable" : `writable-${i}`));
  return {
    volumes: names.map((name) => ({ name, emptyDir: {} })),
    mounts: names.map((name, i) => ({ name, mountPath: paths[i] })),
  };
}

/** Container `env` entries of a name → value map, sorted by name (none for an empty map). */
export function envVars(env: { [key: string]: pulumi.Input<string> } | undefined): {
  env?: { name: string; value: pulumi.Input<string> }[];
} {
  const names = Object.keys(env ?? {}).sort();
  return names.length > 0 ? { env: names.map((name) => ({ name, value: env![name] })) } : {};
}

/** The model server container with probes, resources and the hardened security context. */
export function serverContainer(
  r: ResolvedService,
  image: pulumi.Input<string>,
  extra: {
    command?: pulumi.Input<string>[];
    args?: pulumi.Input<string>[];
    env?: { [key: string]: pulumi.Input<string> };
  },
): Container {
  const httpGet = (path: string) => ({ path, port: "http" });
  return {
    name: CONTAINER_NAME,
    image,
    ...(extra.command ? { command: extra.command } : {}),
    ...(extra.args ? { args: extra.args } : {}),
    ...envVars(extra.env),
    ports: [{ name: "http", containerPort: r.port, protocol: "TCP" }],
    resources: containerResources(r),
    startupProbe: {
      httpGet: httpGet(r.readinessPath),
      periodSeconds: 10,
      failureThreshold: Math.ceil(r.startupTimeoutSeconds / 10),
    },
    readinessProbe: { httpGet: httpGet(r.readinessPath), periodSeconds: 10, failureThreshold: 3 },
    livenessProbe: { httpGet: httpGet(r.livenessPath), periodSeconds: 20, failureThreshold: 3 },
    securityContext: CONTAINER_SECURITY_CONTEXT,
    volumeMounts: writableVolumes(r.writablePaths).mounts,
  };
}

/** The pod spec of the model server Deployment. */
export function buildPodSpec(
  r: ResolvedService,
  container: Container,
  scheduling: Scheduling,
  extra: { serviceAccountName?: pulumi.Input<string>; priorityClassName?: string },
): PodSpec {
  return {
    ...(extra.serviceAccountName ? { serviceAccountName: extra.serviceAccountName } : {}),
    automountServiceAccountToken: extra.serviceAccountName !== undefined,
    ...(extra.priorityClassName ? { priorityClassName: extra.priorityClassName } : {}),
    securityContext: podSecurityContext(r.runAsUser),
    containers: [container],
    volumes: writableVolumes(r.writablePaths).volumes,
    ...scheduling,
  };
}
