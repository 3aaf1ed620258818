import fc from "fast-check";
import {
  DATA_CLASSIFICATIONS,
  EVAL_STATUSES,
  GovernanceMetadata,
  RISK_TIERS,
  STAGES,
} from "../../sdk";

const lower = "abcdefghijklmnopqrstuvwxyz";
const digits = "0123456789";
const chars = (alphabet: string, min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet.split("")), minLength: min, maxLength: max });

/** Asset ids and team names as docs/contract.md allows them. */
export const assetId = fc
  .tuple(chars(lower, 1, 1), chars(lower + digits + "-", 1, 40))
  .map(([a, b]) => a + b);
export const team = fc
  .tuple(chars(lower, 1, 1), chars(lower + digits + "-", 0, 30))
  .map(([a, b]) => a + b);
export const email = fc
  .tuple(chars(lower + digits + "._+-", 1, 20), chars(lower + digits, 1, 12), chars(lower, 2, 6))
  .map(([u, d, t]) => `${u}@${d}.${t}`);
export const costCenter = fc
  .tuple(chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2, 5), chars(digits, 2, 8))
  .map(([a, b]) => `${a}-${b}`);
export const url = fc
  .tuple(chars(lower + digits, 1, 20), chars(lower + digits + "/_.-=+@:", 0, 60))
  .map(([host, path]) => `https://${host}.example.com/${path}`);
export const date = fc
  .date({
    min: new Date("2020-01-01T00:00:00Z"),
    max: new Date("2040-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const word = fc
  .tuple(chars(lower + digits, 1, 1), chars(lower + digits + "-", 0, 12))
  .map(([a, b]) => a + b);

/** Any valid governance metadata. */
export const metadata: fc.Arbitrary<GovernanceMetadata> = fc.record(
  {
    assetId,
    owner: email,
    team,
    costCenter,
    stage: fc.constantFrom(...STAGES),
    dataClassification: fc.constantFrom(...DATA_CLASSIFICATIONS),
    riskTier: fc.constantFrom(...RISK_TIERS),
    modelCard: url,
    evalStatus: fc.constantFrom(...EVAL_STATUSES),
    evalBenchmarks: fc.uniqueArray(word, { minLength: 1, maxLength: 5 }).map((a) => [...a].sort()),
    evalReport: url,
    trainingDataLicense: fc
      .uniqueArray(word, { minLength: 1, maxLength: 4 })
      .map((a) => [...a].sort()),
    containsPii: fc.boolean(),
    sunsetDate: date,
    modelRegistry: assetId,
  },
  { requiredKeys: ["assetId", "owner", "team", "costCenter", "stage", "dataClassification"] },
);
