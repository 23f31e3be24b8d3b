// Identifier formats seen in the vendor's examples (API-NOTES §2): camp_ + 24 alphanumerics,
// v_ + 32, aa_ + 18 hex, cat_ + 18 hex, promo_ + 24, asgm_ + 16, val_ + 12, stack_ + 24, exp_ + 24, request
// ids "v-" + 18 hex. A seeded generator keeps ids and codes reproducible when the emulator is
// started with a seed.
import { randomInt } from "node:crypto";

export const ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const HEX = "0123456789abcdef";

/** Returns an integer in [0, max). */
export type Random = (max: number) => number;

export function cryptoRandom(): Random {
  return (max) => randomInt(max);
}

/** mulberry32: a tiny deterministic generator, good enough for ids and codes in tests. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return (max) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(unit * max);
  };
}

export function randomString(random: Random, charset: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += charset[random(charset.length)];
  return out;
}

export class IdFactory {
  constructor(private readonly random: Random) {}
  campaign(): string {
    return `camp_${randomString(this.random, ALPHANUMERIC, 24)}`;
  }
  voucher(): string {
    return `v_${randomString(this.random, ALPHANUMERIC, 32)}`;
  }
  asyncAction(): string {
    return `aa_${randomString(this.random, HEX, 18)}`;
  }
  category(): string {
    return `cat_${randomString(this.random, HEX, 18)}`;
  }
  promotionTier(): string {
    return `promo_${randomString(this.random, ALPHANUMERIC, 24)}`;
  }
  promotionStack(): string {
    return `stack_${randomString(this.random, ALPHANUMERIC, 24)}`;
  }
  assignment(): string {
    return `asgm_${randomString(this.random, ALPHANUMERIC, 16)}`;
  }
  validationRule(): string {
    return `val_${randomString(this.random, ALPHANUMERIC, 12)}`;
  }
  export(): string {
    return `exp_${randomString(this.random, ALPHANUMERIC, 24)}`;
  }
  publication(): string {
    return `pub_${randomString(this.random, ALPHANUMERIC, 32)}`;
  }
  redemption(): string {
    return `r_${randomString(this.random, HEX, 18)}`;
  }
  customer(): string {
    return `cust_${randomString(this.random, ALPHANUMERIC, 24)}`;
  }
  /** Secret in an export's download URL. */
  exportToken(): string {
    return randomString(this.random, ALPHANUMERIC, 32);
  }
  request(): string {
    return `v-${randomString(this.random, HEX, 18)}`;
  }
  asset(): string {
    return randomString(this.random, ALPHANUMERIC, 40);
  }
}
