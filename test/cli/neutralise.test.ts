import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { analyzeCost } from "../../cli/cost/estimate";
import type { CostResult } from "../../cli/cost/run";
import { emptyOptions, type AnalysisResult, type StackResource } from "../../cli/model";
import { renderReport } from "../../cli/report";
import { renderCostReport } from "../../cli/report/cost";
import { formatCostHtml } from "../../cli/report/cost/html";
import { cell, code, oneLine, prose } from "../../cli/report/markup";
import { awsBudget, sagemakerEndpoint, stackResource } from "./cost-fixtures";
import { sarifSchemaErrors } from "./sarif-schema";

/**
 * Untrusted text (resource names, tag values, URNs, policy messages, budget names) in every report
 * format: the terminal gets no control character and one line per record, Markdown tables keep
 * their cells and no link, emphasis or HTML of the text takes effect, JSON and SARIF parse back
 * to the very strings, HTML stays escaped.
 */

/** Pieces that mean something to a terminal, to Markdown or to HTML. */
const HOSTILE_PIECES = [
  "\n",
  "\r\n",
  "\r",
  "\t",
  "\x1b[2J",
  "\x1b]0;title\x07",
  "\x1b[31m",
  "\u009b",
  "\u2028",
  "\u202e",
  "\x00",
  "\x7f",
  "|",
  "\\|",
  "\\",
  "`",
  "``",
  "*",
  "**",
  "_",
  "~~",
  "[x](https://evil.example)",
  "![i](https://evil.example/i.png)",
  "<b>",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "&lt;",
  "&amp;",
  "No policy violations.",
  "# heading",
];

const hostile: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: "binary", maxLength: 6 })),
    {
      minLength: 1,
      maxLength: 6,
    },
  )
  .map((parts) => parts.join(""));

const TERMINAL_CONTROL = /[\p{Cc}\p{Zl}\p{Zp}\u202a-\u202e\u2066-\u2069]/u;

function stackResourceNamed(name: string, type: string): StackResource {
  return {
    urn: `urn:pulumi:dev::ml::${type}::${name}`,
    type,
    name,
    custom: true,
    external: false,
    inputs: { name },
    outputs: {},
    dependencies: [],
    propertyDependencies: {},
    options: emptyOptions,
  };
}

interface CheckStrings {
  readonly project: string;
  readonly name: string;
  readonly type: string;
  readonly pack: string;
  readonly policy: string;
  readonly message: string;
}

function checkResult(s: CheckStrings): AnalysisResult {
  const resource = stackResourceNamed(s.name, s.type);
  return {
    project: s.project,
    stack: "dev",
    resources: [resource],
    policyPacks: [
      {
        name: s.pack,
        version: "1.0.0",
        policies: [{ name: s.policy, description: s.message, enforcementLevel: "mandatory" }],
      },
    ],
    violations: [
      {
        policyPack: s.pack,
        policy: s.policy,
        enforcementLevel: "mandatory",
        urn: resource.urn,
        message: s.message,
      },
      {
        policyPack: s.pack,
        policy: s.policy,
        enforcementLevel: "advisory",
        urn: "urn:pulumi:dev::ml::x:y:Z::other",
        message: s.message,
      },
    ],
    sourceFile: "/repo/index.ts",
  };
}

const checkStrings: fc.Arbitrary<CheckStrings> = fc.record({
  project: hostile,
  name: hostile,
  type: hostile,
  pack: hostile,
  policy: hostile,
  message: hostile,
});

/** The cells of a GitHub table row: split at pipes not escaped by a backslash (cmark-gfm). */
function tableCells(row: string): number {
  let cells = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === "\\") i++;
    else if (row[i] === "|") cells++;
  }
  return cells - 1;
}

/** Every table row has the cell count of its header. */
function expectTablesKeepTheirCells(markdown: string): void {
  let header: number | undefined;
  for (const line of markdown.split("\n")) {
    if (!line.startsWith("|")) {
      header = undefined;
      continue;
    }
    header ??= tableCells(line);
    expect(tableCells(line)).toBe(header);
  }
}

const md = new MarkdownIt({ html: true, linkify: false });

/** Inline token types of the rendered Markdown, and the raw HTML it holds. */
function inlineTokens(markdown: string): { types: Set<string>; html: string[]; strong: number } {
  const types = new Set<string>();
  const html: string[] = [];
  let strong = 0;
  for (const block of md.parse(markdown, {})) {
    if (block.type === "html_block") html.push(block.content.trim());
    for (const t of block.children ?? []) {
      types.add(t.type);
      if (t.type === "html_inline") html.push(t.content);
      if (t.type === "strong_open") strong++;
    }
  }
  return { types, html, strong };
}

/** No link, image, emphasis or strikethrough; the only HTML is the report's own. */
function expectNoMarkupFromText(markdown: string, ownHtml: readonly string[], strong: number) {
  const tokens = inlineTokens(markdown);
  for (const type of ["link_open", "image", "em_open", "s_open"]) {
    expect(tokens.types).not.toContain(type);
  }
  expect(tokens.strong).toBe(strong);
  for (const html of tokens.html) expect(ownHtml).toContain(html);
}

describe("check reports with hostile names and messages", () => {
  test("text: no control character, one line per record", () => {
    fc.assert(
      fc.property(checkStrings, (s) => {
        const text = renderReport(checkResult(s), "text", { color: false, cwd: "/repo" });
        const lines = text.split("\n");
        for (const line of lines) expect(line).not.toMatch(TERMINAL_CONTROL);
        const messageLines = s.message.split(/\r\n|\r|\n/).length;
        // Header and blank; per resource: type and name, URN, then per violation its level line
        // and message lines, then a blank; cost and summary lines; the final newline.
        expect(lines).toHaveLength(2 + 2 * (3 + messageLines + 1) + 2 + 1);
        expect(lines.filter((l) => l === "No policy violations.")).toEqual([]);
      }),
    );
  });

  test("markdown: tables keep their cells, no markup from the text takes effect", () => {
    fc.assert(
      fc.property(checkStrings, (s) => {
        const markdown = renderReport(checkResult(s), "markdown", { color: false, cwd: "/" });
        expectTablesKeepTheirCells(markdown);
        expectNoMarkupFromText(markdown, ["<br>"], 0);
        expect(markdown.split("\n").filter((l) => l === "No policy violations.")).toEqual([]);
      }),
    );
  });

  test("JSON and SARIF parse back to the very strings; SARIF stays valid", () => {
    fc.assert(
      fc.property(checkStrings, (s) => {
        const result = checkResult(s);
        const json = JSON.parse(renderReport(result, "json", { color: false, cwd: "/" }));
        expect(json.violations[0].message).toBe(s.message);
        expect(json.resources[0].name).toBe(s.name);
        const sarif = JSON.parse(renderReport(result, "sarif", { color: false, cwd: "/" }));
        expect(sarif.runs[0].results[0].message.text).toBe(s.message);
        expect(sarifSchemaErrors(sarif)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});

interface CostStrings {
  readonly name: string;
  readonly team: string;
  readonly budget: string;
  readonly instanceType: string;
}

const costStrings: fc.Arbitrary<CostStrings> = fc.record({
  name: hostile,
  team: hostile,
  budget: hostile,
  instanceType: hostile,
});

function costResult(s: CostStrings): CostResult {
  return {
    project: "ml",
    stack: "prod",
    source: "/repo",
    analysis: analyzeCost([
      stackResource,
      ...sagemakerEndpoint(s.name, { team: s.team, costCenter: s.team, assetId: s.name }),
      ...sagemakerEndpoint("second", { instanceType: s.instanceType, team: s.team }),
      awsBudget(s.budget, 100, `user:aigov:team$${s.team}`),
    ]),
  };
}

describe("cost reports with hostile names, tag values and budget names", () => {
  test("text: no control character, one line per record", () => {
    fc.assert(
      fc.property(costStrings, (s) => {
        const result = costResult(s);
        const a = result.analysis;
        const lines = renderCostReport(result, "text", { color: false }).split("\n");
        for (const line of lines) expect(line).not.toMatch(TERMINAL_CONTROL);
        const rollups = [a.byTeam, a.byCostCenter, a.byAsset]
          .map((r) => Object.keys(r).length)
          .filter((n) => n > 0)
          .reduce((sum, n) => sum + n + 2, 0);
        const budgets = a.budgets.length > 0 ? 2 + 2 * a.budgets.length : 2;
        const resources = a.resources.length > 0 ? 2 + 3 * a.resources.length : 0;
        const unpriced = a.unpriced.length > 0 ? 2 + 2 * a.unpriced.length : 0;
        // Each section ends with a blank line, the last one with the report's final newline.
        expect(lines).toHaveLength(6 + rollups + budgets + resources + unpriced);
      }),
      { numRuns: 50 },
    );
  });

  test("markdown: tables keep their cells, no markup from the text takes effect", () => {
    fc.assert(
      fc.property(costStrings, (s) => {
        const result = costResult(s);
        const markdown = renderCostReport(result, "markdown", { color: false });
        expectTablesKeepTheirCells(markdown);
        const statuses = result.analysis.budgets.filter(
          (b) => b.status === "over" || b.status === "at-risk",
        );
        expectNoMarkupFromText(markdown, ["<br>", "<sub>", "</sub>"], 1 + statuses.length);
      }),
      { numRuns: 50 },
    );
  });

  test("HTML: every tag and attribute is the report's own", () => {
    const ownTags = new Set<string>();
    const collect = (html: string) => {
      const tags: string[] = [];
      // Every `<` starts a tag: text is escaped.
      for (const m of html.matchAll(/<(\/?)([^\s>/]*)/g)) tags.push(m[2]);
      return tags;
    };
    const safe = formatCostHtml(
      costResult({ name: "a", team: "t", budget: "b", instanceType: "ml.g5.xlarge" }),
    );
    for (const tag of collect(safe)) ownTags.add(tag);
    fc.assert(
      fc.property(costStrings, (s) => {
        const html = formatCostHtml(costResult(s));
        for (const tag of collect(html)) expect(ownTags).toContain(tag);
        // Attribute values are quoted and never broken out of.
        for (const m of html.matchAll(/<[a-z]+((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
          expect(m[1].replace(/="[^"]*"/g, "")).not.toMatch(/\s(on\w+|src|href)(\s|$)/i);
        }
        expect(html).not.toContain("<script");
        expect(html).not.toContain("<img");
      }),
      { numRuns: 50 },
    );
  });

  test("JSON parses back to the very strings", () => {
    fc.assert(
      fc.property(costStrings, (s) => {
        const result = costResult(s);
        const json = JSON.parse(renderCostReport(result, "json", { color: false }));
        expect(json.budgets.map((b: { name: string }) => b.name)).toEqual(
          result.analysis.budgets.map((b) => b.name),
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe("the neutralisers", () => {
  test("terminal text shows control characters escaped", () => {
    expect(oneLine("a\nb\x1b[2Jc\u202e")).toBe("a\\nb\\u001b[2Jc\\u202e");
  });

  test("Markdown prose escapes its syntax; code spans keep `<` and escape pipes", () => {
    expect(prose("[x](y) *a* <b> | & ~")).toBe("\\[x\\](y) \\*a\\* \\<b\\> \\| \\& \\~");
    expect(code("a|b`<c>")).toBe("`a\\|b'<c>`");
    expect(cell("value `<none>` for *x*\nnext")).toBe("value `<none>` for \\*x\\*<br>next");
  });

  test("a backslash before a pipe cannot unescape it", () => {
    expect(tableCells(`| ${code("a\\|b")} | ${cell("c\\|d")} |`)).toBe(2);
  });
});
