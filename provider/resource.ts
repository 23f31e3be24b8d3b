/**
 * `new Campaign(name, args, opts?)`: a Voucherify campaign as a Pulumi resource (a dynamic resource whose
 * engine type is `pulumi-nodejs:dynamic/voucherify:Campaign`).
 *
 * A dynamic resource: every Campaign carries the same provider text (./shim.ts) as its `__provider` input, exactly
 * what `pulumi.dynamic.Resource` would set, plus the hidden input `__resourceName` so that `check` can autoname
 * (`<resource name>-<7 [a-z0-9]>`, derived from the stack and the resource name) when `name` is omitted. Inline `vouchers` are wrapped in `pulumi.secret` and declared as an additional secret output unless
 * `vouchersSecret: false`.
 */
import * as pulumi from "@pulumi/pulumi";
import { COMPUTED_OUTPUT_KEYS } from "./campaign/outputs";
import { encodeVoucherList, isEmptyCodeList, voucherListText } from "./codes/encoding";
import type { CampaignInputs } from "./schema/campaign";
import { vouchersAreSecret } from "./schema/vouchers";
import { CAMPAIGN_PROVIDER_TEXT } from "./shim";

/** The engine type token of Campaign resources. */
export const CAMPAIGN_TYPE = "pulumi-nodejs:dynamic/voucherify:Campaign";

/** Every value, at any depth, may be a `pulumi.Input`. */
export type Inputify<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? pulumi.Input<Inputify<U>>[]
    : { [K in keyof T]: pulumi.Input<Inputify<T[K]>> };

/** Fields that `check` computes itself; the program never sets them. */
type CheckComputed = "vouchersCsvDigest" | "vouchersCsvRows";
/** Top-level inputs with provider defaults (type AUTO_UPDATE, active true, deletePolicy permanent, adopt false). */
type TopDefaults = "type" | "active" | "deletePolicy" | "adopt";
/** `voucher` fields with defaults derived from the campaign type. */
type VoucherDefaults = "type" | "isReferralCode";

type WithOptional<T, K extends PropertyKey> = Omit<T, K> & Partial<Pick<T, K & keyof T>>;
type VoucherArgs<V> = V extends unknown ? WithOptional<V, VoucherDefaults> : never;
type VoucherPart<T> = "voucher" extends keyof T
  ? undefined extends T["voucher" & keyof T]
    ? { voucher?: VoucherArgs<NonNullable<T["voucher" & keyof T]>> }
    : { voucher: VoucherArgs<T["voucher" & keyof T]> }
  : unknown;

/**
 * The program-side shape of the checked inputs: the schema's output type (the schema factory does not expose its
 * input type) with the defaulted fields optional again and the check-computed fields removed.
 */
type ProgramShape<T> = T extends unknown
  ? Omit<T, TopDefaults | CheckComputed | "voucher"> &
      Partial<Pick<T, TopDefaults & keyof T>> &
      VoucherPart<T>
  : never;

type AllKeys<U> = U extends unknown ? keyof U : never;
type ValueOf<U, K extends PropertyKey> = U extends unknown ? (K extends keyof U ? U[K] : never) : never;

/**
 * One object type for all campaign types: `campaignType` required, every other field optional with the union
 * of its per-type shapes (the per-type rules, e.g. which voucher fields a GIFT_VOUCHERS campaign needs, are
 * enforced by `check` at preview). A flat type keeps spreads such as `{ ...base, ...overrides }` typeable.
 */
type Flat<U> = { campaignType: ValueOf<U, "campaignType"> } & {
  [K in Exclude<AllKeys<U>, "campaignType">]?: ValueOf<U, K>;
};

type ArgsOf<T> = { [K in keyof T]: pulumi.Input<Inputify<T[K]>> };

/** The arguments of a Campaign: every input field, each a `pulumi.Input` (values at any depth too). */
export type CampaignArgs = ArgsOf<Flat<ProgramShape<CampaignInputs>>>;

/** The outputs of a Campaign, dynamic or native (provider/native/resource.ts): the engine fills them in. */
export interface CampaignOutputs {
  /** The campaign name in Voucherify (given, or generated from the resource name). */
  readonly name: pulumi.Output<string>;
  readonly campaignType: pulumi.Output<string>;
  readonly type: pulumi.Output<string>;
  readonly description: pulumi.Output<string | undefined>;
  /** Desired state: enabled (true) or disabled (false). */
  readonly active: pulumi.Output<boolean>;
  readonly deletePolicy: pulumi.Output<"permanent" | "bin">;
  readonly metadata: pulumi.Output<Record<string, unknown> | undefined>;
  readonly vouchersCount: pulumi.Output<number | undefined>;
  /** Inline codes as canonical JSON text, sorted by code (a secret unless `vouchersSecret: false`). */
  readonly vouchers: pulumi.Output<string | undefined>;
  readonly vouchersCsv: pulumi.Output<string | undefined>;
  /** `sha256:<hex>` of the `vouchersCsv` file as last applied. */
  readonly vouchersCsvDigest: pulumi.Output<string | undefined>;
  readonly vouchersCsvRows: pulumi.Output<number | undefined>;
  /** The Voucherify campaign ID (`camp_…`), also the resource's `id`. */
  readonly campaignId: pulumi.Output<string>;
  readonly createdAt: pulumi.Output<string>;
  readonly updatedAt: pulumi.Output<string | undefined>;
  readonly creationStatus: pulumi.Output<string>;
  readonly vouchersGenerationStatus: pulumi.Output<string>;
  /** Number of codes in the campaign as last read from the API. */
  readonly totalVouchers: pulumi.Output<number>;
  /** Whether the campaign is active according to the API. */
  readonly isActive: pulumi.Output<boolean>;
  readonly categoryIdActual: pulumi.Output<string | null | undefined>;
  /** PROMOTION: each tier's ID (`promo_…`) by its key (the tier's name unless `key` is set). */
  readonly tierIds: pulumi.Output<Record<string, string> | undefined>;
  /** How many codes this resource generated (`vouchersCount` grows from it, never twice). */
  readonly vouchersGenerated: pulumi.Output<number | undefined>;
  /** True when an import may or may not have taken effect: the next `up` reads the campaign's codes first. */
  readonly vouchersUnverified: pulumi.Output<boolean | undefined>;
}

/**
 * What a Campaign registers, dynamic or native: the arguments with the codes as one (secret, deflated) string,
 * the resource name and the stack as hidden inputs (stable autonaming), the computed outputs as undefined so the
 * engine fills them in, and `vouchers` among the secret outputs unless `vouchersSecret: false`.
 *
 * A list known to be empty when the program declares it is sent plain: it holds no code, and each secret makes
 * every checkpoint the engine writes dearer (at 1,000 campaigns, seconds per secret per resource:
 * bench/results/profile.md, "At 1,000 campaigns"). Its output stays secret for the dynamic Campaign, whose
 * provider cannot mark a value secret itself (codes an update could not delete are recorded there); the native
 * provider marks the codes secret by the value it records (`secretOutputsByValue`), so the native Campaign leaves
 * an empty list's output plain.
 */
export function campaignRegistration(
  name: string,
  args: CampaignArgs,
  opts: pulumi.CustomResourceOptions | undefined,
  { secretOutputsByValue = false }: { secretOutputsByValue?: boolean } = {},
): { props: Record<string, unknown>; opts: pulumi.CustomResourceOptions } {
  const props: Record<string, unknown> = { ...args };
  for (const key of Object.keys(props)) {
    if (key.startsWith("__")) throw new Error(`Campaign ${name}: "${key}" is reserved`);
  }
  const secretCodes = vouchersAreSecret(args as { vouchersSecret?: unknown });
  const noCodes = isEmptyCodeList(args.vouchers);
  if (props.vouchers !== undefined) {
    // One string instead of a list, deflated when secret: see provider/codes/encoding.ts (100,000 codes as a
    // list cost the engine protocol about a minute per `up`).
    const text = pulumi
      .output(props.vouchers)
      .apply((list) => encodeVoucherList(list, { compress: secretCodes }));
    props.vouchers = secretCodes && !noCodes ? pulumi.secret(text) : text;
  }
  props.__resourceName = name;
  // Generated names derive from the stack and the resource name (see provider/campaign/offline.ts).
  props.__stack = `${pulumi.getProject()}/${pulumi.getStack()}`;
  // Outputs the API computes: passed as undefined so the engine fills them in.
  for (const key of [...COMPUTED_OUTPUT_KEYS, "name", "vouchersCsvDigest", "vouchersCsvRows"]) {
    if (!(key in props)) props[key] = undefined;
  }
  const secretOutputs = opts?.additionalSecretOutputs ? [...opts.additionalSecretOutputs] : [];
  const secretOutput = secretCodes && !(noCodes && secretOutputsByValue);
  if (secretOutput && !secretOutputs.includes("vouchers")) secretOutputs.push("vouchers");
  return { props, opts: { ...opts, additionalSecretOutputs: secretOutputs } };
}

/** The program reads the codes output as JSON text, as it declared them (state may keep them deflated). */
export function withReadableVouchers(resource: CampaignOutputs): void {
  if (resource.vouchers === undefined) return;
  (resource as { vouchers: pulumi.Output<string | undefined> }).vouchers = resource.vouchers.apply(
    voucherListText,
  ) as pulumi.Output<string | undefined>;
}

/**
 * Turns stack traces off for a Campaign's `super(...)` and returns the limit to restore (in `finally`).
 *
 * Why: registering a resource wraps every property in an `Output` of four promises, and @pulumi/pulumi stores
 * `new Error().stack` on each (runtime/debuggable.js `debuggablePromise`); under ts-node every such stack is
 * formatted through source-map-support. About 20 properties a Campaign make that the largest cost of a no-op
 * preview's program (bench/results/profile.md, finding 1). The synchronous part of the registration runs inside
 * `super`, so nothing else runs in that window.
 *
 * What Pulumi loses: the stacks of those promises, printed only by its promise-leak report (a program exiting
 * with registrations pending, with `PULUMI_DEBUG_PROMISE_LEAKS` set), which then shows each leak's context but
 * an empty stack; and the stack of an error thrown synchronously by the registration itself (its message stays).
 * The resource's source position is unaffected: `Resource.callsites()` lifts the limit for its own trace.
 */
export function withoutStackTraces(): number {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return limit;
}

// The class declares its outputs through the interface of the same name (shared with the native Campaign).
export interface Campaign extends CampaignOutputs {}

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: outputs declared once, in the interface above
export class Campaign extends pulumi.CustomResource {
  constructor(name: string, args: CampaignArgs, opts?: pulumi.CustomResourceOptions) {
    const registration = campaignRegistration(name, args, opts);
    const limit = withoutStackTraces();
    try {
      // The provider text every dynamic Campaign carries, as `pulumi.dynamic.Resource` would set it (./shim.ts).
      super(
        CAMPAIGN_TYPE,
        name,
        { ...registration.props, __provider: CAMPAIGN_PROVIDER_TEXT },
        registration.opts,
      );
    } finally {
      Error.stackTraceLimit = limit;
    }
    withReadableVouchers(this);
  }
}
