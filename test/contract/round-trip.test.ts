// No perpetual diffs, proven generically: for every fixture and every row of the field model, `create` through the
// adapter against the emulator of each profile, then check + diff of the same program find no change. The state
// is what create really returned, never hand-built.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { documentedRules } from "../../provider/campaign/fields-doc";
import type { TestEmulator } from "../helpers/emulator";
import { SAMPLES, setPath } from "../unit/campaign/samples";
import { FIXTURE_TYPES, loadCampaignFixture } from "../unit/schema/fixtures";
import { forEachProfile, type Json, PROVIDER_TEXT, provider, registration } from "./support";

/** The validation rules the fixtures and samples name, so the emulator accepts their assignments. */
const RULES = ["val_q8qUBMOh5qIQ", "val_giftrule", "val_referral", "val_other"];

/**
 * The fixtures name category IDs of the vendor's examples; the emulator makes categories only on first use by
 * name (its IDs are its own), so each named ID is swapped for one the emulator made.
 */
async function withEmulatorCategories(emulator: TestEmulator, raw: Json): Promise<Json> {
  const text = JSON.stringify(raw);
  const named = [...new Set(text.match(/"cat_[A-Za-z0-9]+"/g) ?? [])];
  let out = text;
  for (const quoted of named) {
    const made = await emulator.api<{ category_id: string }>("POST", "/v1/campaigns", {
      name: `category seed ${quoted}`,
      campaign_type: "DISCOUNT_COUPONS",
      type: "STATIC",
      category: `seed ${quoted}`,
      voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "PERCENT", percent_off: 1 } },
    });
    assert.match(String(made.body.category_id), /^cat_/, JSON.stringify(made.body));
    out = out.split(quoted).join(JSON.stringify(made.body.category_id));
  }
  return JSON.parse(out) as Json;
}

function valueAt(obj: Json, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((o, k) => (o as Json | undefined)?.[k], obj);
}

/** The program's inputs → create → the same program checked against what create recorded → its diff. */
async function roundTrip(
  emulator: TestEmulator,
  declared: Json,
): Promise<{ changes: boolean; replaces: string[] }> {
  const program = registration("round-trip", await withEmulatorCategories(emulator, declared));
  const first = await provider.check(undefined, program);
  assert.deepEqual(first.failures, [], JSON.stringify(first.failures));
  const created = await provider.create({ ...first.inputs, __provider: PROVIDER_TEXT });
  const outs = { ...created.outs, __provider: PROVIDER_TEXT };
  const again = await provider.check(first.inputs, program);
  assert.deepEqual(again.failures, [], JSON.stringify(again.failures));
  return provider.diff(created.id, outs, again.inputs);
}

forEachProfile(
  "contract: round trip, create then the same program diffs clean",
  (ctx) => {
    let cwd: string;
    let tmp: string;
    before(() => {
      // CSV paths are relative to the program's folder; the samples name codes.csv.
      cwd = process.cwd();
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "round-trip-"));
      fs.writeFileSync(path.join(tmp, "codes.csv"), "Code,Category\nRT-1,gold\nRT-2,\n");
      process.chdir(tmp);
    });
    after(() => {
      process.chdir(cwd);
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    for (const set of ["minimal", "full"] as const) {
      for (const type of FIXTURE_TYPES) {
        it(`${set} ${type}`, async () => {
          const result = await roundTrip(ctx.emulator, loadCampaignFixture(set, type));
          assert.equal(result.changes, false);
        });
      }
    }

    it("an empty code list, as the program sends it (plain `[]`: no code to hide)", async () => {
      const declared = { ...loadCampaignFixture("minimal", "discount_coupons"), vouchers: [] };
      assert.equal(registration("round-trip", declared).vouchers, "[]");
      const result = await roundTrip(ctx.emulator, declared);
      assert.equal(result.changes, false);
    });

    for (const rule of documentedRules()) {
      const sample = SAMPLES[rule.path];
      it(`with ${rule.path} set`, async () => {
        assert.ok(sample, `add a sample value for ${rule.path}`);
        const fixture = loadCampaignFixture("full", sample.fixture);
        if (sample.unchecked) {
          // The sample cannot pass check on its own (voucher.type follows campaignType): the full fixture sets the
          // field, and its round trip above covers it.
          assert.notEqual(
            valueAt(fixture, rule.path),
            undefined,
            `the full ${sample.fixture} fixture sets ${rule.path}`,
          );
          return;
        }
        let raw = setPath(fixture, sample.at ?? rule.path, sample.value);
        for (const [k, v] of Object.entries(sample.extra ?? {})) raw = setPath(raw, k, v);
        const result = await roundTrip(ctx.emulator, raw);
        assert.equal(result.changes, false, `${rule.path} does not round-trip`);
      });
    }
  },
  { validationRuleIds: RULES, pastStartDates: "accept" },
);
