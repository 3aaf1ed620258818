import { K8sKServeDeploymentMode } from "./enums";

/** Compute resources of one model server replica. */
export interface K8sResourcesArgs {
  /** CPU request, e.g. `2`; default `1`. */
  cpu?: string;
  /** Memory request, e.g. `16Gi`; default `4Gi`. */
  memory?: string;
  /** CPU limit; default the request. */
  cpuLimit?: string;
  /** Memory limit; default the request. */
  memoryLimit?: string;
  /** Accelerators per replica (requested and limited); default 0. */
  gpus?: number;
  /** Extended resource name of the accelerator; default `nvidia.com/gpu`. */
  gpuResourceName?: string;
}

/** HTTP health checks of the model server (all on the container port). */
export interface K8sProbesArgs {
  /** Readiness (and startup) path; default `/health`. */
  readinessPath?: string;
  /** Liveness path; default `/health`. */
  livenessPath?: string;
  /** Seconds a replica may take to load its model before liveness checks start; default 600. */
  startupTimeoutSeconds?: number;
}

/** A custom pods metric for the HPA (served by a metrics adapter, e.g. Prometheus Adapter). */
export interface K8sCustomMetricArgs {
  /** Metric name, e.g. `inference_requests_in_flight`. */
  name: string;
  /** Target average value per pod, as a quantity, e.g. `8`. */
  targetAverageValue: string;
}

/** KEDA scaling on a Prometheus query. */
export interface K8sKedaArgs {
  /** Prometheus server address, e.g. `http://prometheus.monitoring:9090`. */
  prometheusServerAddress: string;
  /** PromQL query whose value drives the replica count. */
  query: string;
  /** Target value per replica, e.g. `10`. */
  threshold: string;
  /** Value above which the workload wakes from zero; default KEDA's (0). */
  activationThreshold?: string;
  /** Idle at zero replicas when the query is inactive; default true outside `production`. */
  scaleToZero?: boolean;
  /** Seconds of inactivity before scaling to zero; default 300. */
  cooldownSeconds?: number;
  /** Seconds between query evaluations; default 30. */
  pollingIntervalSeconds?: number;
}

/** Serve the model through KServe instead of a plain Deployment. */
export interface K8sKServeArgs {
  /** Model location, e.g. `gs://models/fraud/v3` or `hf://org/model`. */
  storageUri: string;
  /** Model format, e.g. `sklearn`, `huggingface`, `triton`. */
  modelFormat: string;
  /** Model format version. */
  modelFormatVersion?: string;
  /** Serving runtime name; default KServe's choice for the format. */
  runtime?: string;
  /** Inference protocol, `v1` or `v2`. */
  protocolVersion?: string;
  /** Deployment mode; default `RawDeployment`. */
  deploymentMode?: K8sKServeDeploymentMode;
  /** Scale metric (`cpu`, `memory`, `concurrency`, `rps`); default `cpu` (raw) or `concurrency` (serverless). */
  scaleMetric?: string;
  /** Target of the scale metric; default `cpuUtilizationTarget` (raw) or 10 (serverless). */
  scaleTarget?: number;
}
