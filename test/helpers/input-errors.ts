import * as pulumi from "@pulumi/pulumi";

/** Calls `fn` and returns what it threw; fails the test when it does not throw. */
export function thrownBy(fn: () => unknown): pulumi.InputPropertiesError {
  try {
    fn();
  } catch (e) {
    if (!pulumi.InputPropertiesError.isInstance(e)) throw e;
    return e;
  }
  throw new Error("expected an InputPropertiesError, nothing was thrown");
}

/**
 * Asserts that `fn` throws exactly `expected`: the same message (`toThrow`) and the same list of
 * property errors, in order.
 */
export function expectInputError(fn: () => unknown, expected: pulumi.InputPropertiesError): void {
  expect(fn).toThrow(expected);
  expect(thrownBy(fn).errors).toEqual(expected.errors);
}

/** The error a component throws for `errors`. */
export function inputError(
  component: string,
  name: string,
  errors: pulumi.InputPropertyErrorDetails[],
): pulumi.InputPropertiesError {
  return new pulumi.InputPropertiesError({
    message: `Invalid arguments for ${component} "${name}"`,
    errors,
  });
}
