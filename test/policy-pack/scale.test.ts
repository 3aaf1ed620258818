import { StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy-packs/aigov/policies";
import { ResourceSpec, analyzeStack, stackArgs } from "./harness";
import {
  awsBudget,
  deployment,
  hpa,
  meta,
  s3ArtifactStack,
  sagemakerEndpointStack,
} from "./fixtures";

/** A governed stack of about `n` resources across 50 teams, linked as the engine links them. */
function bigStack(n: number): ResourceSpec[] {
  const out: ResourceSpec[] = [];
  for (let i = 0; out.length < n; i++) {
    const m = meta({ team: `team-${i % 50}`, assetId: `asset-${i}` });
    out.push(...s3ArtifactStack({}, m, `bucket-${i}`));
    const ep = sagemakerEndpointStack({}, m, `ep-${i}`);
    out.push(
      { ...ep.model, name: `model-${i}`, urn: `${ep.model.urn}-${i}` },
      ep.config,
      ep.endpoint,
      ep.target,
    );
    const d = deployment({}, m, undefined, `server-${i}`);
    out.push(d, hpa(d, true, `server-${i}`));
  }
  for (let t = 0; t < 50; t++) out.push(awsBudget(`team-${t}`, "1000000.00", `budget-${t}`));
  return out;
}

const stackPolicies = policies.filter((p): p is StackValidationPolicy => "validateStack" in p);

describe("stack policies at scale (timing is measured by `npm run bench`, not here)", () => {
  const resources = bigStack(10_000);

  it(`analyse ${resources.length} linked resources with every stack policy and find only the unregistered models`, async () => {
    for (const policy of stackPolicies) {
      const violations: string[] = [];
      await policy.validateStack(stackArgs(resources), (message) =>
        violations.push(String(message)),
      );
      expect(violations.filter((v) => !v.includes("model registry"))).toEqual([]);
    }
  });

  it("run through the policy server (its own deserialisation included) with no mandatory violation", async () => {
    const d = await analyzeStack(stackPolicies, resources);
    expect(d.filter((x) => x.level === "mandatory")).toEqual([]);
  });
});
