import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GovernanceMetadata, encodeGcpLabels } from "../../sdk";
import { withGovernance } from "../common/governance";

/** Google-managed service agents that need access to a customer-managed key. */
export type GcpServiceAgent = "storage" | "artifactregistry" | "aiplatform";

/** E-mail of a project's service agent, from the project number. */
export function serviceAgentEmail(agent: GcpServiceAgent, projectNumber: string): string {
  switch (agent) {
    case "storage":
      return `service-${projectNumber}@gs-project-accounts.iam.gserviceaccount.com`;
    case "artifactregistry":
      return `service-${projectNumber}@gcp-sa-artifactregistry.iam.gserviceaccount.com`;
    case "aiplatform":
      return `service-${projectNumber}@gcp-sa-aiplatform.iam.gserviceaccount.com`;
  }
}

/** User labels merged under the aigov labels (aigov keys win). */
export function governedLabels(
  meta: GovernanceMetadata,
  user: Record<string, string> | undefined,
): Record<string, string> {
  return withGovernance(user, encodeGcpLabels(meta));
}

/** `deletionPolicy: PREVENT` for a protected child (the provider then refuses to delete it). */
export function deletionPolicy(protect: boolean): { deletionPolicy?: string } {
  return protect ? { deletionPolicy: "PREVENT" } : {};
}

/** Where the key of {@link provisionCmek} lives: the component's own placement args. */
export interface CmekPlacement {
  /** Region of the key ring (must match the encrypted resources). */
  location: string;
  /** Project of the key ring; default the provider project. */
  project?: pulumi.Input<string>;
  /** A caller's key; when absent a key ring and key are created. */
  kmsKeyName?: pulumi.Input<string>;
}

/** What {@link provisionCmek} grants and labels. */
export interface CmekOptions {
  /** Whether to grant the service agents `cryptoKeyEncrypterDecrypter` on the key. */
  grantKeyAccess: boolean;
  /** Agents that encrypt with the key. */
  agents: GcpServiceAgent[];
  /** Labels of the created key. */
  labels: Record<string, string>;
  /** Whether the created key refuses deletion (`deletionPolicy: PREVENT`). */
  protect: boolean;
}

/** The key to encrypt with and the bindings encrypting resources must wait for. */
export interface Cmek {
  /** Full resource name of the key. */
  kmsKeyName: pulumi.Output<string>;
  /** IAM members that grant the service agents access to the key. */
  bindings: gcp.kms.CryptoKeyIAMMember[];
}

/** Key rotation period of created keys: 90 days. */
export const KEY_ROTATION_PERIOD = "7776000s";

/**
 * Creates (or adopts) the customer-managed key and grants each service agent encrypt/decrypt on
 * it, as children `<name>-kms-…` of `parent`. The project number for the agents' e-mails comes
 * from the `getProject` invoke.
 */
export function provisionCmek(
  name: string,
  parent: pulumi.Resource,
  where: CmekPlacement,
  req: CmekOptions,
): Cmek {
  const opts = { parent };
  let kmsKeyName: pulumi.Output<string>;
  if (where.kmsKeyName !== undefined) {
    kmsKeyName = pulumi.output(where.kmsKeyName);
  } else {
    const keyRing = new gcp.kms.KeyRing(
      `${name}-kms-ring`,
      { location: where.location, project: where.project },
      opts,
    );
    const key = new gcp.kms.CryptoKey(
      `${name}-kms-key`,
      {
        keyRing: keyRing.id,
        purpose: "ENCRYPT_DECRYPT",
        rotationPeriod: KEY_ROTATION_PERIOD,
        labels: req.labels,
        ...deletionPolicy(req.protect),
      },
      opts,
    );
    kmsKeyName = key.id;
  }
  const bindings: gcp.kms.CryptoKeyIAMMember[] = [];
  if (req.grantKeyAccess) {
    const project = gcp.organizations.getProjectOutput({ projectId: where.project }, opts);
    for (const agent of req.agents) {
      bindings.push(
        new gcp.kms.CryptoKeyIAMMember(
          `${name}-kms-${agent}`,
          {
            cryptoKeyId: kmsKeyName,
            role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
            member: project.number.apply((n) => `serviceAccount:${serviceAgentEmail(agent, n)}`),
          },
          opts,
        ),
      );
    }
  }
  return { kmsKeyName, bindings };
}
