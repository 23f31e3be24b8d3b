// listCampaigns' arguments: the typed filters serialize to the `filters[...]` form the official SDK sends, plain
// arguments map to their query parameters, and every argument the API would misread is refused before a request.
import * as assert from "node:assert/strict";
import { buildUrl } from "../../../provider/client/http";
import {
  type CampaignFilters,
  filterQuery,
  type ListCampaignsArgs,
  listCampaignsQuery,
} from "../../../provider/lookups/filters";

function refusal(args: unknown): string {
  try {
    listCampaignsQuery(args as ListCampaignsArgs);
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail("expected the arguments to be refused");
}

describe("lookups/filters", () => {
  it("writes each condition as filters[<field>][conditions][<condition>], lists item by item", () => {
    const filters: CampaignFilters = {
      junction: "or",
      campaigns: { conditions: { $starts_with: "spring-" } },
      "metadata.env": { conditions: { $is: "test" } },
      "metadata.region": { conditions: { $in: ["eu", "us"], $is_not: "as" } },
      campaign_status: { conditions: { $not_in: ["FAILED"] } },
      is_referral_code: { conditions: { $is: "FALSE" } },
      campaigns_id: { conditions: { $has_value: "" } },
    };
    assert.deepEqual(filterQuery(filters), {
      "filters[junction]": "or",
      "filters[campaigns][conditions][$starts_with]": "spring-",
      "filters[metadata.env][conditions][$is]": "test",
      "filters[metadata.region][conditions][$in][0]": "eu",
      "filters[metadata.region][conditions][$in][1]": "us",
      "filters[metadata.region][conditions][$is_not]": "as",
      "filters[campaign_status][conditions][$not_in][0]": "FAILED",
      "filters[is_referral_code][conditions][$is]": "FALSE",
      "filters[campaigns_id][conditions][$has_value]": "",
    });
  });

  it("percent-encodes the brackets and the $ as the SDK's qs does", () => {
    const query = listCampaignsQuery({ filters: { "metadata.env": { conditions: { $is: "test" } } } });
    const url = buildUrl("https://api.voucherify.io", "/v1/campaigns", query);
    assert.equal(
      url,
      "https://api.voucherify.io/v1/campaigns?order=created_at&filters%5Bmetadata.env%5D%5Bconditions%5D%5B%24is%5D=test",
    );
  });

  it("maps the plain arguments onto campaign_type, campaign_status, is_referral_code and order", () => {
    assert.deepEqual(
      listCampaignsQuery({
        campaignType: "LOYALTY_PROGRAM",
        campaignStatus: "DONE",
        isReferralCode: false,
        order: "-updated_at",
      }),
      {
        campaign_type: "LOYALTY_PROGRAM",
        campaign_status: "DONE",
        is_referral_code: false,
        order: "-updated_at",
      },
    );
  });

  it("lists oldest first unless told otherwise, so campaigns created meanwhile land on later pages", () => {
    assert.deepEqual(listCampaignsQuery({}), {
      campaign_type: undefined,
      campaign_status: undefined,
      is_referral_code: undefined,
      order: "created_at",
    });
  });

  it("leaves conditions given as undefined out, as an Input resolving to nothing would", () => {
    assert.deepEqual(filterQuery({ campaigns: { conditions: { $is: "a", $is_not: undefined } } }), {
      "filters[campaigns][conditions][$is]": "a",
    });
  });

  it("refuses a filter field the API does not document, naming the field and the accepted ones", () => {
    const message = refusal({ filters: { campaign: { conditions: { $is: "x" } } } });
    assert.match(
      message,
      /filters\.campaign: is not a campaign list filter; use one of junction, campaigns,/,
    );
    assert.match(message, /or metadata\.<key>/);
  });

  it("refuses metadata keys that are empty or hold a bracket", () => {
    assert.match(refusal({ filters: { "metadata.": { conditions: { $is: "x" } } } }), /filters\.metadata\.:/);
    assert.match(refusal({ filters: { "metadata.a]b": { conditions: { $is: "x" } } } }), /is not a campaign/);
  });

  it("refuses a condition the field does not take, and values outside its documented enum", () => {
    assert.match(
      refusal({ filters: { "metadata.n": { conditions: { $more_than: "1" } } } }),
      /filters\.metadata\.n\.conditions: Unrecognized key: "\$more_than"/,
    );
    assert.match(
      refusal({ filters: { campaign_status: { conditions: { $contains: "DO" } } } }),
      /filters\.campaign_status\.conditions: Unrecognized key/,
    );
    assert.match(
      refusal({ filters: { campaign_status: { conditions: { $is: "SLEEPING" } } } }),
      /filters\.campaign_status\.conditions\.\$is:/,
    );
    assert.match(refusal({ filters: { is_referral_code: { conditions: { $is: "true" } } } }), /\$is:/);
    assert.match(refusal({ filters: { junction: "xor" } }), /filters\.junction:/);
  });

  it("refuses what would silently vanish from the query and widen the list: no condition, an empty list", () => {
    assert.match(
      refusal({ filters: { campaigns: { conditions: {} } } }),
      /filters\.campaigns\.conditions: needs at least one condition/,
    );
    assert.match(
      refusal({ filters: { campaigns: { conditions: { $in: [] } } } }),
      /filters\.campaigns\.conditions\.\$in: must list at least one value/,
    );
    assert.match(refusal({ filters: { campaigns: { $is: "x" } } }), /filters\.campaigns/);
  });

  it("takes the empty string for $has_value and $is_unknown, as documented", () => {
    assert.match(
      refusal({ filters: { campaigns: { conditions: { $has_value: "yes" } } } }),
      /takes the empty/,
    );
  });

  it("refuses unknown and mistyped plain arguments, each problem on its own line", () => {
    const message = refusal({ campaignType: "COUPONS", limit: 5, isReferralCode: "yes" });
    assert.match(message, /^listCampaigns: invalid arguments\n/);
    assert.match(message, /\n {2}- campaignType: /);
    assert.match(message, /\n {2}- isReferralCode: /);
    assert.match(message, /Unrecognized key: "limit"/);
  });
});
