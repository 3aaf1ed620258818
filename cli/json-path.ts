/** `deployment.resources[3].urn`: a JSON path as people write it. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(key))) text += `${text ? "." : ""}${String(key)}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text || "(root)";
}
