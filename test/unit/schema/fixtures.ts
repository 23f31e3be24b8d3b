// Loads the campaign input fixtures (test/fixtures/campaigns/{minimal,full}/<campaign_type>.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const FIXTURE_TYPES = [
  "discount_coupons",
  "gift_vouchers",
  "loyalty_program",
  "referral_program",
  "promotion",
] as const;

export function loadCampaignFixture(
  set: "minimal" | "full",
  type: (typeof FIXTURE_TYPES)[number],
): Record<string, unknown> {
  const file = join(__dirname, "..", "..", "fixtures", "campaigns", set, `${type}.json`);
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}
