import * as assert from "node:assert/strict";
import { type DetailedDiff, detailedDiff } from "../../../provider/kit/kind";
import { check, diff } from "../../../provider/native/provider";

const URN = "urn:pulumi:dev::shop::voucherify:index:Campaign::spring";
type Props = Record<string, unknown>;

const coupons: Props = {
  name: "spring",
  campaignType: "DISCOUNT_COUPONS",
  description: "first",
  voucher: { discount: { type: "PERCENT", percentOff: 10 }, codeConfig: { pattern: "SP-####" } },
  vouchersCount: 3,
};

const promotion: Props = {
  name: "tiers",
  campaignType: "PROMOTION",
  promotion: {
    tiers: [
      { name: "gold", banner: "Gold", action: { discount: { type: "PERCENT", percentOff: 10 } } },
      { name: "silver", banner: "Silver", action: { discount: { type: "PERCENT", percentOff: 5 } } },
    ],
  },
};

/** The detailed diff the native Diff answers from declared inputs `from` to `to` (both checked, as the engine does). */
async function rows(from: Props, to: Props) {
  const olds = (await check(URN, {}, from)).inputs;
  const news = (await check(URN, olds, to)).inputs;
  return (await diff("camp_1", URN, { ...olds, campaignId: "camp_1" }, news)).detailedDiff;
}

describe("native provider: detailed diff", () => {
  it("names an edited description as an update, and nothing for no change", async () => {
    assert.deepEqual(await rows(coupons, { ...coupons, description: "second" }), { description: "update" });
    assert.deepEqual(await rows(coupons, coupons), {});
  });

  it("tells an added field from a removed one", async () => {
    const { description: _, ...bare } = coupons;
    assert.deepEqual(await rows(bare, coupons), { description: "add" });
    assert.deepEqual(await rows(coupons, bare), { description: "delete" });
  });

  it("names the nested field that forces the replacement: the discount's type", async () => {
    const amount = {
      ...coupons,
      voucher: { ...(coupons.voucher as Props), discount: { type: "AMOUNT", amountOff: 500 } },
    };
    const found = await rows(coupons, amount);
    assert.equal(found["voucher.discount.type"], "update-replace");
    assert.ok(
      Object.values(found).every((k) => k.endsWith("-replace")),
      JSON.stringify(found),
    );
    const percent = {
      ...coupons,
      voucher: { ...(coupons.voucher as Props), discount: { type: "PERCENT", percentOff: 20 } },
    };
    assert.deepEqual(await rows(coupons, percent), { "voucher.discount": "update" });
  });

  it("names promotion tiers by index: a changed banner, an added and a removed tier", async () => {
    const tiers = (promotion.promotion as { tiers: Props[] }).tiers;
    const [gold, silver] = tiers as [Props, Props];
    const banner = { ...promotion, promotion: { tiers: [gold, { ...silver, banner: "Silver!" }] } };
    assert.deepEqual(await rows(promotion, banner), { "promotion.tiers[1].banner": "update" });
    const bronze = { name: "bronze", action: { discount: { type: "PERCENT", percentOff: 2 } } };
    const added = { ...promotion, promotion: { tiers: [gold, silver, bronze] } };
    assert.deepEqual(await rows(promotion, added), { "promotion.tiers[2]": "add" });
    const removed = { ...promotion, promotion: { tiers: [silver] } };
    assert.deepEqual(await rows(promotion, removed), { "promotion.tiers[0]": "delete" });
  });

  it("reads the plan's paths without comparing values itself", () => {
    // Only the plan decides what changed: values that differ but are not in changedPaths are not named.
    const plan = {
      changedPaths: ["voucher.codeConfig.pattern"],
      replacePaths: ["voucher.codeConfig.pattern"],
    };
    const olds = { description: "a", voucher: { codeConfig: { pattern: "A-#" } } };
    const news = { description: "b", voucher: { codeConfig: { pattern: "B-#" } } };
    assert.deepEqual(detailedDiff({}, plan, olds, news), { "voucher.codeConfig.pattern": "update-replace" });
  });

  it("asks the kind's hook for a row it names element by element, and falls back to the row when it names none", () => {
    const seen: unknown[] = [];
    const kind = {
      diffElements: {
        items: (olds: Props, news: Props, replaces: boolean): DetailedDiff => {
          seen.push([olds.items, news.items, replaces]);
          return news.items === "none" ? {} : { "items[0].name": "update" };
        },
      },
    };
    const plan = { changedPaths: ["items", "title"], replacePaths: ["items"] };
    assert.deepEqual(detailedDiff(kind, plan, { items: 1, title: "a" }, { items: 2, title: "b" }), {
      "items[0].name": "update",
      title: "update",
    });
    assert.deepEqual(seen, [[1, 2, true]]);
    assert.deepEqual(detailedDiff(kind, plan, { items: 1 }, { items: "none" }), {
      items: "update-replace",
      title: "add",
    });
  });
});
