import * as fs from "fs";
import * as path from "path";

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** File the block comes from, relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** Info string language (`ts`, `yaml`, `sh`, …). */
  lang: string;
  /** The block's text. */
  code: string;
}

export const repoRoot = path.resolve(__dirname, "../..");

/** Markdown files whose code blocks are checked: README, docs/, every example and template README. */
export function markdownFiles(): string[] {
  const files = ["README.md"];
  const walk = (dir: string) => {
    if (!fs.existsSync(path.join(repoRoot, dir))) return;
    for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(rel);
      else if (entry.name.endsWith(".md")) files.push(rel);
    }
  };
  walk("docs");
  walk("examples");
  walk("policy-packs");
  walk("templates");
  return files.filter((f) => fs.existsSync(path.join(repoRoot, f)));
}

/** Extracts the fenced code blocks of a Markdown file. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = fs.readFileSync(path.join(repoRoot, file), "utf8").split("\n");
  const blocks: CodeBlock[] = [];
  let open: { line: number; lang: string; fence: string; body: string[] } | undefined;
  lines.forEach((text, i) => {
    const fence = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(text);
    if (!open && fence) {
      open = { line: i + 1, lang: fence[3].toLowerCase(), fence: fence[2], body: [] };
    } else if (open && text.trim() === open.fence) {
      blocks.push({ file, line: open.line, lang: open.lang, code: open.body.join("\n") });
      open = undefined;
    } else if (open) {
      open.body.push(text);
    }
  });
  if (open) throw new Error(`${file}:${open.line}: unclosed code block`);
  return blocks;
}
