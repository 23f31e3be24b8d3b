// Voucherify campaigns as code: discount coupons, gift vouchers, loyalty and referral programs, promotions.
package voucherify
