import * as pulumi from "@pulumi/pulumi";
import type { GovernanceMetadata } from "../../sdk";
import { EvalStatus, GovernanceMetadataArgs, Stage } from "../../index";
import { Invokes, MockRecorder, installMocks, setStackConfig } from "./pulumi-mocks";

/** `aigov:defaults` of the component tests: what every test asset shares. */
export const DEFAULTS = {
  owner: "jane.doe@example.com",
  team: "risk-ml",
  costCenter: "FIN-1234",
  stage: "staging",
  dataClassification: "internal",
} as const;

/** Complete metadata of a test asset: {@link DEFAULTS} plus an asset id. */
export const METADATA: GovernanceMetadata = { assetId: "fraud-scorer", ...DEFAULTS };

/** Metadata args of a served model: the training-data license and registry the serving gates want. */
export const SERVED_META: GovernanceMetadataArgs = {
  assetId: "fraud-scorer",
  trainingDataLicense: ["apache-2.0"],
  modelRegistry: "fraud-registry",
};

/** {@link SERVED_META} in production, with the model card and evaluation the production gates want. */
export const PROD_META: GovernanceMetadataArgs = {
  ...SERVED_META,
  stage: Stage.Production,
  modelCard: "https://models.example.com/fraud-scorer",
  evalStatus: EvalStatus.Passed,
};

/** The AWS account of the mocked caller. */
export const ACCOUNT_ID = "123456789012";

/** The `getCallerIdentity` invoke (AWS key policies name the caller's account). */
export const CALLER_IDENTITY: Invokes = {
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: ACCOUNT_ID,
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/ci`,
    userId: "AIDAEXAMPLE",
  }),
};

/** Project the `getProject` invoke returns. */
export const PROJECT = { number: "123456789012", projectId: "acme-ml", name: "acme-ml" };

/** The `getProject` invoke (GCP service agents are named after the project number). */
export const GCP_PROJECT: Invokes = {
  "gcp:organizations/getProject:getProject": () => PROJECT,
};

/** The mock runtime of a test file and the `pulumi.log.warn` spy of the running test. */
export interface MockStack {
  /** What the mock runtime recorded. */
  mocks: MockRecorder;
  /** The spy on `pulumi.log.warn` (silenced) of the running test. */
  readonly warn: jest.SpyInstance;
}

/**
 * Installs the mocks (answering `invokes`) and, before each test, forgets the recorded resources,
 * sets the stack config to `config` and silences `pulumi.log.warn` behind a fresh spy.
 */
export function mockStack(
  options: { invokes?: Invokes; config?: Record<string, unknown> } = {},
): MockStack {
  const mocks = installMocks(options.invokes);
  let warn: jest.SpyInstance | undefined;
  beforeEach(() => {
    mocks.reset();
    setStackConfig(options.config ?? {});
    warn = jest.spyOn(pulumi.log, "warn").mockResolvedValue(undefined);
  });
  afterEach(() => warn?.mockRestore());
  return {
    mocks,
    get warn() {
      if (!warn) throw new Error("`warn` exists only while a test runs");
      return warn;
    },
  };
}
