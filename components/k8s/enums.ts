/** Capacity a Kubernetes workload runs on. */
export enum K8sCapacityPreset {
  /** On-demand nodes only (selected explicitly where the platform labels them). */
  OnDemand = "onDemand",
  /** Spot/preemptible nodes only, with at least 2 replicas spread across nodes. */
  Spot = "spot",
  /** Prefer spot nodes, fall back to on-demand nodes when none are available. */
  SpotWithOnDemandFallback = "spotWithOnDemandFallback",
}

/** How the cluster provisions nodes, which decides the spot node labels and taints. */
export enum K8sPlatform {
  /** Karpenter on AWS (`karpenter.sh/capacity-type`; 2-minute interruption notice). */
  Karpenter = "karpenter",
  /** GKE Spot VMs (`cloud.google.com/gke-spot`; about 30 s notice). */
  Gke = "gke",
  /** EKS managed node groups (`eks.amazonaws.com/capacityType`; 2-minute notice). */
  EksManaged = "eksManaged",
  /** AKS spot node pools (`kubernetes.azure.com/scalesetpriority`, tainted; 30 s notice). */
  Aks = "aks",
}

/** What scales the model server. */
export enum K8sAutoscaler {
  /** An `autoscaling/v2` HorizontalPodAutoscaler on CPU or a custom pods metric. */
  Hpa = "hpa",
  /** A KEDA `ScaledObject` on a Prometheus query; can scale to zero when idle. */
  Keda = "keda",
}

/** How KServe runs an `InferenceService`. */
export enum K8sKServeDeploymentMode {
  /** Plain Deployments with an HPA (no Knative needed). */
  RawDeployment = "RawDeployment",
  /** Knative revisions with request-based autoscaling and scale to zero. */
  Serverless = "Serverless",
}

/** Pod Security Standard enforced on a namespace. */
export enum K8sPodSecurityLevel {
  /** Hardened pods only (non-root, no privilege escalation, seccomp, dropped capabilities). */
  Restricted = "restricted",
  /** Blocks known privilege escalations. */
  Baseline = "baseline",
  /** No restrictions. */
  Privileged = "privileged",
}
