import { z } from "zod";
import {
  PRICING_SERVICES,
  PricingService,
  isAwsService,
  isGpuService,
  normalizeSku,
} from "./catalog";

/** Services with no spot capacity at all: asking for spot there is an error. */
export const SPOT_UNSUPPORTED_SERVICES: readonly PricingService[] = ["sagemaker"];

/** Date (YYYY-MM-DD) on which the spot factors were set. */
export const SPOT_CAPTURED_AT = "2026-11-26";

/** Schema of a spot discount factor (the fraction of the on-demand price you pay). */
export const SpotFactorSchema = z.strictObject({
  service: z.enum(PRICING_SERVICES),
  /** Machine family (`g5`, `n1`, `a2`) or GPU type; absent for the service-wide default. */
  family: z.string().min(1).optional(),
  factor: z.number().positive().max(1),
  source: z.url({ protocol: /^https$/ }),
  capturedAt: z.iso.date(),
  confidence: z.enum(["high", "medium", "low"]),
  note: z.string().min(1),
});

/** A spot discount factor with its provenance. */
export type SpotFactor = z.infer<typeof SpotFactorSchema>;

const AWS_SPOT = "https://aws.amazon.com/ec2/spot/pricing/";
const GCP_SPOT = "https://cloud.google.com/spot-vms/pricing";
const VERTEX = "https://cloud.google.com/vertex-ai/pricing";

const PLANNING =
  "Planning assumption: spot prices move with supply and demand (AWS by AZ and hour, GCP up to monthly).";
const VERTEX_NOTE =
  "Assumes Vertex spot (Model Garden deployments only) tracks the Compute Engine Spot VM discount.";

function factor(
  service: PricingService,
  family: string | undefined,
  value: number,
  source: string,
  confidence: SpotFactor["confidence"],
  note: string,
): SpotFactor {
  const base = { service, factor: value, source, capturedAt: SPOT_CAPTURED_AT, confidence, note };
  return family === undefined ? base : { ...base, family };
}

/** Spot discount factors; a family-specific factor wins over the service default. */
export const SPOT_FACTORS: readonly SpotFactor[] = [
  factor("ec2", undefined, 0.35, AWS_SPOT, "low", `AWS advertises up to 90% off. ${PLANNING}`),
  factor("gce", undefined, 0.3, GCP_SPOT, "medium", `Spot VMs are 60-91% off. ${PLANNING}`),
  factor("gce-gpu", undefined, 0.35, GCP_SPOT, "low", PLANNING),
  factor("gce-gpu", "nvidia-tesla-t4", 0.31, GCP_SPOT, "medium", PLANNING),
  factor("gce-gpu", "nvidia-l4", 0.4, GCP_SPOT, "low", PLANNING),
  factor("gce-gpu", "nvidia-tesla-a100", 0.4, GCP_SPOT, "low", PLANNING),
  factor("vertex", undefined, 0.3, VERTEX, "low", `${VERTEX_NOTE} ${PLANNING}`),
  factor("vertex-gpu", undefined, 0.35, VERTEX, "low", `${VERTEX_NOTE} ${PLANNING}`),
  factor("vertex-gpu", "nvidia-tesla-t4", 0.31, VERTEX, "low", `${VERTEX_NOTE} ${PLANNING}`),
];

/**
 * Family a sku belongs to for spot purposes: `ml.g5.xlarge`/`g5.xlarge` → `g5`,
 * `n1-standard-4` → `n1`, GPU types → the normalized GPU type.
 */
export function skuFamily(service: PricingService, sku: string): string {
  const s = normalizeSku(service, sku);
  if (isGpuService(service)) return s;
  if (isAwsService(service)) return s.replace(/^ml\./, "").split(".")[0];
  return s.split("-")[0];
}

/**
 * The spot factor for `sku` under `service`, or `undefined` when the service has
 * no spot capacity (SageMaker hosting) or no factor is known.
 */
export function spotFactorFor(service: PricingService, sku: string): SpotFactor | undefined {
  if (SPOT_UNSUPPORTED_SERVICES.includes(service)) return undefined;
  const family = skuFamily(service, sku);
  const candidates = SPOT_FACTORS.filter((f) => f.service === service);
  return (
    candidates.find((f) => f.family === family) ?? candidates.find((f) => f.family === undefined)
  );
}
