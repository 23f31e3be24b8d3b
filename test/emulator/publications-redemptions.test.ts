// GET /v1/publications and GET /v1/redemptions for the query that tells whether a campaign holds any:
// `campaign` (the campaign's name, as both operations document it), `limit`, `page`, with `total`. The
// objects come from the admin API (POST /_emulator/vouchers/{code}/publish and /redeem), one per unit; the
// official SDK reads them; every other parameter answers 400; every response is validated against the spec.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ContractCheck, useCheckedEmulator, useCheckedEmulators } from "./contract-check";
import { admin, createCampaign, type Json, type Loose, rejection, type TestEmulator } from "./support";

const check = new ContractCheck();

const discountCampaign = (name: string, vouchersCount: number): Json => ({
  name,
  campaign_type: "DISCOUNT_COUPONS",
  vouchers_count: vouchersCount,
  voucher: { type: "DISCOUNT_VOUCHER", discount: { type: "AMOUNT", amount_off: 100 } },
});

async function codesOf(emu: TestEmulator, campaign: Json): Promise<Json[]> {
  const list = await emu.call<Json>("GET", `/v1/vouchers?campaign_id=${campaign.id}&order=code`);
  return list.body.vouchers as Json[];
}

async function list(emu: TestEmulator, query: string): Promise<Json> {
  const listed = await emu.call<Json>("GET", query);
  assert.equal(listed.status, 200, JSON.stringify(listed.body));
  return listed.body;
}

describe("emulator publication and redemption lists", () => {
  const env = useCheckedEmulator(check);
  const start = useCheckedEmulators(check);

  it("lists a campaign's redemptions by its name, one per redeemed unit, newest first, with total", async () => {
    const { emu, client } = env;
    const spring = await createCampaign(emu, discountCampaign("Spring Sale", 2));
    const summer = await createCampaign(emu, discountCampaign("Summer Sale", 1));
    const [first, second] = await codesOf(emu, spring);
    const [other] = await codesOf(emu, summer);
    await admin(emu, "POST", `vouchers/${first!.code}/redeem`, { quantity: 2 });
    await admin(emu, "POST", `vouchers/${second!.code}/redeem`);
    await admin(emu, "POST", `vouchers/${other!.code}/redeem`);

    const page = await list(emu, "/v1/redemptions?campaign=Spring%20Sale&limit=2");
    assert.deepEqual([page.object, page.data_ref, page.total], ["list", "redemptions", 3]);
    const items = page.redemptions as Json[];
    assert.deepEqual(
      items.map((r) => (r.voucher as Json).code),
      [second!.code, first!.code],
      "newest first",
    );
    const [newest] = items;
    assert.match(String(newest!.id), /^r_[0-9a-f]{18}$/);
    assert.deepEqual(
      [
        newest!.object,
        newest!.result,
        newest!.status,
        newest!.related_object_type,
        newest!.related_object_id,
      ],
      ["redemption", "SUCCESS", "SUCCEEDED", "voucher", second!.id],
    );
    assert.deepEqual(newest!.voucher, {
      id: second!.id,
      code: second!.code,
      campaign: "Spring Sale",
      campaign_id: spring.id,
    });
    assert.ok(!Number.isNaN(Date.parse(String(newest!.date))));
    const rest = await list(emu, "/v1/redemptions?campaign=Spring%20Sale&limit=2&page=2");
    assert.deepEqual(
      (rest.redemptions as Json[]).map((r) => (r.voucher as Json).code),
      [first!.code],
    );

    const sdkList = (await check.sdk(
      "GET",
      "/v1/redemptions",
      200,
      client.redemptions.list({ campaign: "Summer Sale", limit: 1 }),
    )) as unknown as Json;
    assert.equal(sdkList.total, 1);
    assert.equal(((sdkList.redemptions as Json[])[0]!.voucher as Json).code, other!.code);
    assert.equal((await list(emu, "/v1/redemptions")).total, 4, "without campaign: every redemption");
    assert.equal((await list(emu, `/v1/redemptions?campaign=${spring.id}`)).total, 0, "a name, not an ID");
    assert.equal((await list(emu, "/v1/redemptions?campaign=Nope")).total, 0);
  });

  it("lists a campaign's publications by its name, one per published unit, each to a customer", async () => {
    const { emu, client } = env;
    const spring = await createCampaign(emu, discountCampaign("Spring Sale", 1));
    await createCampaign(emu, discountCampaign("Quiet", 1));
    const [code] = await codesOf(emu, spring);
    await admin(emu, "POST", `vouchers/${code!.id}/publish`, { count: 3 });

    const page = await list(emu, "/v1/publications?campaign=Spring%20Sale&limit=1");
    assert.deepEqual([page.object, page.data_ref, page.total], ["list", "publications", 3]);
    const [publication] = page.publications as Json[];
    assert.match(String(publication!.id), /^pub_[0-9A-Za-z]{32}$/);
    assert.deepEqual(
      [publication!.object, publication!.result, publication!.vouchers_id],
      ["publication", "SUCCESS", [code!.id]],
    );
    assert.deepEqual(publication!.voucher, {
      code: code!.code,
      object: "voucher",
      campaign: "Spring Sale",
      discount: { type: "AMOUNT", amount_off: 100 },
      is_referral_code: false,
    });
    const customer = publication!.customer as Json;
    assert.match(String(customer.id), /^cust_[0-9A-Za-z]{24}$/);
    assert.equal(publication!.customer_id, customer.id);

    const sdkList = (await check.sdk(
      "GET",
      "/v1/publications",
      200,
      client.distributions.publications.list({ campaign: "Quiet", limit: 1 }),
    )) as unknown as Json;
    assert.deepEqual([sdkList.total, sdkList.publications], [0, []]);
    const tooMany = await admin(emu, "POST", `vouchers/${code!.code}/publish`, { count: 10_001 });
    assert.equal(tooMany.status, 400, "at most 10,000 per call");
    const ids = new Set(
      ((await list(emu, "/v1/publications?limit=100")).publications as Json[]).map((p) => p.id),
    );
    assert.equal(ids.size, 3);
  });

  it("answers 400 for every other parameter and for limit or page out of range, never a wider list", async () => {
    const { emu, client } = env;
    const refused: Record<string, string[]> = {
      redemptions: [
        "result=SUCCESS",
        "customer=cust_1",
        "order=-created_at",
        "created_at%5Bbefore%5D=2030-01-01",
        "filters%5Bvoucher_code%5D%5Bconditions%5D%5B%24is%5D=A",
        "campaign_name=Spring",
        "campaign=a&campaign=b",
        "limit=0",
        "limit=101",
        "page=100",
      ],
      publications: [
        "customer=cust_1",
        "voucher=CODE",
        "result=SUCCESS",
        "voucher_type=DISCOUNT",
        "is_referral_code=true",
        "source_id=s",
        "order=-created_at",
        "filters%5Bcustomer_id%5D%5Bconditions%5D%5B%24is%5D=cust_1",
        "limit=101",
        "page=101",
      ],
    };
    for (const [kind, queries] of Object.entries(refused)) {
      for (const query of queries) {
        const answer = await emu.call<Json>("GET", `/v1/${kind}?${query}`);
        assert.deepEqual([answer.status, answer.body.key], [400, "invalid_query_params"], `${kind}?${query}`);
      }
    }
    assert.equal((await list(emu, "/v1/redemptions?page=99")).total, 0, "page 99 is the redemptions' last");
    assert.equal((await list(emu, "/v1/publications?page=100")).total, 0);
    const viaSdk = await rejection(client.redemptions.list({ result: "SUCCESS" } as Loose));
    assert.deepEqual([viaSdk.code, viaSdk.key], [400, "invalid_query_params"]);
  });

  it("drops a voucher's redemptions when the voucher or its campaign is deleted; publications stay until a new campaign takes the name", async () => {
    const { emu } = env;
    const spring = await createCampaign(emu, discountCampaign("Spring Sale", 2));
    const [kept, deleted] = await codesOf(emu, spring);
    for (const code of [kept!.code, deleted!.code]) {
      await admin(emu, "POST", `vouchers/${code}/redeem`);
      await admin(emu, "POST", `vouchers/${code}/publish`);
    }
    assert.equal((await emu.call("DELETE", `/v1/vouchers/${deleted!.code}`)).status, 204);
    const left = await list(emu, "/v1/redemptions?campaign=Spring%20Sale");
    assert.deepEqual(
      (left.redemptions as Json[]).map((r) => (r.voucher as Json).code),
      [kept!.code],
    );
    assert.equal((await list(emu, "/v1/publications?campaign=Spring%20Sale")).total, 2);
    assert.equal((await emu.call("DELETE", `/v1/campaigns/${spring.id}?force=true`)).status, 202);
    assert.equal((await list(emu, "/v1/redemptions?campaign=Spring%20Sale")).total, 0, "at once");
    await emu.settle();
    assert.equal((await list(emu, "/v1/publications?campaign=Spring%20Sale")).total, 2);
    await createCampaign(emu, discountCampaign("Spring Sale", 0));
    assert.equal(
      (await list(emu, "/v1/publications?campaign=Spring%20Sale")).total,
      0,
      "only the existing campaign's (changelog, 1 July 2026: GET List publications)",
    );
  });

  it("keeps publications and redemptions in the state file across a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-history-"));
    const stateFile = path.join(dir, "state.json");
    try {
      const first = await start({ stateFile });
      const campaign = await createCampaign(first, discountCampaign("Saved", 1));
      const [code] = await codesOf(first, campaign);
      await admin(first, "POST", `vouchers/${code!.code}/redeem`);
      await admin(first, "POST", `vouchers/${code!.code}/publish`);
      const before = [await list(first, "/v1/redemptions"), await list(first, "/v1/publications")];
      await first.close();
      const second = await start({ stateFile });
      assert.deepEqual(
        [await list(second, "/v1/redemptions"), await list(second, "/v1/publications")],
        before,
      );
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  after(() => {
    check.assertCovered(["GET /v1/publications 200", "GET /v1/redemptions 200"]);
  });
});
