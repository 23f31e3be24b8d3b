// Voucher-code inputs of a Campaign: how a campaign declares the codes it holds.
//
// Three sources, combinable as noted:
// - `vouchers`: an inline list of codes with per-code attributes (reconciled by code against the previous state).
// - `vouchersCsv`: a path to a CSV file in the campaign import format (see provider/codes/csv.ts). `check` reads the
//   file and adds `vouchersCsvDigest` ("sha256:<hex>") and `vouchersCsvRows` to the normalized inputs, so a changed
//   file shows a diff at preview without any API call. State keeps the digest and counts, never the rows.
//   A changed file imports new rows and updates changed ones; rows removed from the file are deleted only with
//   `vouchersCsvPrune: true` (the file then owns the campaign's codes), since state cannot tell them apart from
//   codes added outside the program.
// - `vouchersCount`: how many codes the API generates from `voucher.codeConfig`. It can grow (add-vouchers endpoint)
//   but never shrink. It cannot be combined with `vouchersCsvPrune`, which would delete generated codes.
//
// Inline codes are secrets by default: the Campaign resource wraps `vouchers` in `pulumi.secret` and marks the
// output secret unless `vouchersSecret: false` is set (see `vouchersAreSecret`).
//
// Provider code is serialized by Pulumi, so schemas are built by factories on first call and cached.

import { z } from "zod";

/** Largest number of codes a campaign can hold (Voucherify default limit, also the import limit). */
export const MAX_CODES_PER_CAMPAIGN = 100000;

// Date formats the import API accepts: YYYY-MM-DD, YYYY-MM-DDTHH, YYYY-MM-DDTHH:mm, YYYY-MM-DDTHH:mm:ss, with an
// optional fraction and an optional Z / ±hh:mm offset.
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const NO_WHITESPACE = /^\S+$/;

function buildDate(field: string) {
  return z
    .string()
    .regex(DATE_PATTERN, {
      error: `${field} must be an ISO-8601 date or date-time (YYYY-MM-DD … YYYY-MM-DDTHH:mm:ss.SSSZ)`,
    })
    .refine((s) => !Number.isNaN(Date.parse(s.length === 13 ? `${s}:00` : s)), {
      error: `${field} is not a valid calendar date`,
    });
}

function buildVoucherItemSchema() {
  return z.strictObject({
    /** The voucher code; unique across the whole Voucherify project. */
    code: z
      .string()
      .min(1, { error: "code must not be empty" })
      .regex(NO_WHITESPACE, { error: "code must not contain whitespace" }),
    /** Category name (or category id) of the voucher. */
    category: z.string().min(1).optional(),
    /** Whether the voucher is active; when unset, the API decides (active if the campaign is active). */
    active: z.boolean().optional(),
    /** Redemption limit; `quantity: null` means unlimited. Cannot change once the voucher exists. */
    redemption: z
      .strictObject({
        quantity: z.number().int().min(1).nullable(),
      })
      .optional(),
    /** Custom attributes of the code (JSON values). */
    metadata: z.record(z.string(), z.json()).optional(),
    /** Free text kept with the code. */
    additionalInfo: z.string().optional(),
    startDate: buildDate("startDate").optional(),
    expirationDate: buildDate("expirationDate").optional(),
    /** Initial gift-card amount in minor units (GIFT_VOUCHERS only). Cannot change through this resource. */
    giftAmount: z.number().int().min(0).optional(),
    /** Initial loyalty points (LOYALTY_PROGRAM only). Cannot change through this resource. */
    loyaltyPoints: z.number().int().min(0).optional(),
  });
}

let itemCache: ReturnType<typeof buildVoucherItemSchema> | undefined;

/** Schema of one declared voucher code (camelCase mirror of the campaign import item). */
export function voucherItemSchema(): ReturnType<typeof buildVoucherItemSchema> {
  if (itemCache === undefined) {
    itemCache = buildVoucherItemSchema();
  }
  return itemCache;
}

export type VoucherItem = z.output<ReturnType<typeof buildVoucherItemSchema>>;

/**
 * Lists that came out of the `vouchers` schema (the campaign schema's pass over the inputs, say): reading one again
 * needs no second pass over every code (see codes/state.ts). Held weakly: it never keeps a list alive.
 */
const validatedLists = new WeakSet<object>();

export function isValidatedVoucherList(value: unknown): value is VoucherItem[] {
  return typeof value === "object" && value !== null && validatedLists.has(value);
}

function buildShape() {
  return {
    /** Inline codes, reconciled by code. Stored as a secret unless `vouchersSecret` is false. */
    vouchers: z
      .array(voucherItemSchema())
      .max(MAX_CODES_PER_CAMPAIGN)
      .transform((list) => {
        validatedLists.add(list);
        return list;
      })
      .optional(),
    /** Path of a CSV file in the campaign import format (relative to the Pulumi program's working directory). */
    vouchersCsv: z.string().min(1, { error: "vouchersCsv must be a file path" }).optional(),
    /** Computed by check from the file named by `vouchersCsv`; any value given by the program is replaced. */
    vouchersCsvDigest: z.string().optional(),
    /** Computed by check: number of data rows in the `vouchersCsv` file. */
    vouchersCsvRows: z.number().int().min(0).optional(),
    /**
     * When true, the `vouchersCsv` file is authoritative for the campaign: reconciling a changed file also deletes
     * the campaign's codes that are in neither the file nor `vouchers`. Default false, because state keeps only the
     * file's digest, so codes removed from the file cannot be told apart from codes added outside the program.
     */
    vouchersCsvPrune: z.boolean().optional(),
    /** Total number of codes the API generates from `voucher.codeConfig`; can grow, never shrink. */
    vouchersCount: z.number().int().min(0).max(MAX_CODES_PER_CAMPAIGN).optional(),
    /**
     * When true, refresh lists every voucher of the campaign to detect deleted or changed codes. Costs one API
     * request per 100 codes on each refresh (counted against the project's quota). Default false.
     */
    verifyVouchersOnRefresh: z.boolean().optional(),
    /** Store inline `vouchers` as a Pulumi secret (default true). Set false to see codes in plain state. */
    vouchersSecret: z.boolean().optional(),
  };
}

let shapeCache: ReturnType<typeof buildShape> | undefined;

/** Zod shape (plain object of schemas) to spread into the campaign input object schema. */
export function voucherCodeSourcesShape(): ReturnType<typeof buildShape> {
  if (shapeCache === undefined) {
    shapeCache = buildShape();
  }
  return shapeCache;
}

let sourcesCache: z.ZodObject<ReturnType<typeof buildShape>, z.core.$strip> | undefined;

/** The shape as a stand-alone (non-strict) object schema, for parsing the code fields out of inputs/state. */
export function voucherCodeSourcesSchema(): z.ZodObject<ReturnType<typeof buildShape>, z.core.$strip> {
  if (sourcesCache === undefined) {
    sourcesCache = z.object(voucherCodeSourcesShape());
  }
  return sourcesCache;
}

export type VoucherCodeSources = z.output<ReturnType<typeof voucherCodeSourcesSchema>>;

/** Names of the input fields owned by the voucher-code module (for diff and state handling). */
export const VOUCHER_CODE_FIELDS = [
  "vouchers",
  "vouchersCsv",
  "vouchersCsvDigest",
  "vouchersCsvRows",
  "vouchersCsvPrune",
  "vouchersCount",
  "verifyVouchersOnRefresh",
  "vouchersSecret",
] as const;

/** Whether the inline `vouchers` of these args must be stored as a secret (default: yes). */
export function vouchersAreSecret(args: { vouchersSecret?: unknown } | undefined): boolean {
  return args === undefined || args.vouchersSecret !== false;
}
