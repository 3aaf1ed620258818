import {
  ACCELERATOR_RESOURCES,
  BudgetNotifySchema,
  BudgetSchema,
  BudgetScopeSchema,
  CONFIG_KEYS,
  DEFAULT_COST_CENTER_PATTERN,
  K8S_LABEL_KEYS,
  METADATA_KEYS,
  MetadataKey,
  PartialMetadataSchema,
  awsTagKey,
  checkMetadataValue,
  gcpLabelKey,
  gcpLabelValue,
  k8sKey,
} from "../../sdk";
import { policies } from "../../policy-packs/aigov/policies";
import { FINDING_IDS } from "../../cli/portfolio/model";
import { codeSpans, contractSections, leadingName, section, tableRows } from "./contract-doc";

// The published contract (docs/contract.md) and the code agree both ways: every policy id, metadata
// key, value format, encoding and config key of the contract is implemented, and everything the pack
// and the sdk implement is in the contract. The exceptions are the v2 entries that the contract's
// "Implementation status" section lists as not implemented yet (issues 15 and 16): that list must be
// exact, so the test fails when one of them gets implemented and the list is not updated.

const sections = contractSections();
const metadataRows = tableRows(section(sections, "1. "), ["key", "meaning", "value"]);
const encodings = section(sections, "Encodings on resources");
const catalogRows = tableRows(section(sections, "3. "), ["id", "kind", "default level", "rule"]);
const configRows = tableRows(section(sections, "4. "), ["key", "shape"]);

type Kind = "policy" | "metadata key" | "stack config key";
/** The contract entries that docs/contract.md says are not implemented yet. */
const notYet: Record<Kind, string[]> = { policy: [], "metadata key": [], "stack config key": [] };
for (const item of section(sections, "Implementation status").listItems) {
  const m = /^(policy|metadata key|stack config key) `([^`]+)`$/.exec(item.trim());
  if (!m) throw new Error(`docs/contract.md "Implementation status": unexpected item "${item}"`);
  notYet[m[1] as Kind].push(m[2]);
}
const implemented = (kind: Kind, names: string[]) => names.filter((n) => !notYet[kind].includes(n));

const contractPolicies = catalogRows.map(([id, kind, level, rule]) => ({
  id: leadingName(id),
  kind,
  level,
  rule,
}));
const contractKeys = metadataRows.map((r) => leadingName(r[0]));
const contractConfigKeys = configRows.map((r) => leadingName(r[0]));

describe("docs/contract.md, implementation status", () => {
  it("lists the v2 entries that are not implemented, each an entry of the contract", () => {
    expect(notYet.policy.length + notYet["metadata key"].length).toBeGreaterThan(0);
    for (const id of notYet.policy) expect(contractPolicies.map((p) => p.id)).toContain(id);
    for (const key of notYet["metadata key"]) expect(contractKeys).toContain(key);
    for (const key of notYet["stack config key"]) expect(contractConfigKeys).toContain(key);
  });

  it("lists exactly what the pack and the sdk lack", () => {
    const packIds = policies.map((p) => p.name);
    expect(notYet.policy.filter((id) => packIds.includes(id))).toEqual([]);
    expect(notYet["metadata key"].filter((k) => (METADATA_KEYS as readonly string[]).includes(k))) //
      .toEqual([]);
    const stackKeys = CONFIG_KEYS.map((k) => `aigov:${k}`);
    expect(notYet["stack config key"].filter((k) => stackKeys.includes(k))).toEqual([]);
  });
});

describe("docs/contract.md §3, the policy catalog", () => {
  it("is the pack's catalog, in order, with each policy's kind and default level", () => {
    expect(
      policies.map((p) => [
        p.name,
        "validateStack" in p ? "stack" : "resource",
        p.enforcementLevel,
      ]),
    ).toEqual(
      contractPolicies
        .filter((p) => implemented("policy", [p.id]).length === 1)
        .map((p) => [p.id, p.kind, p.level]),
    );
  });

  // Names in backticks in a rule that are camelCase identifiers are either policy config keys or
  // properties of the cloud resources the rule reads. These are the resource properties.
  const RESOURCE_PROPERTIES = [
    "kmsKeyArn", // SageMaker EndpointConfiguration
    "kmsKeyId", // SageMaker NotebookInstance
    "vpcConfig", // SageMaker Model
    "initialInstanceCount", // SageMaker production variants
    "minReplicas", // KServe InferenceService
    "minReplicaCount", // Vertex dedicated resources
    "maxReplicaCount", // Vertex dedicated resources
    "subnetId", // SageMaker NotebookInstance
    "forceDestroy", // S3 and GCS buckets
  ];
  const camelCase = /^[a-z]+[A-Z][A-Za-z]*$/;
  /** The stack config keys a policy may take as config of the same name (`aigov:pricing` → `pricing`). */
  const stackConfigNames = contractConfigKeys.map((k) => k.replace(/^aigov:/, ""));
  const sharedConfig = codeSpans(section(sections, "2. ").text).filter((n) => camelCase.test(n));

  it("names as config keys of a policy exactly the config properties the pack gives it", () => {
    expect(sharedConfig).toEqual(["extraResourceTypes"]);
    for (const p of contractPolicies.filter((p) => !notYet.policy.includes(p.id))) {
      const named = codeSpans(p.rule).filter((n) => camelCase.test(n));
      const configKeys = named.filter((n) => !RESOURCE_PROPERTIES.includes(n));
      const pack = policies.find((q) => q.name === p.id)!;
      const props = Object.keys(pack.configSchema?.properties ?? {});
      expect([p.id, configKeys.filter((k) => !props.includes(k))]).toEqual([p.id, []]);
      expect([
        p.id,
        props.filter(
          (k) =>
            !configKeys.includes(k) && !sharedConfig.includes(k) && !stackConfigNames.includes(k),
        ),
      ]).toEqual([p.id, []]);
    }
  });

  it("names no resource property that is a config key", () => {
    const allProps = policies.flatMap((p) => Object.keys(p.configSchema?.properties ?? {}));
    expect(RESOURCE_PROPERTIES.filter((n) => allProps.includes(n))).toEqual([]);
    const named = contractPolicies.flatMap((p) => codeSpans(p.rule));
    expect(RESOURCE_PROPERTIES.filter((n) => !named.includes(n))).toEqual([]);
  });

  it("takes the contract's defaults for the config keys it states them for", () => {
    const props = (id: string) =>
      policies.find((p) => p.name === id)!.configSchema!.properties as Record<
        string,
        { default?: unknown }
      >;
    const rule = (id: string) => contractPolicies.find((p) => p.id === id)!.rule;
    const listed = /carry (.+) \(list configurable/.exec(rule("aigov-required-metadata"))![1];
    expect(props("aigov-required-metadata").requiredKeys.default).toEqual(codeSpans(listed));
    expect(rule("aigov-production-evaluation")).toContain("`requiredBenchmarks` (default none)");
    expect(props("aigov-production-evaluation").requiredBenchmarks.default).toEqual([]);
    const denied = /`deniedLicenses` \(default `([^`]+)`\)/.exec(
      rule("aigov-training-data-license"),
    );
    expect(props("aigov-training-data-license").deniedLicenses.default).toEqual(
      JSON.parse(denied![1]),
    );
    expect(props("aigov-metadata-values").costCenterPattern.default).toBe(
      /default pattern `([^`]+)`/.exec(metadataRows.find((r) => r[0] === "`cost-center`")![2])![1],
    );
  });
});

describe("docs/contract.md §1, metadata keys and values", () => {
  it("has the sdk's metadata keys, in order", () => {
    expect(METADATA_KEYS).toEqual(implemented("metadata key", contractKeys));
  });

  const rows = metadataRows
    .map(([key, , value]) => [leadingName(key), value] as const)
    .filter(([key]) => (METADATA_KEYS as readonly string[]).includes(key)) as [
    MetadataKey,
    string,
  ][];
  const ok = (key: MetadataKey, value: string) => checkMetadataValue(key, value);

  it.each(rows)("%s has the value format the contract gives: %s", (key, cell) => {
    const spans = codeSpans(cell);
    if (/^`[^`]+`(( \/ |, )`[^`]+`)+$/.test(cell)) {
      // An enumeration: exactly these values.
      for (const v of spans) expect(ok(key, v)).toBeUndefined();
      expect(codeSpans(ok(key, "not-a-value") ?? "")).toEqual(spans);
    } else if (spans.length > 0 && spans[spans.length - 1].startsWith("^")) {
      const pattern = spans[spans.length - 1];
      expect(ok(key, "Not valid!")).toContain(pattern);
      if (key === "cost-center") expect(pattern).toBe(DEFAULT_COST_CENTER_PATTERN);
    } else if (/^as `asset-id`$/.test(cell)) {
      expect(ok(key, "Not valid!")).toBe(ok("asset-id", "Not valid!"));
    } else if (cell === "e-mail address") {
      expect(ok(key, "jane.doe@example.com")).toBeUndefined();
      expect(ok(key, "jane.doe")).toBeDefined();
    } else if (cell === "`https://` URL") {
      expect(ok(key, "https://wiki.example.com/cards/fraud")).toBeUndefined();
      expect(ok(key, "http://wiki.example.com/cards/fraud")).toBeDefined();
    } else if (cell === "`YYYY-MM-DD`") {
      expect(ok(key, "2027-01-31")).toBeUndefined();
      expect(ok(key, "31/01/2027")).toBeDefined();
    } else if (/joined with `\+`/.test(cell)) {
      const example = /e\.g\. `([^`]+)`/.exec(cell)![1];
      expect(ok(key, example)).toBeUndefined();
      // Unsorted lists are wrong only where the contract says "sorted".
      const reversed = ok(key, example.split("+").reverse().join("+"));
      if (/\bsorted\b/.test(cell)) expect(reversed).toBeDefined();
      else expect(reversed).toBeUndefined();
      for (const word of /`(\w+)` and `(\w+)` are allowed words/.exec(cell)?.slice(1) ?? []) {
        expect(ok(key, word)).toBeUndefined();
      }
    } else {
      throw new Error(`a value format the test does not know, for ${key}: ${cell}`);
    }
  });
});

describe("docs/contract.md, encodings on resources", () => {
  const item = (label: string) => {
    const found = encodings.listItems.find((i) => i.startsWith(`**${label}**`));
    if (!found) throw new Error(`docs/contract.md: no encoding item **${label}**`);
    return found;
  };
  const template = (text: string) => codeSpans(text).find((s) => s.includes("<key>"))!;

  it.each([
    ["AWS tags", awsTagKey],
    ["GCP labels", gcpLabelKey],
    ["Kubernetes", k8sKey],
  ] as const)("%s: every key is written under the contract's key", (label, encode) => {
    const t = template(item(label));
    expect(t).toMatch(/<key>/);
    for (const key of METADATA_KEYS) expect(encode(key)).toBe(t.replace("<key>", key));
  });

  it("GCP label values are encoded as the contract's example", () => {
    const [, value, encoded] = /`([^`]+)` → `([^`]+)`/.exec(item("GCP labels"))!;
    expect(gcpLabelValue(value)).toBe(encoded);
  });

  it("Kubernetes labels are written for exactly the label-safe keys", () => {
    const safe = /the label-safe keys \(([^)]+)\)/.exec(item("Kubernetes"))![1];
    expect([...K8S_LABEL_KEYS].sort()).toEqual(codeSpans(safe).sort());
  });

  it("§2: Kubernetes workloads that request the contract's accelerators are AI workloads", () => {
    const text = section(sections, "2. ").text;
    const listed = /an accelerator\s*\(([^)]+)\)/.exec(text)![1];
    expect([...ACCELERATOR_RESOURCES].sort()).toEqual(codeSpans(listed).sort());
  });
});

describe("docs/contract.md §4, stack configuration", () => {
  it("has the sdk's stack config keys", () => {
    expect(CONFIG_KEYS.map((k) => `aigov:${k}`)).toEqual(
      implemented("stack config key", contractConfigKeys),
    );
  });

  const shape = (key: string) => codeSpans(configRows.find((r) => r[0] === `\`${key}\``)![1])[0];
  const fields = (text: string) => text.replace(/\([^)]*\)/g, "").match(/[A-Za-z]+/g) ?? [];

  it("aigov:budgets has the fields and defaults of the contract", () => {
    const sdkFields = [BudgetSchema, BudgetScopeSchema, BudgetNotifySchema].flatMap((s) =>
      Object.keys(s.shape),
    );
    expect(fields(shape("aigov:budgets")).sort()).toEqual(sdkFields.sort());
    const parsed = BudgetSchema.parse({ name: "b", monthlyLimitUsd: 1, scope: { team: "t" } });
    const text = shape("aigov:budgets");
    expect(text).toContain(
      `thresholdsPercent (default ${JSON.stringify(parsed.thresholdsPercent).replace(/,/g, ", ")})`,
    );
    expect(text).toContain(`forecastThresholdPercent (default ${parsed.forecastThresholdPercent})`);
  });

  it("aigov:defaults takes metadata fields", () => {
    const named = fields(shape("aigov:defaults"));
    expect(named.length).toBeGreaterThan(3);
    for (const f of named) expect(Object.keys(PartialMetadataSchema.shape)).toContain(f);
  });
});

describe("docs/contract.md §6, aigov portfolio", () => {
  it("names exactly the finding ids the portfolio reports, in order", () => {
    const findings = section(sections, "6. ").listItems.find((i) => i.startsWith("Finding ids"));
    const ids = codeSpans(findings ?? "").filter((n) => /^[a-z]+(-[a-z]+)+$|^unowned$/.test(n));
    const notIds = ["model-registry", "base-model", "source-datasets", "asset-id", "sunset-date"];
    expect(ids.filter((n) => !notIds.includes(n) && !n.startsWith("--"))).toEqual([...FINDING_IDS]);
  });
});
