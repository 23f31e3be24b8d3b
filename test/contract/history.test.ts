// Edits that keep a campaign's history, through the adapter functions against the emulator of each profile, with
// the request log as the witness: tiers and validation rules change in place, a discount changes with one PUT
// unless its type changes, and replacements of campaigns that declare codes converge in one `up`.
// (Moved down from the engine e2e tier.)
import * as assert from "node:assert/strict";
import { count, render, type TestEmulator } from "../helpers/emulator";
import { CheckFailedError, ContractStack, codesOf, forEachProfile, type Json, rejection } from "./support";

interface ApiTier {
  id: string;
  name: string;
  banner?: string;
}

async function tiersOf(emulator: TestEmulator, campaignId: string): Promise<ApiTier[]> {
  await emulator.settle();
  const { body } = await emulator.api<{ tiers: ApiTier[] }>("GET", `/v1/promotions/${campaignId}/tiers`);
  return body.tiers;
}

type Tier = { key?: string; name: string; banner?: string };

const promotion = (tiers: Tier[]): Json => ({
  name: "summer promo",
  campaignType: "PROMOTION",
  promotion: {
    tiers: tiers.map((t) => ({ ...t, action: { discount: { type: "AMOUNT", amountOff: 1000 } } })),
  },
});

const coupons = (extra: Json = {}): Json => ({
  name: "spring coupons",
  campaignType: "DISCOUNT_COUPONS",
  voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 10 } },
  ...extra,
});

forEachProfile("contract: edits that keep the campaign and its history", (ctx) => {
  it("edits, adds, removes and renames promotion tiers in place, one tier call each", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({
      promo: promotion([
        { name: "Over $100", banner: "$10 off" },
        { key: "big", name: "Over $500" },
      ]),
    });
    await stack.up();
    const campaignId = String(stack.output("promo", "campaignId"));
    const ids = new Map((await tiersOf(emulator, campaignId)).map((t) => [t.name, t.id]));
    assert.deepEqual(
      stack.output("promo", "tierIds"),
      { "Over $100": ids.get("Over $100"), big: ids.get("Over $500") },
      "tier IDs recorded by key",
    );

    const step = async (tiers: Tier[], expected: RegExp, expectedCount = 1) => {
      stack.spec = { promo: promotion(tiers) };
      await emulator.clearRequests();
      const changes = await stack.up();
      assert.equal(changes.replace, 0, "never a replacement");
      assert.equal(changes.update, 1);
      const log = await emulator.requests();
      const writes = log.filter((r) => r.method !== "GET");
      assert.equal(writes.length, expectedCount, render(log).join("\n"));
      assert.match(`${writes[0]?.method} ${writes[0]?.path}`, expected, render(log).join("\n"));
      assert.equal(count(log, "PUT", /^\/v1\/campaigns\//), 0, "no campaign PUT");
      assert.equal(stack.output("promo", "campaignId"), campaignId, "the campaign keeps its ID");
      await stack.preview({ expectNoChanges: true });
    };

    await step(
      [
        { name: "Over $100", banner: "$15 off" },
        { key: "big", name: "Over $500" },
      ],
      new RegExp(`^PUT /v1/promotions/tiers/${ids.get("Over $100")}$`),
    );
    const edited = await tiersOf(emulator, campaignId);
    assert.equal(edited.find((t) => t.name === "Over $100")?.banner, "$15 off");
    assert.equal(
      edited.find((t) => t.name === "Over $100")?.id,
      ids.get("Over $100"),
      "the tier keeps its ID",
    );

    await step(
      [{ name: "Over $100", banner: "$15 off" }, { key: "big", name: "Over $500" }, { name: "Over $1000" }],
      new RegExp(`^POST /v1/promotions/${campaignId}/tiers$`),
    );
    await step(
      [{ key: "big", name: "Over $500" }, { name: "Over $1000" }],
      new RegExp(`^DELETE /v1/promotions/tiers/${ids.get("Over $100")}$`),
    );
    await step(
      [{ key: "big", name: "Over $750" }, { name: "Over $1000" }],
      new RegExp(`^PUT /v1/promotions/tiers/${ids.get("Over $500")}$`),
    );
    const renamed = await tiersOf(emulator, campaignId);
    assert.equal(renamed.find((t) => t.name === "Over $750")?.id, ids.get("Over $500"), "renamed in place");
    assert.equal(
      (stack.output("promo", "tierIds") as Json).big,
      ids.get("Over $500"),
      "recorded under its key",
    );
  });

  it("changes a discount within its type with one campaign PUT, and replaces on a new discount type", async () => {
    const { emulator } = ctx;
    const stack = new ContractStack({ coupons: coupons() });
    await stack.up();
    const firstId = String(stack.output("coupons", "campaignId"));

    stack.spec = {
      coupons: coupons({
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percentOff: 25 } },
      }),
    };
    await emulator.clearRequests();
    await stack.up();
    assert.deepEqual(render(await emulator.requests()), [`PUT /v1/campaigns/${firstId} 200`]);
    assert.equal(stack.output("coupons", "campaignId"), firstId);

    stack.spec = {
      coupons: coupons({
        voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amountOff: 500 } },
      }),
    };
    const preview = await stack.preview();
    assert.equal(preview.replace, 1, JSON.stringify(preview));
    assert.ok(
      ctx.logs.some((l) => l.includes("codes and redemption history go with it")),
      "the preview says what a replacement loses",
    );
    await emulator.clearRequests();
    await stack.up();
    const log = await emulator.requests();
    assert.equal(count(log, "PUT", /^\/v1\/campaigns\//), 0, "never a PUT of the discount type");
    assert.notEqual(stack.output("coupons", "campaignId"), firstId);
    await stack.preview({ expectNoChanges: true });
  });

  it("moves a campaign's validation rule through assignment calls, keeping the campaign ID", async () => {
    const { emulator } = ctx;
    const rule = async (name: string) =>
      (await emulator.api<{ id: string }>("POST", "/v1/validation-rules", { name, rules: { logic: "" } }))
        .body.id;
    const [first, second] = [await rule("first rule"), await rule("second rule")];
    const stack = new ContractStack({ coupons: coupons({ validationRules: [first] }) });
    await stack.up();
    const id = String(stack.output("coupons", "campaignId"));

    stack.spec = { coupons: coupons({ validationRules: [second] }) };
    await emulator.clearRequests();
    await stack.up();
    const log = render(await emulator.requests());
    const writes = log.filter((l) => !l.startsWith("GET "));
    assert.equal(writes.length, 2, log.join("\n"));
    assert.equal(writes[0], `POST /v1/validation-rules/${second}/assignments 200`, "the new rule first");
    assert.match(writes[1] ?? "", new RegExp(`^DELETE /v1/validation-rules/${first}/assignments/\\S+ 204$`));
    assert.equal(stack.output("coupons", "campaignId"), id);
    await emulator.settle();
    const campaign = await emulator.api<{ validation_rules_assignments: { data: { rule_id: string }[] } }>(
      "GET",
      `/v1/campaigns/${id}`,
    );
    assert.deepEqual(
      campaign.body.validation_rules_assignments.data.map((a) => a.rule_id),
      [second],
    );
    await stack.refresh();
    await stack.preview({ expectNoChanges: true });
  });

  it("puts back a code's own start date after a campaign start date change rewrote it", async () => {
    const { emulator } = ctx;
    const vouchers = [{ code: "OWN-DATE", startDate: "2099-06-01" }, { code: "INHERITS" }];
    const stack = new ContractStack({ coupons: coupons({ startDate: "2099-01-01", vouchers }) });
    await stack.up();
    stack.spec = { coupons: coupons({ startDate: "2099-02-01", vouchers }) };
    await emulator.clearRequests();
    await stack.up();
    const writes = render(await emulator.requests()).filter((l) => !l.startsWith("GET "));
    assert.deepEqual(
      writes.map((l) => l.replace(/camp_\w+/, "{id}")),
      ["PUT /v1/campaigns/{id} 200", "PUT /v1/vouchers/OWN-DATE 200"],
      "one campaign PUT, one PUT for the code that declares its own date",
    );
    await emulator.settle();
    const own = await emulator.api<{ start_date: string }>("GET", "/v1/vouchers/OWN-DATE");
    const inherits = await emulator.api<{ start_date: string }>("GET", "/v1/vouchers/INHERITS");
    assert.equal(Date.parse(own.body.start_date), Date.parse("2099-06-01"));
    assert.equal(Date.parse(inherits.body.start_date), Date.parse("2099-02-01"));
    await stack.preview({ expectNoChanges: true });
  });

  it("stops at preview, with zero API calls, a delete-first replacement of a campaign that started in the past", async () => {
    // A campaign that started yesterday (the emulator is told to accept such a create; the API may not).
    const emulator = await ctx.restart({ pastStartDates: "accept" });
    const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
    const vouchers = [{ code: "PAST-1" }];
    const stack = new ContractStack({ coupons: coupons({ startDate: yesterday, vouchers }) });
    await stack.up();

    stack.spec = { coupons: coupons({ startDate: yesterday, vouchers, useVoucherMetadataSchema: false }) };
    await emulator.clearRequests();
    const failure = await rejection(stack.preview());
    assert.ok(failure instanceof CheckFailedError, String(failure));
    assert.match(failure.message, /startDate .* is in the past/);
    assert.match(
      failure.message,
      /a startDate in the future \(or none\), or change only fields that update in place/,
    );
    assert.deepEqual(render(await emulator.requests()), [], "zero API calls");
    // An in-place change of the same campaign stays allowed.
    stack.spec = { coupons: coupons({ startDate: yesterday, vouchers, description: "still running" }) };
    const changes = await stack.up();
    assert.equal(changes.update, 1);
  });

  for (const named of [true, false]) {
    it(`replaces ${named ? "a named" : "an autonamed"} campaign holding 100 inline codes in one up, every code moving over`, async () => {
      const { emulator } = ctx;
      const vouchers = Array.from({ length: 100 }, (_, i) => ({
        code: `HIST-${String(i).padStart(3, "0")}`,
      }));
      const spec = (pattern: string): Json =>
        coupons({
          ...(named ? {} : { name: undefined }),
          voucher: {
            type: "DISCOUNT_VOUCHER",
            discount: { type: "PERCENT", percentOff: 10 },
            codeConfig: { pattern },
          },
          vouchers,
        });
      const stack = new ContractStack({ coupons: spec("OLD-####") });
      await stack.up();
      const oldId = String(stack.output("coupons", "campaignId"));

      stack.spec = { coupons: spec("NEW-####") };
      const changes = await stack.up();
      assert.equal(changes.replace, 1);
      const newId = String(stack.output("coupons", "campaignId"));
      assert.notEqual(newId, oldId);
      await emulator.settle();
      assert.equal(
        (await emulator.api("GET", `/v1/campaigns/${oldId}`)).status,
        404,
        "the old campaign is gone",
      );
      assert.deepEqual(
        await codesOf(emulator, newId),
        vouchers.map((v) => v.code),
      );
      assert.deepEqual(
        (stack.output("coupons", "vouchers") as Json[]).map((v) => v.code),
        vouchers.map((v) => v.code),
        "the replacement records every code",
      );
      await stack.preview({ expectNoChanges: true });
    });
  }
});
