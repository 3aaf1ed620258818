import { GovernanceMetadata, NAME_TARGETS } from "../../sdk";
import { archivalIssues } from "./archival-validate";
import { AwsModelRegistryArgs } from "./registry-args";
import { Issue } from "./tags";

const ACCOUNT_ID = /^[0-9]{12}$/;
/** Longest model package group description SageMaker accepts. */
export const MAX_GROUP_DESCRIPTION = 1024;

/** Every problem of the registry args besides metadata and tags. */
export function registryIssues(
  args: AwsModelRegistryArgs,
  metadata: GovernanceMetadata | undefined,
): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  (args.consumerAccountIds ?? []).forEach((id, i) => {
    const path = `consumerAccountIds[${i}]`;
    if (!ACCOUNT_ID.test(id)) {
      issues.push({
        path,
        reason: `expected a 12-digit AWS account id, got ${JSON.stringify(id)}`,
      });
    } else if (seen.has(id)) {
      issues.push({ path, reason: `duplicate account id ${id}` });
    }
    seen.add(id);
  });
  if (args.description !== undefined && args.description.length > MAX_GROUP_DESCRIPTION) {
    issues.push({
      path: "description",
      reason: `expected at most ${MAX_GROUP_DESCRIPTION} characters, got ${args.description.length}`,
    });
  }
  const group = args.modelPackageGroupName;
  if (group !== undefined && !NAME_TARGETS.sagemaker.pattern.test(group)) {
    issues.push({
      path: "modelPackageGroupName",
      reason: `expected up to 63 letters, digits and hyphens, starting and ending with a letter or digit, got ${JSON.stringify(group)}`,
    });
  }
  const content = args.modelCard?.contentJson;
  if (content !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      issues.push({
        path: "modelCard.contentJson",
        reason: "expected a JSON object in the SageMaker model card schema",
      });
    }
  }
  if (metadata !== undefined) issues.push(...archivalIssues(args.archival, metadata, "archival"));
  return issues;
}
