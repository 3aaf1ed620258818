import { z } from "zod";
import { ASSET_ID_PATTERN } from "../metadata";

const tokens = (what: string) =>
  z
    .number({ error: `expected the number of ${what} tokens a month (a number ≥ 0)` })
    .nonnegative({ error: `expected the number of ${what} tokens a month (a number ≥ 0)` });

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Expected usage of one usage-priced asset (on-demand LLM tokens). */
export const AssetUsageSchema = z
  .object({
    inputTokensPerMonth: tokens("input").optional(),
    outputTokensPerMonth: tokens("output").optional(),
  })
  .strict()
  .superRefine(
    (u, ctx) => {
      if (u.inputTokensPerMonth === undefined && u.outputTokensPerMonth === undefined) {
        ctx.addIssue({
          code: "custom",
          input: u,
          message: "expected `inputTokensPerMonth`, `outputTokensPerMonth` or both",
        });
      }
    },
    // Also when a figure is wrong (every problem at once), not when a field is misspelt.
    {
      when: (payload) =>
        isPlainObject(payload.value) && !payload.issues.some((i) => i.code === "unrecognized_keys"),
    },
  );

/** Expected usage of one asset. */
export type AssetUsage = z.infer<typeof AssetUsageSchema>;

/**
 * Stack-config `aigov:usage` (docs/contract.md §4): the expected usage of usage-priced assets, by
 * `asset-id`, e.g. `{"support-bot": {"inputTokensPerMonth": 2e8, "outputTokensPerMonth": 4e7}}`.
 */
export const UsageSchema = z
  .record(z.string(), AssetUsageSchema, {
    error: "expected an object of asset ids → {inputTokensPerMonth, outputTokensPerMonth}",
  })
  .superRefine(
    (usage, ctx) => {
      for (const assetId of Object.keys(usage)) {
        if (ASSET_ID_PATTERN.test(assetId)) continue;
        ctx.addIssue({
          code: "custom",
          path: [assetId],
          input: assetId,
          message:
            "expected an asset id (lower-case letters, digits and `-`, starting with a letter)",
        });
      }
    },
    // Also when an asset's figures are wrong, so that every problem is reported at once.
    { when: (payload) => isPlainObject(payload.value) },
  );

/** Validated `aigov:usage`. */
export type Usage = z.infer<typeof UsageSchema>;
