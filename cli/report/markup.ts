/**
 * The one place where untrusted text (resource names, tag values, URNs, policy messages, budget
 * names) is made safe for each output format: the terminal, Markdown and HTML. JSON and SARIF need
 * nothing more than `JSON.stringify`.
 */

/**
 * Characters that act on a terminal or on how text reads rather than showing: C0 and C1 controls
 * (escape sequences, carriage returns, newlines that forge report lines), DEL, the Unicode line
 * and paragraph separators, and the bidirectional overrides and isolates.
 */
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const NAMED_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `\n`, `\t` or `\u001b`: how a control character is shown. */
function visible(char: string): string {
  return (
    NAMED_ESCAPES[char] ?? `\\u${(char.codePointAt(0) as number).toString(16).padStart(4, "0")}`
  );
}

/** Untrusted text on one terminal line: every control character is shown escaped (`\u001b`). */
export function oneLine(text: string): string {
  return text.replace(CONTROL, visible);
}

/**
 * A copy of plain data (objects, arrays) with every string, keys included, on one terminal line:
 * for reports whose every field is a single line of text.
 */
export function oneLineDeep<T>(value: T): T {
  if (typeof value === "string") {
    return oneLine(value) as T;
  }
  if (Array.isArray(value)) {
    return value.map(oneLineDeep) as T;
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [oneLine(k), oneLineDeep(v)]),
    ) as T;
  }
  return value;
}

/** Untrusted multi-line text (a policy message) as terminal lines, each neutralised. */
export function textLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map(oneLine);
}

/**
 * Characters with a meaning in Markdown prose (emphasis, links, images, raw HTML, entities, code,
 * strikethrough, table cells), escaped with a backslash so that they show as themselves.
 */
const MARKDOWN_SYNTAX = /[\\`*_[\]<>|~&]/g;

/** Untrusted text as Markdown prose on one line: shown as written, no syntax takes effect. */
export function prose(text: string): string {
  return oneLine(text).replace(MARKDOWN_SYNTAX, "\\$&");
}

/**
 * Markdown inline code, safe in a table cell: backticks (which would end it) become `'`, pipes are
 * escaped as GitHub tables need even inside code (after an even run of backslashes, which the
 * table splits as escaped pairs), control characters are shown escaped.
 */
export function code(text: string): string {
  const content = oneLine(text)
    .replace(/`/g, "'")
    .replace(/(\\*)\|/g, (_, slashes: string) => `${slashes}${slashes}\\|`);
  return `\`${content.trim() === "" ? ` ${content} ` : content}\``;
}

/**
 * Untrusted text for a Markdown table cell (or any inline position): its `code spans` stay code,
 * the rest is {@link prose}; lines are joined with `<br>`.
 */
export function cell(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .split(/`([^`]+)`/)
        .map((part, i) => (i % 2 === 1 ? code(part) : prose(part)))
        .join(""),
    )
    .join("<br>");
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLES = { bold: "1", dim: "2", red: "31", yellow: "33", green: "32" } as const;
/** A terminal text style. */
export type Style = keyof typeof STYLES;

/** Paints text with ANSI styles when `color` is on, and leaves it plain otherwise. */
export function painter(color: boolean): (style: Style, text: string) => string {
  return (style, text) => (color ? `\x1b[${STYLES[style]}m${text}\x1b[0m` : text);
}
