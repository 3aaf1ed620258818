import type { PropertyMap } from "../model";
import { knownString } from "../properties";
import {
  DEFAULT_AWS_REGION,
  DEFAULT_GCP_PROJECT,
  MOCK_AWS_ACCOUNT,
  MOCK_GCP_PROJECT_NUMBER,
} from "./mocks";
import {
  renderLifecyclePolicyDocument,
  renderPolicyDocument,
  type LifecyclePolicyDocumentArgs,
  type PolicyDocumentArgs,
} from "./policy-documents";

type InvokeMock = (
  inputs: Record<string, unknown>,
  provider: PropertyMap,
) => Record<string, unknown>;

function awsRegion(provider: PropertyMap): string {
  return knownString(provider.region) ?? DEFAULT_AWS_REGION;
}

function gcpProject(provider: PropertyMap): string {
  return knownString(provider.project) ?? DEFAULT_GCP_PROJECT;
}

const INVOKES: Record<string, InvokeMock> = {
  "aws:index/getCallerIdentity": () => ({
    accountId: MOCK_AWS_ACCOUNT,
    arn: `arn:aws:iam::${MOCK_AWS_ACCOUNT}:user/aigov-check`,
    userId: "AIDAAIGOVCHECKMOCKUSER",
    id: MOCK_AWS_ACCOUNT,
  }),
  "aws:index/getRegion": (inputs, provider) => {
    const region = knownString(inputs.region) ?? knownString(inputs.name) ?? awsRegion(provider);
    return { id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com` };
  },
  "aws:index/getPartition": () => ({
    id: "aws",
    partition: "aws",
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
  }),
  "aws:iam/getPolicyDocument": (inputs) => {
    const rendered = renderPolicyDocument(inputs as PolicyDocumentArgs);
    return { ...inputs, ...rendered, id: rendered.minifiedJson };
  },
  "aws:ecr/getLifecyclePolicyDocument": (inputs) => {
    const json = renderLifecyclePolicyDocument(inputs as LifecyclePolicyDocumentArgs);
    return { ...inputs, json, id: json };
  },
  "gcp:organizations/getProject": (inputs, provider) => {
    const project = knownString(inputs.projectId) ?? gcpProject(provider);
    return {
      id: `projects/${project}`,
      projectId: project,
      name: project,
      number: MOCK_GCP_PROJECT_NUMBER,
      labels: {},
      effectiveLabels: {},
    };
  },
  "gcp:organizations/getClientConfig": (_inputs, provider) => {
    const project = gcpProject(provider);
    return {
      id: `projects/${project}`,
      project,
      region: knownString(provider.region) ?? "",
      zone: knownString(provider.zone) ?? "",
      accessToken: "aigov-check-mock-token",
      defaultLabels: {},
    };
  },
};

/**
 * The result of a provider function (`aws.getCallerIdentity()`, …) under the mocks: a plausible
 * answer for the common ones, `{}` for the rest. `provider` holds the inputs of the provider the
 * call goes to. Tokens are matched without their trailing `:<function>` part.
 */
export function mockInvoke(
  token: string,
  inputs: Record<string, unknown>,
  provider: PropertyMap,
): Record<string, unknown> {
  const key = token.split(":").slice(0, 2).join(":");
  return INVOKES[key]?.(inputs, provider) ?? {};
}
