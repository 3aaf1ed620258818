import { installMocks, setStackConfig, settle } from "../../helpers/pulumi-mocks";
import { AwsModelRegistry } from "../../../components/aws";
import { childRecorder } from "./util";

const mocks = installMocks({
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    accountId: "123456789012",
    arn: "arn:aws:iam::123456789012:user/ci",
    userId: "x",
  }),
});

test("scratch", async () => {
  mocks.reset();
  setStackConfig({
    "aigov:defaults": {
      owner: "jane@example.com",
      team: "risk-ml",
      costCenter: "FIN-1234",
      dataClassification: "internal",
    },
  });
  const rec = childRecorder();
  new AwsModelRegistry(
    "reg",
    {
      metadata: { assetId: "fraud-scorer", stage: "production" as any },
      consumerAccountIds: ["111122223333"],
      modelCard: {},
    },
    { transformations: rec.transformations },
  );
  await settle();
  for (const r of mocks.resources)
    console.log(r.type, r.name, JSON.stringify(r.inputs).slice(0, 400));
  console.log(rec.children);
});
