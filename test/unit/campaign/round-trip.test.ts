// No perpetual diffs, proven generically: for every fixture and every row of the field model, `create` (through
// the provider's own entry points, against the in-memory API) and then check + diff of the same program find no
// change. The state is what create really returned, never hand-built.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { documentedRules } from "../../../provider/campaign/fields-doc";
import { check, create, diff, setRuntimeForTests } from "../../../provider/campaign/lifecycle";
import { FakeVoucherify } from "../provider/fake-api";
import { FIXTURE_TYPES, loadCampaignFixture } from "../schema/fixtures";
import { PROVIDER_TEXT, runtime } from "./harness";
import { SAMPLES, setPath } from "./samples";

type Json = Record<string, unknown>;

function valueAt(obj: Json, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((o, k) => (o as Json | undefined)?.[k], obj);
}

/** The program's inputs → create → the same program checked against what create recorded → its diff. */
async function roundTrip(raw: Json): Promise<{ changes: boolean; replaces: string[] }> {
  const program = { __provider: PROVIDER_TEXT, __resourceName: "round-trip", __stack: "p/s", ...raw };
  const first = await check(undefined, program);
  assert.deepEqual(first.failures, [], JSON.stringify(first.failures));
  const created = await create({ ...first.inputs, __provider: PROVIDER_TEXT });
  const again = await check(created.outs, program);
  assert.deepEqual(again.failures, [], JSON.stringify(again.failures));
  return diff(created.id, created.outs, again.inputs);
}

describe("round trip: create, then the same program diffs clean", () => {
  let cwd: string;
  let tmp: string;
  before(() => {
    setRuntimeForTests(() => runtime(new FakeVoucherify()));
    // CSV paths are relative to the program's folder; the samples name codes.csv.
    cwd = process.cwd();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "round-trip-"));
    fs.writeFileSync(path.join(tmp, "codes.csv"), "Code,Category\nRT-1,gold\nRT-2,\n");
    process.chdir(tmp);
  });
  after(() => {
    setRuntimeForTests(undefined);
    process.chdir(cwd);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const set of ["minimal", "full"] as const) {
    for (const type of FIXTURE_TYPES) {
      it(`${set} ${type}`, async () => {
        const result = await roundTrip(loadCampaignFixture(set, type));
        assert.equal(result.changes, false);
      });
    }
  }

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
      const result = await roundTrip(raw);
      assert.equal(result.changes, false, `${rule.path} does not round-trip`);
    });
  }
});
