import { TYPES, UNKNOWN, at } from "aigov/sdk";
import { noConfig } from "../lib/config";
import { resourcePolicy } from "../lib/policy";

/** One hardening setting: where it lives, when it is met, and how to meet it. */
interface Setting {
  path: string[];
  ok: (value: unknown) => boolean;
  fix: string;
  checkov: string;
}

const disabled = (v: unknown) => v === "Disabled";
const present = (v: unknown) => typeof v === "string" && v !== "";
const isTrue = (v: unknown) => v === true || v === "true";

const SETTINGS: Record<string, Setting[]> = {
  [TYPES.sagemakerNotebookInstance]: [
    {
      path: ["directInternetAccess"],
      ok: disabled,
      fix: "set `directInternetAccess` to `Disabled`",
      checkov: "CKV_AWS_122",
    },
    {
      path: ["rootAccess"],
      ok: disabled,
      fix: "set `rootAccess` to `Disabled`",
      checkov: "CKV_AWS_307",
    },
    {
      path: ["subnetId"],
      ok: present,
      fix: "set `subnetId` to launch it in your VPC",
      checkov: "CKV_AWS_306",
    },
    { path: ["kmsKeyId"], ok: present, fix: "set `kmsKeyId` to a KMS key", checkov: "CKV_AWS_22" },
  ],
  [TYPES.workbenchInstance]: [
    {
      path: ["gceSetup", "disablePublicIp"],
      ok: isTrue,
      fix: "set `gceSetup.disablePublicIp` to true",
      checkov: "CKV2_GCP_28",
    },
  ],
  [TYPES.notebooksInstance]: [
    { path: ["noPublicIp"], ok: isTrue, fix: "set `noPublicIp` to true", checkov: "CKV_GCP_89" },
  ],
};

/** `aigov-notebook-hardening`: notebooks are private, unprivileged and encrypted. */
export const notebookHardening = resourcePolicy({
  name: "aigov-notebook-hardening",
  description:
    "Notebook instances reach data and models, so they must be hardened: SageMaker notebook instances without direct internet access or root access, in a VPC subnet and encrypted with a KMS key (CKV_AWS_122, CKV_AWS_307, CKV_AWS_306, CKV_AWS_22), and Vertex AI Workbench and Notebooks instances without a public IP (CKV2_GCP_28, CKV_GCP_89).",
  enforcementLevel: "advisory",
  severity: "high",
  remediationSteps:
    "Launch notebooks in a private subnet that reaches the internet through a NAT or VPC endpoints, turn off root access and direct internet access, encrypt their volumes with a KMS key, and remove public IPs from Workbench instances.",
  config: noConfig,
  validate(s, _cfg, check) {
    for (const setting of SETTINGS[s.type] ?? []) {
      const value = at(s.props, ...setting.path);
      // A subnet or key that is set but not known yet (created in the same program) counts as set.
      if (value === UNKNOWN && setting.ok === present) continue;
      if (value === UNKNOWN) check.unknown(setting.path.join("."));
      else if (!setting.ok(value)) {
        check.report(`${s.what} is not hardened (${setting.checkov}): ${setting.fix}.`);
      }
    }
  },
});
