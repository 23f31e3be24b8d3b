import * as assert from "node:assert/strict";
import { forEachConcurrently } from "../../../provider/codes/concurrency";

describe("codes/concurrency forEachConcurrently", () => {
  it("runs every item, at most `width` at a time, starting them in list order", async () => {
    const started: number[] = [];
    let running = 0;
    let widest = 0;
    const gates: (() => void)[] = [];
    const done = forEachConcurrently(
      Array.from({ length: 10 }, (_, i) => i),
      async (i) => {
        started.push(i);
        running++;
        widest = Math.max(widest, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
      },
      3,
    );
    while (started.length < 10 || gates.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    await done;
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(widest, 3);
  });

  it("resolves at once for no items", async () => {
    await forEachConcurrently([], async () => assert.fail("no work expected"));
  });
});
