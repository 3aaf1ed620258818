import { z } from "zod";
import {
  PRICING_SERVICES,
  PriceConfidence,
  PricingService,
  isAwsService,
  lookupPrice,
  normalizeSku,
  priceId,
} from "./catalog";
import { SPOT_UNSUPPORTED_SERVICES, spotFactorFor } from "./spot";

/** Hours in a billing month used by every monthly figure. */
export const HOURS_PER_MONTH = 730;

/**
 * Stack-config price overrides: USD/hour keyed by sku as users write it
 * (`ml.g5.xlarge`, `n1-standard-4`, `NVIDIA_TESLA_T4`). A plain sku applies to every
 * service; a namespaced key (`vertex:n1-standard-4`) to that service only and wins.
 */
export const PricingOverridesSchema = z.record(
  z.string().min(1),
  z
    .number({ error: "expected a positive price in USD per hour" })
    .positive({ error: "expected a positive price in USD per hour" }),
);

/** Validated stack-config price overrides. */
export type PricingOverrides = z.infer<typeof PricingOverridesSchema>;

/** A price resolved from an override or the catalog. */
export interface ResolvedPrice {
  id: string;
  service: PricingService;
  sku: string;
  usdPerHour: number;
  origin: "override" | "catalog";
  /** Price page URL, or `stack-config override (<key>)`. */
  source: string;
  capturedAt?: string;
  confidence?: PriceConfidence;
  gpus?: number;
  gpuType?: string;
}

function findOverride(service: PricingService, sku: string, overrides: PricingOverrides) {
  const wanted = normalizeSku(service, sku);
  let plain: [string, number] | undefined;
  for (const [key, usd] of Object.entries(overrides)) {
    const sep = key.indexOf(":");
    const prefix = sep > 0 ? key.slice(0, sep) : undefined;
    if (prefix !== undefined && (PRICING_SERVICES as readonly string[]).includes(prefix)) {
      if (prefix === service && normalizeSku(service, key.slice(sep + 1)) === wanted) {
        return [key, usd] as const;
      }
    } else if (plain === undefined && normalizeSku(service, key) === wanted) {
      plain = [key, usd];
    }
  }
  return plain;
}

/** Resolves the on-demand price of `sku` under `service`; an override wins over the catalog. */
export function resolvePrice(
  service: PricingService,
  sku: string,
  overrides: PricingOverrides = {},
): ResolvedPrice | undefined {
  const entry = lookupPrice(service, sku);
  const bundled = entry?.gpus === undefined ? {} : { gpus: entry.gpus, gpuType: entry.gpuType };
  const id = priceId(service, sku);
  const normalized = normalizeSku(service, sku);
  const override = findOverride(service, sku, overrides);
  if (override !== undefined) {
    const [key, usdPerHour] = override;
    const source = `stack-config override (${key})`;
    return { id, service, sku: normalized, usdPerHour, origin: "override", source, ...bundled };
  }
  if (entry === undefined) return undefined;
  const { usdPerHour, source, capturedAt, confidence } = entry;
  return {
    id,
    service,
    sku: entry.sku,
    usdPerHour,
    origin: "catalog",
    source,
    capturedAt,
    confidence,
    ...bundled,
  };
}

/** On-demand USD/hour of `sku` under `service` (override first), or `undefined` if unknown. */
export function hourlyPrice(
  service: PricingService,
  sku: string,
  overrides?: PricingOverrides,
): number | undefined {
  return resolvePrice(service, sku, overrides)?.usdPerHour;
}

/** Schema of the estimator input. */
export const EstimateInputSchema = z.strictObject({
  service: z.enum(PRICING_SERVICES),
  sku: z.string().min(1),
  replicas: z
    .strictObject({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() })
    .refine((r) => r.min <= r.max, { message: "replicas.min must be <= replicas.max" }),
  spot: z.boolean().optional(),
  /** Attached GPUs per replica (GCE/Vertex), priced from `gce-gpu`/`vertex-gpu`. */
  accelerators: z
    .strictObject({ type: z.string().min(1), count: z.number().int().positive() })
    .optional(),
});

/** Estimator input: a machine/instance type, its replica range and options. */
export type EstimateInput = z.infer<typeof EstimateInputSchema>;

/** One priced line of an estimate, per replica. */
export interface CostLine extends ResolvedPrice {
  kind: "instance" | "accelerator";
  quantityPerReplica: number;
  /** Fraction of on-demand paid when running on spot. */
  spotFactor?: number;
  spotSource?: string;
  /** `usdPerHour × quantityPerReplica × (spotFactor ?? 1)`. */
  usdPerReplicaHour: number;
}

/** A priced estimate; numbers keep full precision (round only for display). */
export interface KnownEstimate {
  known: true;
  usdPerReplicaHour: number;
  hourlyUsd: { min: number; max: number };
  monthlyUsd: { min: number; max: number };
  breakdown: CostLine[];
  sources: string[];
}

/** Why no estimate could be made; unknown types are never priced as zero. */
export interface UnknownEstimate {
  known: false;
  code: "unknown-sku" | "unsupported" | "invalid-input";
  reason: string;
  /** Skus (as written) with no catalog price and no override. */
  unknownSkus: string[];
}

/** Result of {@link estimateCost}. */
export type CostEstimate = KnownEstimate | UnknownEstimate;

const GPU_SERVICE: Partial<Record<PricingService, PricingService>> = {
  gce: "gce-gpu",
  vertex: "vertex-gpu",
};

function fail(code: UnknownEstimate["code"], reason: string, unknownSkus: string[] = []) {
  return { known: false, code, reason, unknownSkus } satisfies UnknownEstimate;
}

/** Estimates hourly and monthly (730 h) cost for a replica range, using overrides first. */
export function estimateCost(input: EstimateInput, overrides: PricingOverrides = {}): CostEstimate {
  const parsedInput = EstimateInputSchema.safeParse(input);
  if (!parsedInput.success) return fail("invalid-input", z.prettifyError(parsedInput.error));
  const parsedOverrides = PricingOverridesSchema.safeParse(overrides);
  if (!parsedOverrides.success)
    return fail("invalid-input", z.prettifyError(parsedOverrides.error));
  const { service, sku, replicas, spot = false, accelerators } = parsedInput.data;
  const ov = parsedOverrides.data;

  if (spot && SPOT_UNSUPPORTED_SERVICES.includes(service)) {
    return fail(
      "unsupported",
      `SageMaker hosting has no spot capacity: ${sku} can only be priced on-demand (spot exists only for SageMaker training).`,
    );
  }
  const gpuService = GPU_SERVICE[service];
  if (accelerators !== undefined && gpuService === undefined) {
    const why = isAwsService(service)
      ? "AWS instance types include their accelerators; pick a GPU instance type instead"
      : "accelerators attach to gce/vertex machine types only";
    return fail("unsupported", `Accelerators are not priced separately for ${service}: ${why}.`);
  }

  const machine = resolvePrice(service, sku, ov);
  const unknown: string[] = machine === undefined ? [sku] : [];
  const lines: Omit<CostLine, "usdPerReplicaHour">[] = [];
  if (machine !== undefined) lines.push({ ...machine, kind: "instance", quantityPerReplica: 1 });

  if (accelerators !== undefined && gpuService !== undefined) {
    const type = normalizeSku(gpuService, accelerators.type);
    if (machine?.gpus !== undefined) {
      if (machine.gpuType !== type || machine.gpus !== accelerators.count) {
        return fail(
          "unsupported",
          `${service} ${sku} already includes ${machine.gpus}× ${machine.gpuType}; it cannot take ${accelerators.count}× ${accelerators.type}.`,
        );
      }
      // Matching accelerators are already included in the machine rate.
    } else {
      const price = resolvePrice(gpuService, accelerators.type, ov);
      if (price === undefined) unknown.push(accelerators.type);
      else lines.push({ ...price, kind: "accelerator", quantityPerReplica: accelerators.count });
    }
  }
  if (unknown.length > 0) {
    return fail(
      "unknown-sku",
      `No ${service} price for ${unknown.join(", ")} in the offline catalog; ` +
        "add a stack-config pricing override (USD/hour) to price it.",
      unknown,
    );
  }

  const breakdown: CostLine[] = [];
  for (const line of lines) {
    let factor = 1;
    let spotPart: Pick<CostLine, "spotFactor" | "spotSource"> = {};
    if (spot) {
      const f = spotFactorFor(line.service, line.sku);
      if (f === undefined) return fail("unsupported", `No spot factor known for ${line.id}.`);
      factor = f.factor;
      spotPart = { spotFactor: f.factor, spotSource: f.source };
    }
    const usdPerReplicaHour = line.usdPerHour * line.quantityPerReplica * factor;
    breakdown.push({ ...line, ...spotPart, usdPerReplicaHour });
  }

  const perReplica = breakdown.reduce((sum, l) => sum + l.usdPerReplicaHour, 0);
  const hourlyUsd = { min: perReplica * replicas.min, max: perReplica * replicas.max };
  const monthlyUsd = { min: hourlyUsd.min * HOURS_PER_MONTH, max: hourlyUsd.max * HOURS_PER_MONTH };
  const sources = [
    ...new Set(breakdown.flatMap((l) => (l.spotSource ? [l.source, l.spotSource] : [l.source]))),
  ];
  return { known: true, usdPerReplicaHour: perReplica, hourlyUsd, monthlyUsd, breakdown, sources };
}

/** Formats USD for display, rounded to cents (e.g. `$1,027.84`). */
export function formatUsd(usd: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(usd);
}
