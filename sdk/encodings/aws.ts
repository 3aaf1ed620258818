import {
  GovernanceMetadata,
  METADATA_KEYS,
  MetadataKey,
  PartialMetadata,
  metadataToStrings,
} from "../metadata";

/** Prefix of every aigov AWS tag key. */
export const AWS_TAG_PREFIX = "aigov:";
/** AWS tag keys are at most 128 characters. */
export const AWS_TAG_KEY_MAX = 128;
/** AWS tag values are at most 256 characters. */
export const AWS_TAG_VALUE_MAX = 256;
/** AWS allows at most 50 user tags on a resource. */
export const AWS_MAX_TAGS = 50;
/** Characters AWS allows in tag keys and values: letters, digits, spaces and `_ . : / = + - @`. */
export const AWS_TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** The AWS tag key of a metadata key (`cost-center` → `aigov:cost-center`). */
export function awsTagKey(key: MetadataKey): string {
  return `${AWS_TAG_PREFIX}${key}`;
}

/** Problems with a tag map under AWS's rules, each naming the tag. */
export function awsTagProblems(tags: Record<string, string>): string[] {
  const problems: string[] = [];
  const keys = Object.keys(tags);
  if (keys.length > AWS_MAX_TAGS)
    problems.push(`at most ${AWS_MAX_TAGS} tags are allowed, got ${keys.length}`);
  for (const [k, v] of Object.entries(tags)) {
    if (k.length === 0 || [...k].length > AWS_TAG_KEY_MAX)
      problems.push(`tag key "${k}" must have 1 to ${AWS_TAG_KEY_MAX} characters`);
    if (!AWS_TAG_CHARS.test(k))
      problems.push(`tag key "${k}" may only contain letters, digits, spaces and _ . : / = + - @`);
    if (k.toLowerCase().startsWith("aws:"))
      problems.push(`tag key "${k}" must not start with the reserved prefix aws:`);
    if ([...v].length > AWS_TAG_VALUE_MAX)
      problems.push(`tag "${k}" value must have at most ${AWS_TAG_VALUE_MAX} characters`);
    if (!AWS_TAG_CHARS.test(v))
      problems.push(
        `tag "${k}" value may only contain letters, digits, spaces and _ . : / = + - @`,
      );
  }
  return problems;
}

/** Thrown when metadata cannot be written as AWS tags. */
export class AwsTagError extends Error {
  constructor(readonly problems: string[]) {
    super(`metadata cannot be written as AWS tags: ${problems.join("; ")}`);
    this.name = "AwsTagError";
  }
}

/** Encodes metadata as AWS tags per docs/contract.md (`aigov:<key>`, value verbatim). */
export function encodeAwsTags(meta: GovernanceMetadata | PartialMetadata): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadataToStrings(meta)) as [MetadataKey, string][]) {
    tags[awsTagKey(key)] = value;
  }
  const problems = awsTagProblems(tags);
  if (problems.length > 0) throw new AwsTagError(problems);
  return tags;
}

/** Reads the aigov tags of a resource as verbatim strings by key. */
export function decodeAwsTags(
  tags: Record<string, string> | undefined,
): Partial<Record<MetadataKey, string>> {
  const out: Partial<Record<MetadataKey, string>> = {};
  if (!tags) return out;
  for (const key of METADATA_KEYS) {
    const v = tags[awsTagKey(key)];
    if (typeof v === "string") out[key] = v;
  }
  return out;
}
