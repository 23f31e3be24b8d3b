import assert from "node:assert/strict";
import { converge, type Step } from "../../../provider/kit/converge";
import { isPartialFailureError } from "../../../provider/kit/failure";
import { type ConvergeRecord, newRecord, type RecordedKind, settle } from "../../../provider/kit/record";

type Work = "put" | "items" | "setting";

// A made-up kind: the recorder and the executor know nothing of Campaigns.
const KIND: RecordedKind<Work> = {
  rows: [
    { path: "title", apply: "put" },
    { path: "nested.items", apply: "items" },
    { path: "mode", apply: "setting" },
  ],
  alwaysDesired: new Set<Work>(["setting"]),
  computedKeys: ["serverId"],
  byReference: new Set(["big"]),
};

const before = { title: "old", nested: { items: [1] }, mode: "a", serverId: "s1", __autonamed: true };
const desired = { title: "new", nested: { items: [1, 2, 3] }, mode: "b" };

function record(): ConvergeRecord<Work> {
  return newRecord<Work>({ desired, before, computed: { serverId: "s1" }, hidden: { __autonamed: true } });
}

describe("kit/record settle", () => {
  it("records done rows as desired, the others as they were, provider settings always as desired", () => {
    const r = record();
    r.done.add("put");
    assert.deepEqual(settle(KIND, r), {
      title: "new",
      nested: { items: [1] },
      mode: "b",
      serverId: "s1",
      __autonamed: true,
    });
  });

  it("records partly applied values as given", () => {
    const r = record();
    r.applied.items = { "nested.items": [1, 2] };
    assert.deepEqual((settle(KIND, r).nested as { items: unknown }).items, [1, 2]);
  });

  it("throws the one partial failure, carrying the recorded state and the engine's provider", () => {
    const r = record();
    r.failure = { step: "putting", error: new Error("boom") };
    assert.throws(
      () => settle(KIND, r, { id: "x1", inputs: { __provider: "p" }, message: (f) => `${f.step} failed` }),
      (e: unknown) =>
        isPartialFailureError(e) &&
        e.id === "x1" &&
        e.message === "putting failed" &&
        e.properties.__provider === "p" &&
        e.properties.title === "old",
    );
  });
});

describe("kit/converge", () => {
  type C = { record: ConvergeRecord<Work>; ran: string[] };
  const step = (marks: Work, fail = false): Step<Work, C> => ({
    marks,
    label: () => `doing ${marks}`,
    run: async (c) => {
      c.ran.push(marks);
      if (fail) throw new Error(`${marks} broke`);
    },
  });

  it("runs the steps in order, skips work already done, and marks what it did", async () => {
    const c: C = { record: record(), ran: [] };
    c.record.done.add("put");
    await converge([step("put"), step("items"), { ...step("setting"), wanted: () => false }], c);
    assert.deepEqual(c.ran, ["items"]);
    assert.deepEqual([...c.record.done].sort(), ["items", "put", "setting"]);
  });

  it("stops at the first failure and notes it in the record instead of throwing", async () => {
    const c: C = { record: record(), ran: [] };
    await converge([step("put", true), step("items")], c);
    assert.deepEqual(c.ran, ["put"]);
    assert.equal(c.record.failure?.step, "doing put");
    assert.equal(c.record.done.has("put"), false);
  });
});
