import { createHash } from "crypto";
import { Stage } from "./metadata";

/** A naming target: the limits of one kind of cloud resource name. */
export interface NameTarget {
  /** Longest allowed name. */
  maxLength: number;
  /** Shortest allowed name. */
  minLength: number;
  /** Whether upper-case letters are kept (otherwise the name is lower-cased). */
  keepCase: boolean;
  /** Characters allowed besides letters and digits. */
  extraChars: string;
  /** Pattern every produced name matches. */
  pattern: RegExp;
}

/** Name limits of the clouds' resources. */
export const NAME_TARGETS = {
  /** SageMaker names: up to 63 of `[a-zA-Z0-9-]`, alphanumeric at both ends. */
  sagemaker: {
    maxLength: 63,
    minLength: 1,
    keepCase: true,
    extraChars: "-",
    pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/,
  },
  /** S3 bucket names: 3–63 of lower-case letters, digits and `-`, alphanumeric at both ends. */
  s3: {
    maxLength: 63,
    minLength: 3,
    keepCase: false,
    extraChars: "-",
    pattern: /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
  },
  /** GCS bucket names: 3–63 of lower-case letters, digits, `-` and `_`, alphanumeric at both ends. */
  gcs: {
    maxLength: 63,
    minLength: 3,
    keepCase: false,
    extraChars: "-_",
    pattern: /^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/,
  },
  /** Kubernetes DNS-1123 labels: up to 63 of lower-case letters, digits and `-`. */
  k8s: {
    maxLength: 63,
    minLength: 1,
    keepCase: false,
    extraChars: "-",
    pattern: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
  },
  /** IAM role names: up to 64 characters (we use `[a-zA-Z0-9-]`). */
  iamRole: {
    maxLength: 64,
    minLength: 1,
    keepCase: true,
    extraChars: "-",
    pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}$/,
  },
  /** ECR repository names: lower-case, up to 256 characters. */
  ecr: {
    maxLength: 256,
    minLength: 2,
    keepCase: false,
    extraChars: "-",
    pattern: /^[a-z0-9]([a-z0-9-]{0,254}[a-z0-9])$/,
  },
  /** GCP resource ids (Artifact Registry repositories, key rings, topics): start with a letter. */
  gcpId: {
    maxLength: 63,
    minLength: 1,
    keepCase: false,
    extraChars: "-",
    pattern: /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
  },
} as const satisfies Record<string, NameTarget>;

/** The name of a naming target. */
export type NameTargetName = keyof typeof NAME_TARGETS;

/** Short stage names used inside resource names. */
export const STAGE_ABBREVIATIONS: Readonly<Record<Stage, string>> = {
  experimental: "exp",
  staging: "stg",
  production: "prod",
  deprecated: "dep",
  retired: "ret",
};

const HASH_LENGTH = 8;

/** A short, stable hash of `input` (8 base-36 characters). */
export function shortHash(input: string): string {
  const hex = createHash("sha256").update(input).digest("hex").slice(0, 12);
  return BigInt(`0x${hex}`).toString(36).padStart(HASH_LENGTH, "0").slice(-HASH_LENGTH);
}

function sanitize(raw: string, target: NameTarget): string {
  const text = target.keepCase ? raw : raw.toLowerCase();
  let out = "";
  for (const ch of text) {
    out += /^[A-Za-z0-9]$/.test(ch) || target.extraChars.includes(ch) ? ch : "-";
  }
  return out
    .replace(/-{2,}/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .replace(/[^A-Za-z0-9]+$/, "");
}

/**
 * Fits `raw` to a target's limits. A name that is already valid is kept as it is; otherwise it is
 * sanitised, cut, and given a hash of the original so that two different inputs never share a name.
 */
export function fitName(raw: string, targetName: NameTargetName): string {
  const target: NameTarget = NAME_TARGETS[targetName];
  if (
    raw.length <= target.maxLength &&
    target.pattern.test(raw) &&
    !(targetName === "gcs" && /goog/.test(raw))
  ) {
    return raw;
  }
  let base = sanitize(raw, target);
  if (targetName === "gcs") base = base.replace(/goog/g, "g00g");
  if (targetName === "gcpId" && !/^[a-z]/.test(base)) base = `x${base}`;
  const room = target.maxLength - HASH_LENGTH - 1;
  base = base.slice(0, room).replace(/[^A-Za-z0-9]+$/, "");
  const hash = shortHash(raw);
  const name = base.length > 0 ? `${base}-${hash}` : targetName === "gcpId" ? `x${hash}` : hash;
  return name;
}

/** Parts of a governed resource name. */
export interface NameParts {
  /** Owning team. */
  team: string;
  /** Asset id. */
  assetId: string;
  /** Lifecycle stage. */
  stage: Stage;
  /** Optional role of the resource within the asset (`artifacts`, `endpoint`, …). */
  suffix?: string;
}

/** Builds a `<team>-<asset>-<stage>[-<suffix>]` name that fits the target. */
export function resourceName(parts: NameParts, target: NameTargetName): string {
  const segments = [parts.team, parts.assetId, STAGE_ABBREVIATIONS[parts.stage]];
  if (parts.suffix) segments.push(parts.suffix);
  return fitName(segments.join("-"), target);
}
