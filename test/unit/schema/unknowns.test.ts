import assert from "node:assert/strict";
import { checkCampaignInputs } from "../../../provider/campaign/mapping";
import {
  containsUnknown,
  isUnderUnknown,
  restoreUnknowns,
  stripUnknowns,
  UNKNOWN,
} from "../../../provider/schema/unknowns";
import { loadCampaignFixture } from "./fixtures";

type Json = Record<string, unknown>;

describe("unknown values during preview", () => {
  it("uses Pulumi's sentinel string", () => {
    assert.equal(UNKNOWN, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });

  it("finds unknowns at any depth", () => {
    assert.equal(containsUnknown({ a: [{ b: UNKNOWN }] }), true);
    assert.equal(containsUnknown({ a: [{ b: "known" }] }), false);
  });

  it("strips unknown keys and arrays holding unknowns, without touching the input", () => {
    const raw = { a: UNKNOWN, b: { c: UNKNOWN, d: 1 }, e: [1, UNKNOWN], f: [{ g: UNKNOWN, h: 2 }] };
    const { value, unknowns } = stripUnknowns(raw);
    assert.deepEqual(value, { b: { d: 1 }, f: [{ h: 2 }] });
    assert.deepEqual(
      unknowns.map((u) => u.path),
      [["a"], ["b", "c"], ["e"], ["f", 0, "g"]],
    );
    assert.equal(raw.a, UNKNOWN);
    assert.equal(raw.b.c, UNKNOWN);
    assert.deepEqual(restoreUnknowns(structuredClone(value), unknowns), raw);
  });

  it("treats issue paths at or below an unknown as caused by it", () => {
    const { unknowns } = stripUnknowns({ voucher: { discount: UNKNOWN } });
    assert.equal(isUnderUnknown(["voucher", "discount"], unknowns), true);
    assert.equal(isUnderUnknown(["voucher", "discount", "type"], unknowns), true);
    assert.equal(isUnderUnknown(["voucher"], unknowns), false);
  });

  const cases: { name: string; mutate: (c: Json) => void; path: (string | number)[] }[] = [
    {
      name: "a required discount",
      mutate: (c) => ((c.voucher as Json).discount = UNKNOWN),
      path: ["voucher", "discount"],
    },
    {
      name: "the discount's discriminator",
      mutate: (c) => (((c.voucher as Json).discount as Json).type = UNKNOWN),
      path: ["voucher", "discount", "type"],
    },
    { name: "a date", mutate: (c) => (c.startDate = UNKNOWN), path: ["startDate"] },
    { name: "the campaign type", mutate: (c) => (c.campaignType = UNKNOWN), path: ["campaignType"] },
    { name: "the name", mutate: (c) => (c.name = UNKNOWN), path: ["name"] },
    { name: "a whole voucher", mutate: (c) => (c.voucher = UNKNOWN), path: ["voucher"] },
    {
      name: "a day in a list",
      mutate: (c) => (c.validityDayOfWeek = [1, UNKNOWN]),
      path: ["validityDayOfWeek"],
    },
    {
      name: "a metadata value",
      mutate: (c) => ((c.metadata as Json).region = UNKNOWN),
      path: ["metadata", "region"],
    },
    { name: "a boolean", mutate: (c) => (c.active = UNKNOWN), path: ["active"] },
  ];

  for (const c of cases) {
    it(`accepts an unknown ${c.name} and returns it unchanged`, () => {
      const raw = loadCampaignFixture("full", "discount_coupons");
      c.mutate(raw);
      const { inputs, failures } = checkCampaignInputs(raw);
      assert.deepEqual(failures, []);
      let node: unknown = inputs;
      for (const seg of c.path) node = (node as Record<string | number, unknown>)[seg];
      if (Array.isArray(node)) assert.ok(node.includes(UNKNOWN));
      else assert.equal(node, UNKNOWN);
    });
  }

  it("still normalizes the known parts when some validation is skipped", () => {
    const raw = loadCampaignFixture("full", "discount_coupons");
    (raw.voucher as Json).discount = UNKNOWN;
    const { inputs } = checkCampaignInputs(raw);
    assert.equal(inputs.startDate, "2030-03-01T00:00:00.000Z");
    assert.deepEqual(inputs.validityDayOfWeek, [1, 3, 5]);
  });

  it("still reports real problems next to unknowns", () => {
    const raw = loadCampaignFixture("full", "discount_coupons");
    raw.startDate = UNKNOWN;
    ((raw.voucher as Json).discount as Json).percentOff = 150;
    const { failures } = checkCampaignInputs(raw);
    assert.deepEqual(
      failures.map((f) => f.property),
      ["voucher.discount.percentOff"],
    );
  });

  it("does not ask for startDate when it is unknown and validityTimeframe is set", () => {
    const raw = loadCampaignFixture("full", "discount_coupons");
    raw.startDate = UNKNOWN;
    assert.deepEqual(checkCampaignInputs(raw).failures, []);
  });
});
