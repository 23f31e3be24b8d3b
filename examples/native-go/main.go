// Voucherify campaigns from Go: the generated Go SDK (sdk/go/voucherify) and the pulumi-resource-voucherify plugin.
// The stack config `description` changes in place, `codePrefix` replaces the coupons campaign (a new code pattern).
package main

import (
	"github.com/pulumi-voucherify/pulumi-voucherify/sdk/go/voucherify"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		description := cfg.Get("description")
		if description == "" {
			description = "Weekend coupons"
		}
		codePrefix := cfg.Get("codePrefix")
		if codePrefix == "" {
			codePrefix = "GO-"
		}
		coupons, err := voucherify.NewCampaign(ctx, "coupons", &voucherify.CampaignArgs{
			CampaignType: pulumi.String("DISCOUNT_COUPONS"),
			Description:  pulumi.String(description),
			Voucher: &voucherify.CampaignVoucherArgs{
				Discount: &voucherify.DiscountArgs{
					Type:       pulumi.String("PERCENT"),
					PercentOff: pulumi.Float64(15),
				},
				CodeConfig: &voucherify.CodeConfigArgs{Pattern: pulumi.String(codePrefix + "####")},
			},
			VouchersCount: pulumi.Int(3),
		})
		if err != nil {
			return err
		}
		cards, err := voucherify.NewCampaign(ctx, "cards", &voucherify.CampaignArgs{
			CampaignType: pulumi.String("GIFT_VOUCHERS"),
			Voucher: &voucherify.CampaignVoucherArgs{
				Gift: &voucherify.GiftArgs{Amount: pulumi.Float64(5000)},
			},
			Vouchers: voucherify.VoucherCodeArray{
				&voucherify.VoucherCodeArgs{Code: pulumi.String("GO-CARD-0001")},
				&voucherify.VoucherCodeArgs{Code: pulumi.String("GO-CARD-0002"), GiftAmount: pulumi.Int(10000)},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("couponsCampaignId", coupons.CampaignId)
		ctx.Export("cardsCampaignId", cards.CampaignId)
		ctx.Export("cardsCodes", cards.TotalVouchers)
		return nil
	})
}
