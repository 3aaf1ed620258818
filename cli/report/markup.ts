/** Text helpers shared by the Markdown and terminal reports. */

/** Escapes text for a Markdown table cell. */
export function cell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, "<br>");
}

/** Markdown inline code. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

const STYLES = { bold: "1", dim: "2", red: "31", yellow: "33", green: "32" } as const;
/** A terminal text style. */
export type Style = keyof typeof STYLES;

/** Paints text with ANSI styles when `color` is on, and leaves it plain otherwise. */
export function painter(color: boolean): (style: Style, text: string) => string {
  return (style, text) => (color ? `\x1b[${STYLES[style]}m${text}\x1b[0m` : text);
}
