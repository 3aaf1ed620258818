import { Problems } from "./governance";

/** Records a problem unless `value` is undefined or an integer in `[min, max]`. */
export function checkInteger(
  problems: Problems,
  path: string,
  value: number | undefined,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    problems.add(path, `expected an integer ${range}, got ${JSON.stringify(value)}`);
  }
}

/** Records a problem unless `value` is undefined or a finite number in `(min, max]` / `[min, max]`. */
export function checkNumber(
  problems: Problems,
  path: string,
  value: number | undefined,
  min: number,
  max: number,
  options: { exclusiveMin?: boolean } = {},
): void {
  if (value === undefined) return;
  const aboveMin = options.exclusiveMin ? value > min : value >= min;
  if (!Number.isFinite(value) || !aboveMin || value > max) {
    const low = options.exclusiveMin ? `above ${min}` : `from ${min}`;
    problems.add(path, `expected a number ${low} up to ${max}, got ${JSON.stringify(value)}`);
  }
}

/** Records a problem when both a min and a max are known and min > max. */
export function checkMinMax(
  problems: Problems,
  path: string,
  min: number | undefined,
  max: number | undefined,
  names: { min: string; max: string },
): void {
  if (min === undefined || max === undefined) return;
  if (Number.isFinite(min) && Number.isFinite(max) && min > max) {
    problems.add(path, `\`${names.min}\` (${min}) must not exceed \`${names.max}\` (${max})`);
  }
}
