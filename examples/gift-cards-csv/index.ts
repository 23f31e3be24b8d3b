// Gift cards whose codes come from a CSV file in Voucherify's import format. The provider reads the
// file (relative to the project folder); state keeps only its digest and row count, so state stays
// small however large the file. Edit the file and `pulumi preview` shows the campaign changing.
import { Campaign } from "pulumi-voucherify";

const cards = new Campaign("store-gift-cards", {
  campaignType: "GIFT_VOUCHERS",
  description: "Gift cards sold in stores",
  voucher: { type: "GIFT_VOUCHER", gift: { amount: 5000, effect: "APPLY_TO_ORDER" } },
  vouchersCsv: "cards.csv",
});

export const campaignId = cards.campaignId;
export const codes = cards.totalVouchers;
