import * as assert from "node:assert/strict";
import { codeRedactorFor } from "../../provider/codes/secrecy";
import { CodeRedactor } from "../../provider/redact";

describe("redaction of secret codes", () => {
  const redactor = () => {
    const r = new CodeRedactor();
    r.add("GIFT-0001", "vouchers[0]");
    r.add("PÄSS/WORD:1", "vouchers[1]");
    return r;
  };

  it("replaces a code wherever it stands: prose, quotes, paths, query strings, after punctuation", () => {
    const r = redactor();
    assert.equal(
      r.redact(
        'Cannot find voucher with id GIFT-0001. (code "GIFT-0001") on PUT /v1/vouchers/GIFT-0001?x=GIFT-0001',
      ),
      'Cannot find voucher with id vouchers[0]. (code "vouchers[0]") on PUT /v1/vouchers/vouchers[0]?x=vouchers[0]',
    );
  });

  it("replaces a code with separators in it, percent-encoded in a path too", () => {
    const r = redactor();
    const path = `/v1/vouchers/${encodeURIComponent("PÄSS/WORD:1")}`;
    assert.equal(
      r.redact(`DELETE ${path} failed for PÄSS/WORD:1`),
      "DELETE /v1/vouchers/vouchers[1] failed for vouchers[1]",
    );
  });

  it("leaves other words alone, including ones that contain a code", () => {
    assert.equal(redactor().redact("GIFT-00011 and XGIFT-0001 stay"), "GIFT-00011 and XGIFT-0001 stay");
  });

  it("registers inline codes by their position in the program, removed ones by their old position", () => {
    const r = codeRedactorFor(
      { vouchers: [{ code: "B" }, { code: "A" }] },
      { vouchers: [{ code: "A" }, { code: "Z" }] },
    );
    assert.equal(r.redact("A B Z"), "vouchers[1] vouchers[0] previous vouchers[1]");
  });

  it("registers nothing with vouchersSecret: false", () => {
    assert.equal(codeRedactorFor({ vouchers: [{ code: "A" }], vouchersSecret: false }).size, 0);
  });
});
