import { z } from "zod";

/** Services the offline catalog prices. `*-gpu` entries are per-GPU adders. */
export const PRICING_SERVICES = [
  "sagemaker",
  "ec2",
  "gce",
  "gce-gpu",
  "vertex",
  "vertex-gpu",
] as const;

/** A priced service (namespace of a catalog sku). */
export type PricingService = (typeof PRICING_SERVICES)[number];

/** Date (YYYY-MM-DD) on which the figures set in this file were captured. */
export const CATALOG_CAPTURED_AT = "2026-11-26";

/** Region every AWS figure refers to. */
export const AWS_PRICING_REGION = "us-east-1";

/** Region every GCP figure refers to. */
export const GCP_PRICING_REGION = "us-central1";

/** Official public price pages the figures are taken from. */
export const PRICE_SOURCES = {
  sagemaker: "https://aws.amazon.com/sagemaker/pricing/",
  ec2: "https://aws.amazon.com/ec2/pricing/on-demand/",
  gce: "https://cloud.google.com/compute/vm-instance-pricing",
  "gce-gpu": "https://cloud.google.com/compute/gpus-pricing",
  vertex: "https://cloud.google.com/vertex-ai/pricing",
  "vertex-gpu": "https://cloud.google.com/vertex-ai/pricing",
} as const satisfies Record<PricingService, string>;

/** True for the AWS services (SageMaker hosting, EC2). */
export function isAwsService(service: PricingService): boolean {
  return service === "sagemaker" || service === "ec2";
}

/** True for the per-GPU adder services. */
export function isGpuService(service: PricingService): boolean {
  return service === "gce-gpu" || service === "vertex-gpu";
}

/** Schema of one catalog entry (an on-demand USD/hour list price). */
export const PriceEntrySchema = z
  .strictObject({
    sku: z.string().min(1),
    service: z.enum(PRICING_SERVICES),
    usdPerHour: z.number().positive(),
    region: z.enum([AWS_PRICING_REGION, GCP_PRICING_REGION]),
    source: z.url({ protocol: /^https$/ }),
    capturedAt: z.iso.date(),
    confidence: z.enum(["high", "medium", "low"]).optional(),
    note: z.string().min(1).optional(),
    /** GPUs bundled in the machine/instance rate. */
    gpus: z.number().int().positive().optional(),
    /** GPU model of the bundled GPUs (GCE accelerator naming for GCP, e.g. `nvidia-l4`). */
    gpuType: z.string().min(1).optional(),
  })
  .refine((e) => (e.gpus === undefined) === (e.gpuType === undefined), {
    message: "gpus and gpuType go together",
  })
  .refine((e) => e.region === (isAwsService(e.service) ? AWS_PRICING_REGION : GCP_PRICING_REGION), {
    message: "AWS figures are us-east-1, GCP figures us-central1",
  });

/** One catalog entry: an on-demand USD/hour list price with its provenance. */
export type PriceEntry = z.infer<typeof PriceEntrySchema>;

/** Confidence of a figure. */
export type PriceConfidence = NonNullable<PriceEntry["confidence"]>;

type Extra = Pick<PriceEntry, "note" | "gpus" | "gpuType">;

function entry(
  service: PricingService,
  sku: string,
  usdPerHour: number,
  confidence: PriceConfidence,
  extra: Extra = {},
): PriceEntry {
  return {
    sku,
    service,
    usdPerHour,
    region: isAwsService(service) ? AWS_PRICING_REGION : GCP_PRICING_REGION,
    source: PRICE_SOURCES[service],
    capturedAt: CATALOG_CAPTURED_AT,
    confidence,
    ...extra,
  };
}

const gpu = (gpus: number, gpuType: string, note?: string): Extra =>
  note === undefined ? { gpus, gpuType } : { gpus, gpuType, note };

const G6_NOTE = "Derived from the EC2 g6 rate with the usual SageMaker hosting markup; verify.";
const INF2_NOTE =
  "Equals the EC2 inf2 on-demand rate; SageMaker hosting usually adds a markup, so treat as a lower bound and override from stack config.";
const P4D_NOTE =
  "List price before AWS's mid-2025 P4d price cut; the current rate may be lower (conservative for budgets).";
const VERTEX_BUNDLED_NOTE =
  "Assumed to include the bundled GPU like the Compute Engine rate; if Vertex bills the GPU adder separately, override.";

/** The offline catalog of on-demand list prices (AWS us-east-1 Linux, GCP us-central1). */
export const PRICE_CATALOG: readonly PriceEntry[] = [
  // SageMaker real-time inference hosting
  entry("sagemaker", "ml.m5.large", 0.115, "high"),
  entry("sagemaker", "ml.m5.xlarge", 0.23, "high"),
  entry("sagemaker", "ml.m5.2xlarge", 0.461, "high"),
  entry("sagemaker", "ml.m5.4xlarge", 0.922, "high"),
  entry("sagemaker", "ml.c5.large", 0.102, "medium"),
  entry("sagemaker", "ml.c5.xlarge", 0.204, "medium"),
  entry("sagemaker", "ml.c5.2xlarge", 0.408, "medium"),
  entry("sagemaker", "ml.g4dn.xlarge", 0.736, "high", gpu(1, "nvidia-t4")),
  entry("sagemaker", "ml.g4dn.2xlarge", 0.94, "medium", gpu(1, "nvidia-t4")),
  entry("sagemaker", "ml.g4dn.12xlarge", 4.89, "medium", gpu(4, "nvidia-t4")),
  entry("sagemaker", "ml.g5.xlarge", 1.408, "high", gpu(1, "nvidia-a10g")),
  entry("sagemaker", "ml.g5.2xlarge", 1.515, "medium", gpu(1, "nvidia-a10g")),
  entry("sagemaker", "ml.g5.12xlarge", 7.09, "medium", gpu(4, "nvidia-a10g")),
  entry("sagemaker", "ml.g5.48xlarge", 20.36, "medium", gpu(8, "nvidia-a10g")),
  entry("sagemaker", "ml.g6.xlarge", 1.1267, "low", gpu(1, "nvidia-l4", G6_NOTE)),
  entry("sagemaker", "ml.g6.2xlarge", 1.222, "low", gpu(1, "nvidia-l4", G6_NOTE)),
  entry("sagemaker", "ml.g6.12xlarge", 5.752, "low", gpu(4, "nvidia-l4", G6_NOTE)),
  entry("sagemaker", "ml.p4d.24xlarge", 37.688, "low", gpu(8, "nvidia-a100", P4D_NOTE)),
  entry("sagemaker", "ml.inf2.xlarge", 0.758, "low", gpu(1, "aws-inferentia2", INF2_NOTE)),
  entry("sagemaker", "ml.inf2.8xlarge", 1.968, "low", gpu(1, "aws-inferentia2", INF2_NOTE)),
  entry("sagemaker", "ml.inf2.24xlarge", 6.491, "low", gpu(6, "aws-inferentia2", INF2_NOTE)),
  // EC2 GPU/accelerator families used as EKS node groups
  entry("ec2", "g4dn.xlarge", 0.526, "high", gpu(1, "nvidia-t4")),
  entry("ec2", "g4dn.2xlarge", 0.752, "high", gpu(1, "nvidia-t4")),
  entry("ec2", "g4dn.12xlarge", 3.912, "high", gpu(4, "nvidia-t4")),
  entry("ec2", "g5.xlarge", 1.006, "high", gpu(1, "nvidia-a10g")),
  entry("ec2", "g5.2xlarge", 1.212, "high", gpu(1, "nvidia-a10g")),
  entry("ec2", "g5.12xlarge", 5.672, "high", gpu(4, "nvidia-a10g")),
  entry("ec2", "g6.xlarge", 0.8048, "medium", gpu(1, "nvidia-l4")),
  entry("ec2", "g6.2xlarge", 0.9776, "medium", gpu(1, "nvidia-l4")),
  entry("ec2", "p4d.24xlarge", 32.7726, "low", gpu(8, "nvidia-a100", P4D_NOTE)),
  entry("ec2", "inf2.xlarge", 0.7582, "high", gpu(1, "aws-inferentia2")),
  entry("ec2", "inf2.8xlarge", 1.9679, "high", gpu(1, "aws-inferentia2")),
  // Compute Engine machine types (g2/a2/a3 rates include their GPUs)
  entry("gce", "n1-standard-4", 0.189999, "high"),
  entry("gce", "n1-standard-8", 0.379998, "high"),
  entry("gce", "n1-standard-16", 0.759996, "high"),
  entry("gce", "n2-standard-4", 0.194236, "high"),
  entry("gce", "n2-standard-8", 0.388472, "high"),
  entry("gce", "g2-standard-4", 0.70683228, "medium", gpu(1, "nvidia-l4")),
  entry("gce", "g2-standard-8", 0.85362176, "medium", gpu(1, "nvidia-l4")),
  entry("gce", "g2-standard-12", 1.00041124, "medium", gpu(1, "nvidia-l4")),
  entry("gce", "a2-highgpu-1g", 3.673385, "high", gpu(1, "nvidia-tesla-a100")),
  entry("gce", "a2-highgpu-2g", 7.34677, "high", gpu(2, "nvidia-tesla-a100")),
  entry("gce", "a3-highgpu-8g", 88.253735, "low", gpu(8, "nvidia-h100-80gb")),
  // Compute Engine GPUs, per GPU
  entry("gce-gpu", "nvidia-tesla-t4", 0.35, "high"),
  entry("gce-gpu", "nvidia-l4", 0.56, "medium"),
  entry("gce-gpu", "nvidia-tesla-a100", 2.933908, "high"),
  entry("gce-gpu", "nvidia-h100-80gb", 11.06125, "low"),
  // Vertex AI online prediction node-hours
  entry("vertex", "n1-standard-4", 0.2185, "medium"),
  entry("vertex", "n1-standard-8", 0.437, "medium"),
  entry("vertex", "g2-standard-4", 0.812857, "low", gpu(1, "nvidia-l4", VERTEX_BUNDLED_NOTE)),
  entry("vertex", "g2-standard-8", 0.981665, "low", gpu(1, "nvidia-l4", VERTEX_BUNDLED_NOTE)),
  entry(
    "vertex",
    "a2-highgpu-1g",
    4.224393,
    "low",
    gpu(1, "nvidia-tesla-a100", VERTEX_BUNDLED_NOTE),
  ),
  // Vertex AI GPU adders, per GPU
  entry("vertex-gpu", "nvidia-tesla-t4", 0.4025, "medium"),
  entry("vertex-gpu", "nvidia-l4", 0.644046, "low"),
  entry("vertex-gpu", "nvidia-tesla-a100", 3.374, "medium"),
];

/** Namespaced catalog id, e.g. `sagemaker:ml.g5.xlarge` vs `ec2:g5.xlarge`. */
export function priceId(service: PricingService, sku: string): string {
  return `${service}:${normalizeSku(service, sku)}`;
}

/**
 * Canonical sku spelling. GPU types accept both the GCE (`nvidia-tesla-t4`) and
 * the Vertex (`NVIDIA_TESLA_T4`) spellings; other skus are only trimmed.
 */
export function normalizeSku(service: PricingService, sku: string): string {
  const trimmed = sku.trim();
  return isGpuService(service) ? trimmed.toLowerCase().replace(/_/g, "-") : trimmed;
}

/** Catalog entries keyed by namespaced id (see {@link priceId}). */
export const PRICE_INDEX: ReadonlyMap<string, PriceEntry> = new Map(
  PRICE_CATALOG.map((e) => [priceId(e.service, e.sku), e]),
);

/** Looks up the catalog entry for `sku` under `service`, or `undefined`. */
export function lookupPrice(service: PricingService, sku: string): PriceEntry | undefined {
  return PRICE_INDEX.get(priceId(service, sku));
}
