import * as fs from "fs";
import * as path from "path";
import MarkdownIt from "markdown-it";

// Reads the published contract (docs/contract.md) with a Markdown parser: its sections, their
// tables (cells as inline source text) and list items. Anything the tests look for and do not
// find is an error, never an empty result.

export const CONTRACT_FILE = path.join(__dirname, "../../docs/contract.md");

/** One section: the text between a heading and the next heading of the same or a higher level. */
export interface Section {
  heading: string;
  tables: string[][][];
  listItems: string[];
  text: string;
}

const md = new MarkdownIt();
type Token = ReturnType<MarkdownIt["parse"]>[number];

/** Splits the contract into sections by every heading (`## 1. Governance metadata`, …). */
export function contractSections(file = CONTRACT_FILE): Section[] {
  const tokens = md.parse(fs.readFileSync(file, "utf8"), {});
  const sections: Section[] = [];
  let current: Section | undefined;
  let row: string[] | undefined;
  let table: string[][] | undefined;
  let inItem = 0;
  tokens.forEach((t: Token, i: number) => {
    if (t.type === "heading_open") {
      current = { heading: tokens[i + 1].content, tables: [], listItems: [], text: "" };
      sections.push(current);
      return;
    }
    if (!current) return;
    if (t.type === "table_open") current.tables.push((table = []));
    else if (t.type === "tr_open") table?.push((row = []));
    else if (t.type === "list_item_open") inItem++;
    else if (t.type === "list_item_close") inItem--;
    else if (t.type === "inline") {
      const parent = tokens[i - 1]?.type;
      if (parent === "th_open" || parent === "td_open") row?.push(t.content.trim());
      else if (tokens[i - 2]?.type !== "heading_open" && parent !== "heading_open") {
        if (inItem > 0 && parent === "paragraph_open") current.listItems.push(t.content);
        current.text += `${t.content}\n`;
      }
    } else if (t.type === "fence") current.text += `${t.content}\n`;
  });
  return sections;
}

/** The section whose heading starts with `prefix`; an error when there is none or several. */
export function section(sections: Section[], prefix: string): Section {
  const found = sections.filter((s) => s.heading.startsWith(prefix));
  if (found.length !== 1) {
    throw new Error(`docs/contract.md: expected one section "${prefix}…", found ${found.length}`);
  }
  return found[0];
}

/** The body rows of the section's only table whose header is `header`, as cell texts. */
export function tableRows(s: Section, header: string[]): string[][] {
  const found = s.tables.filter((t) => JSON.stringify(t[0]) === JSON.stringify(header));
  if (found.length !== 1) {
    throw new Error(
      `docs/contract.md "${s.heading}": expected one table | ${header.join(" | ")} |`,
    );
  }
  if (found[0].length < 2) throw new Error(`docs/contract.md "${s.heading}": empty table`);
  return found[0].slice(1);
}

/** Every backticked name in `text`, in order. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

/** The single backticked name at the start of a cell (`` `team` ``, `` `base-model` (v2) ``). */
export function leadingName(cell: string): string {
  const m = /^`([^`]+)`( \(v2\))?$/.exec(cell);
  if (!m) throw new Error(`docs/contract.md: expected a backticked name, got ${cell}`);
  return m[1];
}
