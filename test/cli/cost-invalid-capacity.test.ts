import { analyzeCost } from "../../cli/cost/estimate";
import { renderCostReport } from "../../cli/report/cost";
import { gpuDeployment, sagemakerEndpoint, stackResource, urn } from "./cost-fixtures";

/** Invalid capacity is never a number: it is "not priced: invalid capacity (why)". */
describe("invalid capacity", () => {
  test("a negative initialInstanceCount is not priced, not $0", () => {
    const a = analyzeCost([
      stackResource,
      ...sagemakerEndpoint("neg", { initialInstanceCount: -1 }),
    ]);
    expect(a.resources).toEqual([]);
    expect(a.monthlyUsd).toEqual({ min: 0, max: 0 });
    expect(a.unpriced).toMatchObject([
      {
        urn: urn("aws:sagemaker/endpoint:Endpoint", "neg"),
        code: "invalid-capacity",
        reason: "invalid capacity (`initialInstanceCount` is -1, below 0)",
        instanceType: "ml.g5.xlarge",
      },
    ]);
  });

  test("an autoscaling target with min 10 > max 2 is not priced, not 10 ×", () => {
    const a = analyzeCost([
      stackResource,
      ...sagemakerEndpoint("inverted", { target: { min: 10, max: 2 } }),
    ]);
    expect(a.resources).toEqual([]);
    expect(a.unpriced).toMatchObject([
      {
        code: "invalid-capacity",
        reason:
          "invalid capacity (the `minCapacity` of autoscaling target `inverted-scaling` is 10, above the maximum 2)",
      },
    ]);
    const text = renderCostReport(
      { project: "ml", stack: "prod", source: "/", analysis: a },
      "text",
      { color: false },
    );
    expect(text).toContain("0 priced, 1 not priced");
    expect(text).toContain(
      "  SageMaker Endpoint inverted, variant main (ml.g5.xlarge):\n    invalid capacity (the `minCapacity`",
    );
    expect(text).not.toContain("10 ×");
  });

  test("an HPA with minReplicas above maxReplicas, and a fractional count", () => {
    const a = analyzeCost([
      stackResource,
      ...gpuDeployment("ranker", { nodeType: "g5.12xlarge", hpa: { min: 6, max: 2 } }),
      ...sagemakerEndpoint("half", { initialInstanceCount: 1.5 }),
    ]);
    expect(a.resources).toEqual([]);
    expect(a.unpriced.map((u) => u.reason)).toEqual([
      "invalid capacity (`initialInstanceCount` is 1.5, not a whole number)",
      "invalid capacity (the replica count (HorizontalPodAutoscaler ranker-hpa) is 6, above the maximum 2)",
    ]);
  });
});
