/**
 * What `pulumi preview --policy-pack test/fixtures/packs/faithful` reports for
 * test/fixtures/programs/faithful (Pulumi 3.248, read from the engine's source: `AnalyzeStack`
 * leaves out properties without dependencies, dynamic providers get the whole stack config with
 * namespaced keys, provider registrations carry their SDK's plugin version): `[policy, resource
 * name, detail]`, sorted.
 */
export function faithfulVerdicts(awsVersion: string): string[][] {
  const defaultAws = `default_${awsVersion.replace(/\./g, "_")}`;
  const dynamicConfig = {
    "aws:region": "eu-west-1",
    "faithful:owner": "platform",
    "faithful:scenario": "dynamic",
  };
  return [
    ["dynamic-provider-config", "counter", `provider config: ${JSON.stringify(dynamicConfig)}`],
    ["property-dependencies", "counter", "property dependencies: []"],
    ["property-dependencies", "default-provider", "property dependencies: []"],
    ["property-dependencies", "plain", "property dependencies: []"],
    ["property-dependencies", "rules", 'property dependencies: ["bucket → plain"]'],
    ["provider-version", defaultAws, `${defaultAws} version: ${awsVersion}`],
    ["provider-version", "west", `west version: ${awsVersion}`],
  ];
}

/** `[policy, resource name, detail]` of report violations (message: description, "\n", detail). */
export function verdictsOf(
  violations: readonly { policy: string; urn: string; message: string }[],
): string[][] {
  return violations
    .map((v) => [v.policy, v.urn.split("::").pop() as string, v.message.split("\n")[1]])
    .sort((a, b) => a.join("\u0000").localeCompare(b.join("\u0000")));
}
