import * as path from "path";
import { mockInvoke } from "../../cli/program/invokes";
import {
  awsArn,
  awsTagsAll,
  checkInputs,
  gcpEffectiveLabels,
  mockResource,
  uniqueSuffix,
} from "../../cli/program/mocks";
import { durationSeconds } from "../../cli/program/requests";
import { SdkSchemas } from "../../cli/program/sdk-schema";
import {
  RESOURCE_SIG,
  SECRET_MASK,
  SECRET_SIG,
  SIG_KEY,
  UNKNOWN,
  toAnalyzerValue,
  toReportValue,
} from "../../cli/properties";
import { makeUrn, parseProviderReference, urnName } from "../../cli/urn";

const schemas = new SdkSchemas(path.join(__dirname, "..", ".."));

function resource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  providerInputs = {},
) {
  const urn = `urn:pulumi:dev::demo::${type}::${name}`;
  const schema = schemas.get(type);
  const checked = checkInputs({ type, name, urn, inputs, schema });
  return {
    urn,
    checked,
    ...mockResource({ type, name, urn, inputs: checked, providerInputs, schema }),
  };
}

describe("SdkSchemas", () => {
  test("reads inputs and computed outputs from the generated class", () => {
    const model = schemas.get("aws:sagemaker/model:Model");
    expect([...(model?.inputs ?? [])]).toEqual(
      expect.arrayContaining(["name", "tags", "executionRoleArn", "region"]),
    );
    expect([...(model?.computed ?? [])].sort()).toEqual(["arn", "tagsAll"]);
    expect(schemas.get("gcp:vertex/aiEndpoint:AiEndpoint")?.computed).toContain("effectiveLabels");
  });

  test("has no schema for types without a generated class", () => {
    expect(schemas.get("my:component:Thing")).toBeUndefined();
    expect(schemas.get("aws:sagemaker/noSuchThing:NoSuchThing")).toBeUndefined();
  });
});

describe("auto-naming", () => {
  test("is deterministic, per URN", () => {
    expect(uniqueSuffix("urn:a", 7)).toBe(uniqueSuffix("urn:a", 7));
    expect(uniqueSuffix("urn:a", 7)).not.toBe(uniqueSuffix("urn:b", 7));
    expect(uniqueSuffix("urn:a", 7)).toMatch(/^[0-9a-f]{7}$/);
  });

  test("fills AWS `name` and S3 `bucket` (lower case), honouring prefixes", () => {
    const model = resource("aws:sagemaker/model:Model", "LLM", {});
    expect(model.checked.name).toBe(`LLM-${uniqueSuffix(model.urn, 7)}`);
    const bucket = resource("aws:s3/bucket:Bucket", "Artifacts", {});
    expect(bucket.checked.bucket).toBe(`artifacts-${uniqueSuffix(bucket.urn, 7)}`);
    const prefixed = resource("aws:s3/bucket:Bucket", "logs", { bucketPrefix: "ml-logs-" });
    expect(prefixed.checked.bucket).toBe(`ml-logs-${uniqueSuffix(prefixed.urn, 7)}`);
  });

  test("keeps a given name and names only types that have one", () => {
    expect(resource("aws:sagemaker/model:Model", "llm", { name: "fixed" }).checked.name).toBe(
      "fixed",
    );
    const lifecycle = resource(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "lc",
      { bucket: "b" },
    );
    expect(lifecycle.checked).toEqual({ bucket: "b" });
  });

  test("fills GCP `name` in lower case and Kubernetes `metadata.name`", () => {
    const endpoint = resource("gcp:vertex/aiEndpoint:AiEndpoint", "Chat", { location: "us" });
    expect(endpoint.checked.name).toBe(`chat-${uniqueSuffix(endpoint.urn, 7)}`);
    const deployment = resource("kubernetes:apps/v1:Deployment", "LLM", {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { namespace: "ml", labels: { app: "llm" } },
    });
    const name = `llm-${uniqueSuffix(deployment.urn, 8)}`;
    expect(deployment.checked.metadata).toEqual({ namespace: "ml", labels: { app: "llm" }, name });
    expect(deployment.id).toBe(`ml/${name}`);
  });
});

describe("mocked outputs", () => {
  const defaultTags = {
    defaultTags: '{"tags":{"team":"ml","owner":"default"}}',
    region: "eu-west-1",
  };

  test("AWS tagsAll merges the provider's defaultTags (a JSON string) under the resource's tags", () => {
    const model = resource(
      "aws:sagemaker/model:Model",
      "llm",
      { tags: { owner: "alice" } },
      defaultTags,
    );
    expect(model.state.tagsAll).toEqual({ team: "ml", owner: "alice" });
    expect(model.state.region).toBe("eu-west-1");
    expect(model.state.arn).toBe(
      `arn:aws:sagemaker:eu-west-1:123456789012:model/${model.checked.name}`,
    );
    expect(model.id).toBe(model.checked.name);
  });

  test("tagsAll is empty without tags and unknown when tags are unknown", () => {
    expect(awsTagsAll({}, undefined)).toEqual({});
    expect(awsTagsAll({ defaultTags: { tags: { a: "1" } } }, { b: "2" })).toEqual({
      a: "1",
      b: "2",
    });
    expect(awsTagsAll(defaultTags, UNKNOWN)).toBeUndefined();
    expect(awsTagsAll({ defaultTags: UNKNOWN }, {})).toBeUndefined();
    expect(awsTagsAll({}, { a: "1", b: UNKNOWN })).toBeUndefined();
    const model = resource("aws:sagemaker/model:Model", "llm", { tags: UNKNOWN }, defaultTags);
    expect(model.state.tagsAll).toBe(UNKNOWN);
  });

  test("GCP effectiveLabels and pulumiLabels merge the provider's defaultLabels", () => {
    expect(gcpEffectiveLabels({ defaultLabels: '{"team":"vision"}' }, { owner: "a" })).toEqual({
      team: "vision",
      owner: "a",
    });
    const endpoint = resource(
      "gcp:vertex/aiEndpoint:AiEndpoint",
      "chat",
      { labels: { team: "nlp" } },
      { defaultLabels: { team: "vision", env: "prod" }, project: "p1" },
    );
    expect(endpoint.state.effectiveLabels).toEqual({ team: "nlp", env: "prod" });
    expect(endpoint.state.pulumiLabels).toEqual({ team: "nlp", env: "prod" });
    expect(endpoint.state.project).toBe("p1");
  });

  test.each([
    ["aws:s3/bucket:Bucket", "arn:aws:s3:::n"],
    ["aws:iam/role:Role", "arn:aws:iam::123456789012:role/n"],
    [
      "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
      "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/n",
    ],
    ["aws:sns/topic:Topic", "arn:aws:sns:us-east-1:123456789012:n"],
    [
      "aws:sagemaker/modelPackageGroup:ModelPackageGroup",
      "arn:aws:sagemaker:us-east-1:123456789012:model-package-group/n",
    ],
  ])("ARN of %s", (type, arn) => {
    expect(awsArn(type, "n", "us-east-1")).toBe(arn);
  });
});

describe("mockInvoke", () => {
  test("answers identity, region and partition", () => {
    expect(mockInvoke("aws:index/getCallerIdentity:getCallerIdentity", {}, {})).toMatchObject({
      accountId: "123456789012",
    });
    expect(mockInvoke("aws:index/getRegion:getRegion", {}, { region: "ap-south-1" })).toMatchObject(
      {
        name: "ap-south-1",
        region: "ap-south-1",
      },
    );
    expect(mockInvoke("aws:index/getPartition:getPartition", {}, {})).toMatchObject({
      partition: "aws",
    });
    expect(
      mockInvoke("gcp:organizations/getProject:getProject", {}, { project: "p" }),
    ).toMatchObject({
      projectId: "p",
      number: "123456789012",
    });
    expect(mockInvoke("aws:ec2/getAmi:getAmi", { owners: ["self"] }, {})).toEqual({});
  });

  test("renders IAM policy documents, merging source documents by Sid", () => {
    const source = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    });
    const result = mockInvoke(
      "aws:iam/getPolicyDocument:getPolicyDocument",
      {
        sourcePolicyDocuments: [source],
        statements: [
          {
            sid: "Read",
            actions: ["s3:GetObject", "s3:ListBucket"],
            resources: ["arn:aws:s3:::b/*"],
            principals: [{ type: "AWS", identifiers: ["arn:aws:iam::123456789012:root"] }],
            conditions: [
              { test: "StringEquals", variable: "aws:PrincipalTag/team", values: ["ml"] },
            ],
          },
          {
            effect: "Deny",
            actions: ["s3:DeleteObject"],
            resources: ["*"],
            principals: [{ type: "*", identifiers: ["*"] }],
          },
        ],
      },
      {},
    );
    expect(JSON.parse(result.json as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Read",
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:ListBucket"],
          Resource: "arn:aws:s3:::b/*",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Condition: { StringEquals: { "aws:PrincipalTag/team": "ml" } },
        },
        { Effect: "Deny", Action: "s3:DeleteObject", Resource: "*", Principal: "*" },
      ],
    });
    expect(result.minifiedJson).toBe(JSON.stringify(JSON.parse(result.json as string)));
  });

  test("renders ECR lifecycle policy documents", () => {
    const result = mockInvoke(
      "aws:ecr/getLifecyclePolicyDocument:getLifecyclePolicyDocument",
      {
        rules: [
          {
            priority: 1,
            description: "keep 10",
            selection: {
              tagStatus: "tagged",
              tagPrefixLists: ["v"],
              countType: "imageCountMoreThan",
              countNumber: 10,
            },
          },
        ],
      },
      {},
    );
    expect(JSON.parse(result.json as string)).toEqual({
      rules: [
        {
          rulePriority: 1,
          description: "keep 10",
          selection: {
            tagStatus: "tagged",
            tagPrefixList: ["v"],
            countType: "imageCountMoreThan",
            countNumber: 10,
          },
          action: { type: "expire" },
        },
      ],
    });
  });
});

describe("wire values", () => {
  const secret = { [SIG_KEY]: SECRET_SIG, value: "hunter2" };
  const customRef = {
    [SIG_KEY]: RESOURCE_SIG,
    urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b",
    id: "b-1",
  };
  const componentRef = { [SIG_KEY]: RESOURCE_SIG, urn: "urn:pulumi:s::p::my:c:C::c" };

  test("analyzers get resource references as IDs or URNs, secrets and unknowns unchanged", () => {
    expect(
      toAnalyzerValue({
        a: customRef,
        b: [componentRef],
        s: secret,
        u: UNKNOWN,
        __defaults: ["x"],
      }),
    ).toEqual({ a: "b-1", b: ["urn:pulumi:s::p::my:c:C::c"], s: secret, u: UNKNOWN });
  });

  test("reports mask secrets", () => {
    expect(toReportValue({ env: { KEY: secret }, u: UNKNOWN })).toEqual({
      env: { KEY: SECRET_MASK },
      u: UNKNOWN,
    });
  });
});

describe("URNs and requests", () => {
  test("children of the root stack have no parent type; nested children chain types", () => {
    const stack = makeUrn("dev", "p", undefined, "pulumi:pulumi:Stack", "p-dev");
    const component = makeUrn("dev", "p", stack, "aigov:index:Endpoint", "e");
    expect(component).toBe("urn:pulumi:dev::p::aigov:index:Endpoint::e");
    expect(makeUrn("dev", "p", component, "aws:s3/bucket:Bucket", "b")).toBe(
      "urn:pulumi:dev::p::aigov:index:Endpoint$aws:s3/bucket:Bucket::b",
    );
    expect(urnName("urn:pulumi:dev::p::t::a::b")).toBe("a::b");
  });

  test("provider references split at the last ::", () => {
    expect(parseProviderReference("urn:pulumi:dev::p::pulumi:providers:aws::default::abc")).toEqual(
      {
        urn: "urn:pulumi:dev::p::pulumi:providers:aws::default",
        id: "abc",
      },
    );
  });

  test("custom timeouts are Go durations, in seconds", () => {
    expect(durationSeconds("1h30m")).toBe(5400);
    expect(durationSeconds("90s")).toBe(90);
    expect(durationSeconds("1.5m")).toBe(90);
    expect(durationSeconds("")).toBe(0);
  });
});
