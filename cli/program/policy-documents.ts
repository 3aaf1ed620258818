/** Renders the JSON documents of `aws.iam.getPolicyDocument` and `aws.ecr.getLifecyclePolicyDocument`. */

type Json = Record<string, unknown>;

interface PrincipalArgs {
  type: string;
  identifiers: string[];
}

interface StatementArgs {
  sid?: string;
  effect?: string;
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: PrincipalArgs[];
  notPrincipals?: PrincipalArgs[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

export interface PolicyDocumentArgs {
  version?: string;
  policyId?: string;
  statements?: StatementArgs[];
  sourcePolicyDocuments?: string[];
  overridePolicyDocuments?: string[];
}

/** One string for a single-element list, the list otherwise (as the AWS provider writes them). */
function stringOrList(values: string[] | undefined): string | string[] | undefined {
  if (!values || values.length === 0) {
    return undefined;
  }
  return values.length === 1 ? values[0] : values;
}

function principals(list: PrincipalArgs[] | undefined): unknown {
  if (!list || list.length === 0) {
    return undefined;
  }
  if (list.length === 1 && list[0].type === "*" && list[0].identifiers.every((i) => i === "*")) {
    return "*";
  }
  const byType: Record<string, string[]> = {};
  for (const p of list) {
    (byType[p.type] ??= []).push(...p.identifiers);
  }
  return Object.fromEntries(Object.entries(byType).map(([t, ids]) => [t, stringOrList(ids)]));
}

function conditions(list: StatementArgs["conditions"]): Json | undefined {
  if (!list || list.length === 0) {
    return undefined;
  }
  const result: Record<string, Json> = {};
  for (const c of list) {
    (result[c.test] ??= {})[c.variable] = stringOrList(c.values);
  }
  return result;
}

function renderStatement(s: StatementArgs): Json {
  const statement: Json = {
    Sid: s.sid || undefined,
    Effect: s.effect ?? "Allow",
    Action: stringOrList(s.actions),
    NotAction: stringOrList(s.notActions),
    Resource: stringOrList(s.resources),
    NotResource: stringOrList(s.notResources),
    Principal: principals(s.principals),
    NotPrincipal: principals(s.notPrincipals),
    Condition: conditions(s.conditions),
  };
  return JSON.parse(JSON.stringify(statement));
}

function statementsOf(document: string): Json[] {
  const parsed = JSON.parse(document) as { Statement?: Json | Json[] };
  const statement = parsed.Statement ?? [];
  return Array.isArray(statement) ? statement : [statement];
}

/** Adds a statement, replacing an earlier one with the same non-empty `Sid`. */
function upsert(statements: Json[], statement: Json): void {
  const sid = statement.Sid;
  const at = sid ? statements.findIndex((s) => s.Sid === sid) : -1;
  if (at >= 0) {
    statements[at] = statement;
  } else {
    statements.push(statement);
  }
}

export function renderPolicyDocument(args: PolicyDocumentArgs): {
  json: string;
  minifiedJson: string;
} {
  const statements: Json[] = [];
  for (const source of args.sourcePolicyDocuments ?? []) {
    statementsOf(source).forEach((s) => upsert(statements, s));
  }
  (args.statements ?? []).forEach((s) => upsert(statements, renderStatement(s)));
  for (const override of args.overridePolicyDocuments ?? []) {
    statementsOf(override).forEach((s) => upsert(statements, s));
  }
  const document = {
    Version: args.version ?? "2012-10-17",
    Id: args.policyId,
    Statement: statements,
  };
  return { json: JSON.stringify(document, null, 2), minifiedJson: JSON.stringify(document) };
}

export interface LifecyclePolicyDocumentArgs {
  rules?: {
    priority: number;
    description?: string;
    selection: {
      tagStatus: string;
      tagPatternLists?: string[];
      tagPrefixLists?: string[];
      countType: string;
      countUnit?: string;
      countNumber: number;
      storageClass?: string;
    };
    action?: { type: string; targetStorageClass?: string };
  }[];
}

export function renderLifecyclePolicyDocument(args: LifecyclePolicyDocumentArgs): string {
  const rules = (args.rules ?? []).map((r) => ({
    rulePriority: r.priority,
    description: r.description,
    selection: {
      tagStatus: r.selection.tagStatus,
      tagPatternList: r.selection.tagPatternLists,
      tagPrefixList: r.selection.tagPrefixLists,
      storageClass: r.selection.storageClass,
      countType: r.selection.countType,
      countUnit: r.selection.countUnit,
      countNumber: r.selection.countNumber,
    },
    action: { type: r.action?.type ?? "expire", targetStorageClass: r.action?.targetStorageClass },
  }));
  return JSON.stringify({ rules });
}
