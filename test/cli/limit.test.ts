import fc from "fast-check";
import { ConcurrencyLimit } from "../../cli/analyzer/limit";

/** A task that records when it runs and settles when the test says so. */
function deferred() {
  let settle!: (fail: boolean) => void;
  const done = new Promise<string>((resolve, reject) => {
    settle = (fail) => (fail ? reject(new Error("failed")) : resolve("ok"));
  });
  return { done, settle };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("ConcurrencyLimit", () => {
  it("runs at most `max` tasks at once, starts the others in order, and settles each as its task", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
        async (max, failures, order) => {
          const limit = new ConcurrencyLimit(max);
          const tasks = failures.map(() => deferred());
          const started: number[] = [];
          let running = 0;
          let highest = 0;
          const results = tasks.map((t, i) =>
            limit
              .run(() => {
                started.push(i);
                highest = Math.max(highest, ++running);
                return t.done.finally(() => running--);
              })
              .then(
                (v) => v,
                (e: Error) => e.message,
              ),
          );
          await tick();
          expect(started).toEqual(tasks.slice(0, max).map((_, i) => i));
          // Settle the running tasks in an arbitrary order until all have run.
          const settled = new Set<number>();
          for (let k = 0; settled.size < tasks.length; k++) {
            const candidates = started.filter((i) => !settled.has(i));
            const i = candidates[order[k % order.length] % candidates.length];
            settled.add(i);
            tasks[i].settle(failures[i]);
            await tick();
            expect(limit.active).toBeLessThanOrEqual(max);
          }
          expect(await Promise.all(results)).toEqual(failures.map((f) => (f ? "failed" : "ok")));
          expect(started).toEqual(tasks.map((_, i) => i));
          expect(highest).toBe(Math.min(max, tasks.length));
          expect([limit.active, limit.queued]).toEqual([0, 0]);
        },
      ),
    );
  });

  it("frees the slot of a task that throws synchronously", async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(
      limit.run(() => {
        throw new Error("sync");
      }),
    ).rejects.toThrow("sync");
    await expect(limit.run(async () => 42)).resolves.toBe(42);
  });

  it.each([0, -1, 1.5, Number.NaN])("rejects a limit of %p", (max) => {
    expect(() => new ConcurrencyLimit(max)).toThrow(/positive integer/);
  });
});
