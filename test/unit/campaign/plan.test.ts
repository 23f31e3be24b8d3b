import assert from "node:assert/strict";
import { CAMPAIGN_FIELD_RULES, type FieldRule } from "../../../provider/campaign/fields";
import { checkCampaignInputs, toCreateBody } from "../../../provider/campaign/mapping";
import { computedOutputs } from "../../../provider/campaign/outputs";
import { planCampaignChange } from "../../../provider/campaign/plan";
import { fromApiCampaign } from "../../../provider/campaign/read-back";
import type { CampaignInputs } from "../../../provider/schema/campaign";
import { UNKNOWN } from "../../../provider/schema/unknowns";
import type { ApiCampaign } from "../../../provider/schema/wire";
import { FIXTURE_TYPES, loadCampaignFixture } from "../schema/fixtures";
import { SAMPLES, setPath } from "./samples";

type Json = Record<string, unknown>;
type FixtureType = (typeof FIXTURE_TYPES)[number];

function checked(raw: Json): Json {
  const { inputs, failures } = checkCampaignInputs(raw);
  assert.deepEqual(failures, [], JSON.stringify(failures));
  return inputs;
}

/** Previous outputs as the engine stores them: checked inputs + computed fields + the provider key. */
function outputsFor(inputs: Json): Json {
  const computed = computedOutputs({
    id: "camp_abc",
    created_at: "2030-01-01T00:00:00.000Z",
    creation_status: "DONE",
    vouchers_generation_status: "DONE",
    vouchers_count: 10,
    active: inputs.active as boolean,
    category_id: "cat_1",
  } as ApiCampaign);
  return { ...inputs, ...computed, __provider: "serialized-provider" };
}

/** PROMOTION's update body lacks these; STANDALONE is fixed once created (the gift fixture is STANDALONE). */
const REPLACES_FOR: Record<string, readonly FixtureType[]> = {
  type: ["promotion", "gift_vouchers"],
  activityDurationAfterPublishing: ["promotion"],
  joinOnce: ["promotion"],
  autoJoin: ["promotion"],
};

function expectsReplace(rule: FieldRule, fixture: FixtureType): boolean {
  return rule.apply === "replace" || (REPLACES_FOR[rule.path] ?? []).includes(fixture);
}

describe("campaign diff", () => {
  describe("one decision per rules-table row", () => {
    for (const rule of CAMPAIGN_FIELD_RULES) {
      const sample = SAMPLES[rule.path];
      const verdict = sample && expectsReplace(rule, sample.fixture) ? "replaces" : "updates in place";
      it(`${rule.path}: a change ${verdict}`, () => {
        assert.ok(sample, `add a sample value for ${rule.path}`);
        const base = checked(loadCampaignFixture("full", sample.fixture));
        let edited = setPath(base, sample.at ?? rule.path, sample.value);
        for (const [k, v] of Object.entries(sample.extra ?? {})) edited = setPath(edited, k, v);
        const news = rule.apply === "codes" || sample.unchecked ? edited : checked(edited);
        const result = planCampaignChange(outputsFor(base), news);
        assert.equal(result.changes, true, "change detected");
        const reported = sample.reportedAs ?? rule.path;
        assert.ok(result.changedPaths.includes(reported), `changedPaths ${result.changedPaths}`);
        const top = rule.path.split(".")[0] as string;
        if (expectsReplace(rule, sample.fixture)) {
          assert.ok(result.replaces.includes(top), `${result.replaces}`);
          assert.deepEqual(result.work, new Set(), "a replacement does no in-place work");
        } else {
          assert.deepEqual(result.replaces, []);
          assert.ok(result.work.has(rule.apply) || rule.apply === "provider", `work ${[...result.work]}`);
        }
      });
    }
  });

  describe("PROMOTION and STANDALONE special cases", () => {
    const promotion = () => checked(loadCampaignFixture("full", "promotion"));
    for (const path of ["activityDurationAfterPublishing", "joinOnce", "autoJoin"]) {
      it(`${path} replaces a PROMOTION (its update body lacks the field)`, () => {
        const base = promotion();
        const news = checked(setPath(base, path, path === "activityDurationAfterPublishing" ? "P9D" : true));
        assert.deepEqual(planCampaignChange(outputsFor(base), news).replaces, [path]);
      });
    }

    it("type replaces a PROMOTION", () => {
      const base = promotion();
      assert.deepEqual(
        planCampaignChange(outputsFor(base), checked({ ...base, type: "AUTO_UPDATE" })).replaces,
        ["type"],
      );
    });

    it("type replaces when leaving STANDALONE", () => {
      const base = checked(loadCampaignFixture("full", "gift_vouchers"));
      const news = checked({ ...base, type: "AUTO_UPDATE", joinOnce: undefined });
      assert.deepEqual(planCampaignChange(outputsFor(base), news).replaces, ["type"]);
    });

    it("type replaces when becoming STANDALONE", () => {
      const base = checked(loadCampaignFixture("minimal", "discount_coupons"));
      const news = checked({ ...base, type: "STANDALONE" });
      assert.deepEqual(planCampaignChange(outputsFor(base), news).replaces, ["type"]);
    });
  });

  describe("no phantom diffs", () => {
    for (const set of ["minimal", "full"] as const) {
      for (const type of FIXTURE_TYPES) {
        it(`finds nothing between ${set} ${type} outputs and the same checked inputs`, () => {
          const inputs = checked(loadCampaignFixture(set, type));
          const result = planCampaignChange(
            outputsFor(inputs),
            checkCampaignInputs(loadCampaignFixture(set, type)).inputs,
          );
          assert.deepEqual(result.changedPaths, []);
          assert.equal(result.changes, false);
        });
      }
    }

    it("treats old state without provider defaults as equal to defaults", () => {
      const inputs = checked(loadCampaignFixture("minimal", "gift_vouchers"));
      const old: Json = { ...outputsFor(inputs) };
      delete old.type;
      delete old.active;
      delete old.deletePolicy;
      delete old.adopt;
      delete (old.voucher as Json).type;
      assert.equal(planCampaignChange(old, inputs).changes, false);
    });

    it("ignores date formatting and day order in old state", () => {
      const inputs = checked(loadCampaignFixture("full", "discount_coupons"));
      const old = { ...outputsFor(inputs), startDate: "2030-03-01T00:00:00Z", validityDayOfWeek: [5, 3, 1] };
      assert.equal(planCampaignChange(old, inputs).changes, false);
    });

    it("finds nothing after a refresh that read server defaults back", () => {
      for (const type of FIXTURE_TYPES) {
        const inputs = checked(loadCampaignFixture("full", type));
        const body = toCreateBody(inputs as unknown as CampaignInputs, inputs.name as string);
        const voucher = body.voucher as Json | undefined;
        const api = {
          // server-filled defaults first, then what was sent
          auto_join: false,
          join_once: false,
          use_voucher_metadata_schema: false,
          category_id: "cat_server",
          ...body,
          id: "camp_abc",
          created_at: "2030-01-01T00:00:00.000Z",
          active: inputs.active,
          validation_rules_assignments: {
            data: ((inputs.validationRules as string[] | undefined) ?? []).map((id) => ({ rule_id: id })),
          },
          voucher:
            voucher === undefined
              ? undefined
              : {
                  ...voucher,
                  code_config: { length: 8, charset: "0123456789", ...(voucher.code_config as Json) },
                  is_referral_code: voucher.is_referral_code ?? false,
                  start_date: "2030-01-01T00:00:00.000Z",
                },
        } as unknown as ApiCampaign;
        const read = fromApiCampaign(api, inputs as unknown as CampaignInputs) as unknown as Json;
        const result = planCampaignChange({ ...outputsFor(inputs), ...read }, inputs);
        assert.deepEqual(result.changedPaths, [], type);
      }
    });

    it("ignores computed outputs and the provider key", () => {
      const inputs = checked(loadCampaignFixture("full", "loyalty_program"));
      const old = { ...outputsFor(inputs), totalVouchers: 500, isActive: false, __provider: "other" };
      assert.equal(planCampaignChange(old, inputs).changes, false);
    });
  });

  describe("unknown values in new inputs", () => {
    const base = () => checked(loadCampaignFixture("full", "discount_coupons"));

    it("an unknown replace-forcing field is a replace", () => {
      const news = setPath(base(), "voucher.codeConfig.pattern", UNKNOWN);
      assert.deepEqual(planCampaignChange(outputsFor(base()), news).replaces, ["voucher"]);
    });

    it("an unknown updatable field is an update", () => {
      const result = planCampaignChange(outputsFor(base()), { ...base(), description: UNKNOWN });
      assert.equal(result.changes, true);
      assert.deepEqual(result.replaces, []);
    });

    it("an unknown voucher object counts as a change of every voucher field", () => {
      const result = planCampaignChange(outputsFor(base()), { ...base(), voucher: UNKNOWN });
      assert.ok(result.replacePaths.includes("voucher.codeConfig.pattern"));
      assert.ok(result.changedPaths.includes("voucher.discount"));
    });

    it("an unknown metadata value is an update", () => {
      const news = setPath(base(), "metadata.region", UNKNOWN);
      const result = planCampaignChange(outputsFor(base()), news);
      assert.deepEqual(result.changedPaths, ["metadata"]);
      assert.deepEqual(result.replaces, []);
    });
  });

  describe("replacement order", () => {
    const base = () => checked(loadCampaignFixture("full", "discount_coupons"));

    it("deletes first when the name stays the same", () => {
      const result = planCampaignChange(
        outputsFor(base()),
        checked(setPath(base(), "voucher.redemption.quantity", 3)),
      );
      assert.equal(result.deleteBeforeReplace, true);
    });

    it("creates first when the name changes", () => {
      const news = checked({ ...base(), name: "spring-sale-2", useVoucherMetadataSchema: true });
      const result = planCampaignChange(outputsFor(base()), news);
      assert.deepEqual(result.replaces.sort(), ["name", "useVoucherMetadataSchema"]);
      assert.equal(result.deleteBeforeReplace, false);
    });

    it("deletes first when the new name is not known yet", () => {
      const news = { ...base(), name: UNKNOWN, useVoucherMetadataSchema: true };
      assert.equal(planCampaignChange(outputsFor(base()), news).deleteBeforeReplace, true);
    });

    it("never asks for delete-before-replace on an update", () => {
      const result = planCampaignChange(outputsFor(base()), checked({ ...base(), description: "x" }));
      assert.equal(result.deleteBeforeReplace, false);
      assert.ok(result.stables.includes("campaignId"));
    });
  });

  it("finds no change among 100,000 unchanged codes", () => {
    const vouchers = Array.from({ length: 100000 }, (_, i) => ({
      code: `CODE-${String(i).padStart(6, "0")}`,
    }));
    const inputs = { ...checked(loadCampaignFixture("minimal", "discount_coupons")), vouchers };
    const olds = { ...outputsFor(inputs), vouchers: vouchers.map((v) => ({ ...v })) };
    const result = planCampaignChange(olds, inputs);
    assert.equal(result.changes, false);
  });
});
