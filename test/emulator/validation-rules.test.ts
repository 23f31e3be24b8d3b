// Validation rules and their assignments through the official SDK (plain HTTP where the SDK lacks the form):
// rules are created, listed, updated and deleted; assignments to campaigns and tiers show in their reads, an
// identical assignment is a 409 unless forced; unknown rule IDs refuse a campaign create. Every response is
// validated against openapi.json.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "../../emulator/cli";
import { isNotFound } from "../../provider/client/errors";
import { createHttpClient } from "../../provider/client/http";
import {
  createRule as clientCreate,
  deleteRule,
  findRuleByName,
  getRule,
  updateRule,
} from "../../provider/client/validation-rules";
import {
  fromApiRule,
  toRuleCreateBody,
  toRuleUpdateBody,
  validationRuleInputSchema,
} from "../../provider/schema/validation-rule";
import { ContractCheck, useCheckedEmulator } from "./contract-check";
import {
  APP_ID,
  createCampaign,
  example,
  type Json,
  type Loose,
  REPLAYS_VENDOR_EXAMPLES,
  rejection,
  SECRET_KEY,
  startTestEmulator,
} from "./support";

const check = new ContractCheck();
const DISCOUNT = example("campaigns/create-campaign.request.discount-campaign.json");

describe("emulator validation rules and assignments", () => {
  const env = useCheckedEmulator(check, REPLAYS_VENDOR_EXAMPLES);

  async function createRule(name = "Set of Validation Rules"): Promise<Json> {
    const body = { ...example("validation-rules/create-validation-rules.request.example.json"), name };
    return (await check.sdk(
      "POST",
      "/v1/validation-rules",
      200,
      env.client.validationRules.create(body as Loose),
    )) as unknown as Json;
  }

  function ruleIds(list: unknown): unknown[] {
    return ((list as Json).data as Json[]).map((a) => a.rule_id);
  }

  it("creates, reads, lists, updates and deletes rules", async () => {
    const request = example("validation-rules/create-validation-rules.request.example.json");
    const rule = await createRule();
    assert.match(String(rule.id), /^val_[0-9A-Za-z]{12}$/);
    assert.deepEqual(
      [rule.name, rule.rules, rule.error, rule.applicable_to, rule.type, rule.context_type, rule.object],
      [
        request.name,
        request.rules,
        request.error,
        request.applicable_to,
        "expression",
        "global",
        "validation_rules",
      ],
    );
    const got = await check.sdk(
      "GET",
      `/v1/validation-rules/${rule.id}`,
      200,
      env.client.validationRules.get(String(rule.id)),
    );
    assert.deepEqual(got, rule);
    const second = await createRule("B second");
    const page = (await check.sdk(
      "GET",
      "/v1/validation-rules",
      200,
      env.client.validationRules.list({ limit: 1, page: 2, order: "name" } as Loose),
    )) as unknown as Json;
    assert.deepEqual(
      [page.object, page.data_ref, page.total, (page.data as Json[]).map((r) => r.id)],
      ["list", "data", 3, [rule.id]], // with the vendor example's seeded rule, named after its ID
    );
    const update = example("validation-rules/update-validation-rule.request.example.json");
    const updated = (await check.sdk(
      "PUT",
      `/v1/validation-rules/${second.id}`,
      200,
      env.client.validationRules.update({ ...update, id: String(second.id) } as Loose),
    )) as unknown as Json;
    assert.deepEqual(
      [updated.name, updated.rules, updated.created_at],
      [update.name, update.rules, second.created_at],
    );
    assert.equal(typeof updated.updated_at, "string");
    const deleted = await check.sdk(
      "DELETE",
      `/v1/validation-rules/${second.id}`,
      204,
      env.client.validationRules.delete(String(second.id)),
    );
    assert.equal(deleted, "");
    const gone = await rejection(env.client.validationRules.get(String(second.id)));
    assert.deepEqual(
      [gone.code, gone.key, gone.details, gone.resource_type],
      [404, "not_found", `Cannot find validation_rules with id ${String(second.id)}`, "validation_rules"],
    );
    const bad = await env.emu.call<Json>("POST", "/v1/validation-rules", {
      body: { name: "x", type: "fancy" },
    });
    assert.deepEqual([bad.status, bad.body.key], [400, "invalid_payload"]);
    const badDate = await env.emu.call<Json>("GET", "/v1/validation-rules?start_date=yesterday");
    assert.deepEqual([badDate.status, badDate.body.key], [400, "invalid_query_params"]);
  });

  it("a code's GET lists the rules assigned to it; the voucher list does not (vouchers.json, Amount Discount)", async () => {
    const rule = await createRule();
    const campaign = await createCampaign(env.emu, DISCOUNT);
    const list = await env.emu.call<Json>("GET", `/v1/vouchers?campaign_id=${campaign.id}`);
    const code = String(((list.body.vouchers as Json[])[0] as Json).code);
    const assigned = await env.emu.call<Json>("POST", `/v1/validation-rules/${rule.id}/assignments`, {
      body: { voucher: code },
    });
    assert.equal(assigned.status, 200);
    const read = await env.emu.call<Json>("GET", `/v1/vouchers/${code}`);
    assert.deepEqual(read.body.validation_rules_assignments, {
      object: "list",
      data_ref: "data",
      data: [assigned.body],
      total: 1,
    });
    assert.equal(assigned.body.related_object_type, "voucher");
  });

  it("assigns a rule to a campaign: the campaign read shows it, a second identical one is 409 unless forced", async () => {
    const rule = await createRule();
    const ruleId = String(rule.id);
    const campaign = await createCampaign(env.emu, DISCOUNT);
    const first = (await check.sdk(
      "POST",
      `/v1/validation-rules/${ruleId}/assignments`,
      200,
      env.client.validationRules.createAssignment(ruleId, { campaign: String(campaign.id) }),
    )) as unknown as Json;
    assert.match(String(first.id), /^asgm_[0-9A-Za-z]{16}$/);
    assert.deepEqual(
      [first.rule_id, first.related_object_id, first.related_object_type, first.object],
      [ruleId, campaign.id, "campaign", "validation_rules_assignment"],
    );
    const read = await env.emu.call<Json>("GET", `/v1/campaigns/${campaign.id}`);
    assert.deepEqual(read.body.validation_rules_assignments, {
      object: "list",
      data_ref: "data",
      data: [first],
      total: 1,
    });
    const path = `/v1/validation-rules/${ruleId}/assignments`;
    const body = { related_object_type: "campaign", related_object_id: campaign.id };
    const duplicate = await env.emu.call<Json>("POST", path, { body });
    assert.deepEqual(
      [duplicate.status, duplicate.body.key, duplicate.body.resource_id, duplicate.body.resource_type],
      [409, "duplicate_found", first.id, "validation_rules_assignment"],
    );
    assert.equal(
      duplicate.body.details,
      `Duplicated validation_rules_assignment exists with id ${String(first.id)}`,
    );
    const forced = await env.emu.call<Json>("POST", `${path}?force=true`, { body });
    assert.equal(forced.status, 200);
    assert.notEqual(forced.body.id, first.id, "force replaces the previous assignment");
    const afterForce = await env.emu.call<Json>("GET", `/v1/campaigns/${campaign.id}`);
    assert.deepEqual((afterForce.body.validation_rules_assignments as Json).data, [forced.body]);
    const counted = await env.emu.call<Json>("GET", `/v1/validation-rules/${ruleId}`);
    assert.equal(counted.body.assignments_count, 1);
  });

  it("lists assignments by related object and by rule; an unknown rule lists none", async () => {
    const rule = await createRule();
    const other = await createRule("other");
    const campaign = await createCampaign(env.emu, DISCOUNT);
    const voucher = (
      (await env.emu.call<Json>("GET", `/v1/vouchers?campaign_id=${campaign.id}`)).body.vouchers as Json[]
    )[0]!;
    const onCampaign = await env.emu.call<Json>("POST", `/v1/validation-rules/${rule.id}/assignments`, {
      body: { related_object_type: "campaign", related_object_id: campaign.id },
    });
    const onVoucher = await env.emu.call<Json>("POST", `/v1/validation-rules/${other.id}/assignments`, {
      body: { voucher: voucher.code },
    });
    assert.equal(onVoucher.body.related_object_id, voucher.id, "a voucher is assigned by its ID");
    const byObject = (await check.sdk(
      "GET",
      "/v1/validation-rules-assignments",
      200,
      env.client.validationRules.listRulesAssignments({ related_object_id: String(campaign.id) }),
    )) as unknown as Json;
    assert.deepEqual(byObject.data, [onCampaign.body]);
    const byRule = await env.emu.call<Json>("GET", `/v1/validation-rules-assignments?rule=${other.id}`);
    assert.deepEqual(byRule.body.data, [onVoucher.body]);
    const all = await env.emu.call<Json>("GET", "/v1/validation-rules-assignments?order=-created_at&limit=1");
    assert.deepEqual([all.body.total, ruleIds(all.body)], [2, [other.id]]);
    const ofRule = (await check.sdk(
      "GET",
      `/v1/validation-rules/${rule.id}/assignments`,
      200,
      env.client.validationRules.listAssignments(String(rule.id)),
    )) as unknown as Json;
    assert.deepEqual(ofRule.data, [onCampaign.body]);
    const unknown = await env.emu.call<Json>("GET", "/v1/validation-rules/val_nope00000000/assignments");
    assert.deepEqual([unknown.status, unknown.body.data, unknown.body.total], [200, [], 0]);
  });

  it("deletes an assignment (204), then answers 404 for it; the campaign read follows", async () => {
    const rule = await createRule();
    const campaign = await createCampaign(env.emu, DISCOUNT);
    const assignment = await env.emu.call<Json>("POST", `/v1/validation-rules/${rule.id}/assignments`, {
      body: { campaign: campaign.id },
    });
    const removed = await check.sdk(
      "DELETE",
      `/v1/validation-rules/${rule.id}/assignments/${assignment.body.id}`,
      204,
      env.client.validationRules.deleteAssignment(String(rule.id), String(assignment.body.id)),
    );
    assert.equal(removed, "");
    const read = await env.emu.call<Json>("GET", `/v1/campaigns/${campaign.id}`);
    assert.deepEqual((read.body.validation_rules_assignments as Json).total, 0);
    const again = await env.emu.call<Json>(
      "DELETE",
      `/v1/validation-rules/${rule.id}/assignments/${assignment.body.id}`,
    );
    assert.deepEqual(
      [again.status, again.body.resource_type, again.body.resource_id],
      [404, "validation_rules_assignment", assignment.body.id],
    );
    const noRule = await env.emu.call<Json>(
      "DELETE",
      `/v1/validation-rules/val_nope00000000/assignments/${assignment.body.id}`,
    );
    assert.deepEqual([noRule.status, noRule.body.resource_type], [404, "validation_rules"]);
  });

  it("assigns rules to tiers (the tier shows them) and refuses objects that do not exist", async () => {
    const rule = await createRule();
    const promotion = await createCampaign(
      env.emu,
      example("campaigns/create-campaign.request.promotion.json"),
    );
    const tier = ((promotion.promotion as Json).tiers as Json[])[0]!;
    const assigned = await env.emu.call<Json>("POST", `/v1/validation-rules/${rule.id}/assignments`, {
      body: { related_object_type: "promotion_tier", related_object_id: tier.id },
    });
    assert.equal(assigned.status, 200);
    const read = await env.emu.call<Json>("GET", `/v1/promotions/tiers/${tier.id}`);
    assert.deepEqual(ruleIds(read.body.validation_rule_assignments), ["val_q8qUBMOh5qIQ", rule.id]);
    const missing = await env.emu.call<Json>("POST", `/v1/validation-rules/${rule.id}/assignments`, {
      body: { campaign: "camp_000000000000000000000000" },
    });
    assert.deepEqual([missing.status, missing.body.resource_type], [404, "campaign"]);
    const ambiguous = await env.emu.call<Json>("POST", `/v1/validation-rules/${rule.id}/assignments`, {
      body: {},
    });
    assert.deepEqual([ambiguous.status, ambiguous.body.key], [400, "invalid_payload"]);
  });

  it("creates a campaign's assignment from `validation_rules`; an unknown ID refuses the whole create", async () => {
    const rule = await createRule();
    const campaign = await createCampaign(env.emu, { ...DISCOUNT, validation_rules: [rule.id] });
    const rules = campaign.validation_rules_assignments as Json;
    assert.deepEqual(
      (rules.data as Json[]).map((a) => [a.rule_id, a.related_object_id, a.related_object_type]),
      [[rule.id, campaign.id, "campaign"]],
    );
    const listed = await env.emu.call<Json>(
      "GET",
      `/v1/validation-rules-assignments?related_object_id=${campaign.id}`,
    );
    assert.deepEqual(listed.body.data, rules.data);
    const name = "refused for its rule";
    const refused = await env.emu.call<Json>("POST", "/v1/campaigns", {
      body: { ...DISCOUNT, name, category: "never created", validation_rules: ["val_nope00000000"] },
    });
    assert.deepEqual(
      [refused.status, refused.body.key, refused.body.resource_type, refused.body.resource_id],
      [404, "not_found", "validation_rules", "val_nope00000000"],
    );
    assert.equal((await env.emu.call("GET", `/v1/campaigns/${encodeURIComponent(name)}`)).status, 404);
    assert.equal(env.emu.store.findCategory("never created"), undefined);
    await env.emu.settle();
    assert.equal(env.emu.store.asyncActions.size, 1, "only the first campaign generated codes");
  });

  it("answers the documented 400 for a metadata rule without its property, at any depth, on create and update", async () => {
    const rule = await createRule();
    const nested = {
      "1": {
        name: "order.items.every",
        conditions: { $is: [] },
        rules: { "1": { name: "custom_event.metadata", conditions: { $more_than: [1] }, rules: {} } },
      },
      logic: "1",
    };
    for (const [method, path] of [
      ["POST", "/v1/validation-rules"],
      ["PUT", `/v1/validation-rules/${rule.id}`],
    ] as const) {
      const refused = await env.emu.call<Json>(method, path, { body: { name: "bad", rules: nested } });
      assert.deepEqual(
        [refused.status, refused.body.key, refused.body.message, refused.body.details],
        [
          400,
          "invalid_validation_rules",
          "Invalid Validation Rule Definition",
          "Rule 'custom_event.metadata' must have a 'property'",
        ],
      );
    }
    const read = await env.emu.call<Json>("GET", `/v1/validation-rules/${rule.id}`);
    assert.deepEqual(
      [read.body.name, read.body.rules],
      [rule.name, rule.rules],
      "the refused PUT changed nothing",
    );
  });

  it("keeps rule names unique: a second rule or a rename to a taken name is 409 duplicate_found", async () => {
    const rule = await createRule("taken");
    const again = await env.emu.call<Json>("POST", "/v1/validation-rules", { body: { name: "taken" } });
    assert.deepEqual(
      [again.status, again.body.key, again.body.details, again.body.resource_id],
      [409, "duplicate_found", "Duplicated validation_rules exists with name taken", rule.id],
    );
    const other = await createRule("other");
    const rename = await env.emu.call<Json>("PUT", `/v1/validation-rules/${other.id}`, {
      body: { name: "taken" },
    });
    assert.equal(rename.status, 409);
    const same = await env.emu.call<Json>("PUT", `/v1/validation-rules/${rule.id}`, {
      body: { name: "taken" },
    });
    assert.equal(same.status, 200, "a rule keeps its own name");
  });

  it("updates only the fields a PUT carries; bundle_rules null leaves an empty object", async () => {
    const rule = await createRule();
    const bundle = { "1": { name: "order.items.any", conditions: { $is: [] } }, limit: 1 };
    const withBundle = await env.emu.call<Json>("PUT", `/v1/validation-rules/${rule.id}`, {
      body: { bundle_rules: bundle },
    });
    assert.deepEqual(
      [withBundle.body.name, withBundle.body.rules, withBundle.body.error, withBundle.body.bundle_rules],
      [rule.name, rule.rules, rule.error, bundle],
    );
    const cleared = await env.emu.call<Json>("PUT", `/v1/validation-rules/${rule.id}`, {
      body: { bundle_rules: null },
    });
    assert.deepEqual([cleared.status, cleared.body.bundle_rules], [200, {}]);
  });

  it("with --assigned-rule-delete refuse, answers 400 while the rule is assigned, 204 once it is not", async () => {
    assert.deepEqual(parseArgs(["--assigned-rule-delete=refuse"]), { port: 0, assignedRuleDelete: "refuse" });
    const emu = await check.start({ ...REPLAYS_VENDOR_EXAMPLES, assignedRuleDelete: "refuse" });
    try {
      const rule = (await emu.call<Json>("POST", "/v1/validation-rules", { body: { name: "in use" } })).body;
      const campaign = await createCampaign(emu, { ...DISCOUNT, validation_rules: [rule.id] });
      const refused = await emu.call<Json>("DELETE", `/v1/validation-rules/${rule.id}`);
      assert.deepEqual(
        [refused.status, refused.body.key, refused.body.resource_id, refused.body.resource_type],
        [400, "resource_in_use", rule.id, "validation_rules"],
      );
      const kept = await emu.call<Json>("GET", `/v1/campaigns/${campaign.id}`);
      assert.equal((kept.body.validation_rules_assignments as Json).total, 1, "nothing was removed");
      const assignment = ((kept.body.validation_rules_assignments as Json).data as Json[])[0]!;
      await emu.call("DELETE", `/v1/validation-rules/${rule.id}/assignments/${assignment.id}`);
      assert.equal((await emu.call("DELETE", `/v1/validation-rules/${rule.id}`)).status, 204);
    } finally {
      await emu.close();
    }
  });

  it("the provider's client: inputs round-trip through create and read; an edit is one PUT; find by name", async () => {
    const http = createHttpClient({
      apiUrl: env.emu.url,
      applicationId: APP_ID,
      secretKey: SECRET_KEY,
      timeUnitMs: 1,
    });
    const input = validationRuleInputSchema().parse({
      applicableTo: {
        included: [{ object: "product", id: "prod_1", effect: "APPLY_TO_EVERY", quantityLimit: 1 }],
      },
      bundleRules: { "1": { name: "order.items.any", conditions: { $is: [] } }, limit: 1 },
      error: { message: "Orders over 50 EUR only" },
      rules: { "1": { name: "order.amount", conditions: { $more_than: [5000] }, rules: {} }, logic: "1" },
    });
    const created = await clientCreate(http, toRuleCreateBody(input, "Rule-1"));
    assert.deepEqual(fromApiRule(await getRule(http, created.id)), { ...input, name: "Rule-1" });
    const edited = validationRuleInputSchema().parse({ rules: { ...input.rules, logic: "(1)" } });
    const before = env.emu.requests().length;
    const updated = await updateRule(http, created.id, toRuleUpdateBody(edited, "Rule-1"));
    assert.deepEqual(
      fromApiRule(updated),
      { ...edited, name: "Rule-1" },
      "fields no longer declared are gone",
    );
    assert.deepEqual(
      env.emu
        .requests()
        .slice(before)
        .map((r) => `${r.method} ${r.path} ${r.status}`),
      [`PUT /v1/validation-rules/${created.id} 200`],
    );
    assert.equal((await findRuleByName(http, "Rule-1"))?.id, created.id);
    assert.equal(await findRuleByName(http, "No such rule"), undefined);
    await deleteRule(http, created.id);
    await assert.rejects(getRule(http, created.id), (e) => isNotFound(e));
  });

  it("deletes an assigned rule with its assignments (default: unassign; the docs name no refusal)", async () => {
    const rule = await createRule();
    const campaign = await createCampaign(env.emu, { ...DISCOUNT, validation_rules: [rule.id] });
    const deleted = await env.emu.call("DELETE", `/v1/validation-rules/${rule.id}`);
    assert.equal(deleted.status, 204);
    const read = await env.emu.call<Json>("GET", `/v1/campaigns/${campaign.id}`);
    assert.equal((read.body.validation_rules_assignments as Json).total, 0);
    const listed = await env.emu.call<Json>("GET", `/v1/validation-rules-assignments?rule=${rule.id}`);
    assert.equal(listed.body.total, 0);
  });

  it("keeps rules, assignments, tiers and exports in the state file across a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-state-"));
    const stateFile = path.join(dir, "state.json");
    try {
      const first = await check.start({ ...REPLAYS_VENDOR_EXAMPLES, stateFile });
      const rule = await first.call<Json>("POST", "/v1/validation-rules", { body: { name: "kept" } });
      const promotion = await first.call<Json>("POST", "/v1/campaigns", {
        body: {
          ...example<Json>("campaigns/create-campaign.request.promotion.json"),
          validation_rules: [rule.body.id],
        },
      });
      const exported = await first.call<Json>("POST", "/v1/exports", {
        body: { exported_object: "voucher" },
      });
      await first.settle();
      const before = (await first.call<Json>("GET", `/v1/campaigns/${promotion.body.id}`)).body;
      const exportBefore = (await first.call<Json>("GET", `/v1/exports/${exported.body.id}`)).body;
      await first.close();
      const second = await check.start({ ...REPLAYS_VENDOR_EXAMPLES, stateFile });
      try {
        assert.deepEqual((await second.call<Json>("GET", `/v1/campaigns/${promotion.body.id}`)).body, before);
        assert.deepEqual((await second.call<Json>("GET", `/v1/validation-rules/${rule.body.id}`)).body, {
          ...rule.body,
          assignments_count: 1,
        });
        assert.deepEqual(
          (await second.call<Json>("GET", `/v1/exports/${exported.body.id}`)).body,
          exportBefore,
        );
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes --validation-rule (repeatable) and --bulk-metadata on the command line", () => {
    assert.deepEqual(
      parseArgs(["--validation-rule", "val_a", "--validation-rule=val_b", "--bulk-metadata", "replace"]),
      { port: 0, validationRuleIds: ["val_a", "val_b"], bulkMetadata: "replace" },
    );
  });

  it("refuses an unknown bulkMetadata option like the other enum options", async () => {
    await assert.rejects(
      startTestEmulator({ bulkMetadata: "upsert" as Loose }),
      /bulkMetadata must be one of merge, replace/,
    );
  });

  after(() => {
    check.assertCovered([
      "POST /v1/validation-rules 200",
      "GET /v1/validation-rules 200",
      "GET /v1/validation-rules/{validationRuleId} 200",
      "PUT /v1/validation-rules/{validationRuleId} 200",
      "DELETE /v1/validation-rules/{validationRuleId} 204",
      "GET /v1/validation-rules-assignments 200",
      "GET /v1/validation-rules/{validationRuleId}/assignments 200",
      "POST /v1/validation-rules/{validationRuleId}/assignments 200",
      "DELETE /v1/validation-rules/{validationRuleId}/assignments/{assignmentId} 204",
    ]);
  });
});
