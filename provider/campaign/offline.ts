// `check` and `diff`: offline, no credentials, no API call. Both follow the plan (./plan.ts), so the engine's
// diff, the preview stops and the update agree on what a change does.
import { createHash, randomBytes } from "node:crypto";
import { checkVoucherCodeInputs } from "../codes/check";
import { withDecodedVouchers, withEncodedVouchers } from "../codes/encoding";
import { codeRedactorFor } from "../codes/secrecy";
import { isRecord } from "../kit/json";
import type { DiffResult } from "../kit/kind";
import type { CheckFailure } from "../schema/issues";
import { isUnknown } from "../schema/unknowns";
import { checkCampaignInputs } from "./mapping";
import { type CampaignPlan, planCampaignChange } from "./plan";
import { AUTONAMED_KEY, RESOURCE_NAME_KEY, STACK_KEY, toPlain, withoutHidden } from "./state";

type Props = Record<string, unknown>;

const AUTONAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

function suffixOf(bytes: Uint8Array, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += AUTONAME_ALPHABET[(bytes[i] as number) % AUTONAME_ALPHABET.length];
  return s;
}

export function randomSuffix(length = 7): string {
  return suffixOf(randomBytes(length), length);
}

/**
 * Generated names are stable: `<resource name>-<7 chars>` derived from the stack, the resource name and the name
 * of the campaign it replaces (none for a first create). A run killed after Voucherify created the campaign but
 * before the state recorded it therefore asks for the same name again, and create recognises its campaign
 * (./create.ts) instead of leaving it orphaned under a random name. Preview and up agree on the name, too.
 */
export function stableName(stack: string, resourceName: string, replacing: string): string {
  const digest = createHash("sha256").update(`${stack}\u0000${resourceName}\u0000${replacing}`).digest();
  return `${resourceName}-${suffixOf(digest, 7)}`;
}

/**
 * The current name of each resource this provider process checked with previous state. The engine checks a
 * resource being replaced twice in a row: with its old state, then (after the diff) without, to name the
 * replacement; this remembers the old name in between, so the replacement's name derives from it.
 */
const currentNames = new Map<string, string>();

export interface CheckOutcome {
  inputs: Props;
  failures: CheckFailure[];
}

export interface OfflineDeps {
  /** Current time in ms (the start-date rules compare with it). */
  now?: () => number;
  /** Preview messages (warnings about the plan). */
  log?: (message: string) => void;
}

function startsInThePast(inputs: Props, now: number): boolean {
  return typeof inputs.startDate === "string" && Date.parse(inputs.startDate) < now;
}

/** Replacements that would lose the old campaign without a sure way to the new one: stopped at preview. */
function replacementStops(plan: CampaignPlan, olds: Props, news: Props, now: number): CheckFailure[] {
  if (plan.replaces.length === 0 || !plan.deleteBeforeReplace) return [];
  const failures: CheckFailure[] = [];
  const reason = plan.replacePaths.join(", ");
  if (olds.deletePolicy === "bin") {
    const taken = plan.deleteFirstBecause.join(" and ");
    const fresh = plan.deleteFirstBecause
      .map((b) => (b === "name" ? "a new name" : "new codes"))
      .join(" and ");
    failures.push({
      property: "deletePolicy",
      reason:
        `this change (${reason}) replaces the campaign, deleting the old one first, and its deletePolicy is "bin": ` +
        `Voucherify's bin keeps the old campaign's ${taken} reserved, so the new campaign could not take them. ` +
        'Ways out: set deletePolicy: "permanent" and run `pulumi up` first (no API call), or give the new ' +
        `campaign ${fresh}`,
    });
  }
  if (startsInThePast(news, now)) {
    failures.push({
      property: "startDate",
      reason:
        `startDate ${String(news.startDate)} is in the past, and this change (${reason}) replaces the campaign, ` +
        "deleting the old one first: Voucherify may refuse to create a campaign that starts in the past, which " +
        "would leave neither. Ways out: a startDate in the future (or none), or change only fields that update in " +
        "place",
    });
  }
  return failures;
}

/** `check` with codes as codes (the dynamic provider's encoding is its adapter's business). */
export async function checkCampaign(
  olds: Props | undefined,
  news: Props,
  deps: OfflineDeps = {},
): Promise<CheckOutcome> {
  const now = (deps.now ?? Date.now)();
  const previous = isRecord(olds) ? olds : {};
  const raw = withoutHidden(news);
  let autonamed = false;
  const base = typeof news[RESOURCE_NAME_KEY] === "string" ? (news[RESOURCE_NAME_KEY] as string) : "campaign";
  const stack = typeof news[STACK_KEY] === "string" ? (news[STACK_KEY] as string) : "";
  const resourceKey = `${stack}\u0000${base}`;
  if (raw.name === undefined || raw.name === null) {
    autonamed = true;
    if (typeof previous.name === "string" && previous.name !== "" && !isUnknown(previous.name)) {
      raw.name = previous.name;
      currentNames.set(resourceKey, previous.name);
    } else {
      raw.name = stableName(stack, base, currentNames.get(resourceKey) ?? "");
    }
  }
  const campaign = checkCampaignInputs(raw);
  // Code rules that compare with the previous state (vouchersCount cannot shrink, a voucher's redemption quantity
  // cannot change) concern the campaign being updated; when another change replaces the campaign, the new one
  // starts from nothing, exactly like a create.
  // The engine passes empty olds for a resource it is creating: only recorded state is a previous campaign.
  const plan =
    Object.keys(withoutHidden(previous)).length > 0
      ? planCampaignChange(withoutHidden(previous), campaign.inputs, { autonamed })
      : undefined;
  const replacing = plan !== undefined && plan.replaces.length > 0;
  const secrets = codeRedactorFor(campaign.inputs, previous);
  const codes = checkVoucherCodeInputs(replacing ? undefined : withoutHidden(previous), campaign.inputs, {
    secrets,
  });
  const stops = plan === undefined ? [] : replacementStops(plan, withoutHidden(previous), codes.inputs, now);
  if (plan === undefined && startsInThePast(codes.inputs, now)) {
    deps.log?.(
      `campaign "${String(raw.name)}": startDate ${String(codes.inputs.startDate)} is in the past; Voucherify may ` +
        "refuse to create a campaign that starts in the past",
    );
  }
  const seen = new Set<string>();
  const failures: CheckFailure[] = [];
  for (const f of [...campaign.failures, ...codes.failures, ...stops]) {
    const key = `${f.property}\u0000${f.reason}`;
    if (!seen.has(key)) {
      seen.add(key);
      failures.push({ property: f.property, reason: secrets.redact(f.reason) });
    }
  }
  const inputs: Props = { ...codes.inputs };
  if (autonamed) inputs[AUTONAMED_KEY] = true;
  return { inputs: toPlain(inputs), failures };
}

/** `check` on the dynamic provider's encoding (inline codes as one string), as the unit tests call it. */
export async function check(
  encodedOlds: Props | undefined,
  encodedNews: Props,
  deps: OfflineDeps = {},
): Promise<CheckOutcome> {
  const outcome = await checkCampaign(
    withDecodedVouchers(encodedOlds),
    withDecodedVouchers(encodedNews),
    deps,
  );
  return { ...outcome, inputs: withEncodedVouchers(outcome.inputs) };
}

/** A Campaign diff is the kit's diff result (provider/kit/kind.ts). */
export type DiffOutcome = DiffResult;

/** `diff` of decoded state and inputs; the dynamic provider's encoded ones are decoded on the way in too. */
export async function diff(
  _id: string,
  olds: Props,
  news: Props,
  deps: OfflineDeps = {},
): Promise<DiffOutcome> {
  const plan = planCampaignChange(
    withoutHidden(withDecodedVouchers(olds)),
    withoutHidden(withDecodedVouchers(news)),
    { autonamed: news[AUTONAMED_KEY] === true },
  );
  if (plan.replaces.length > 0) {
    deps.log?.(
      `campaign "${String(olds.name)}" will be replaced (${plan.replacePaths.join(", ")} cannot change in place): ` +
        `a new campaign is created and the old one deleted${plan.deleteBeforeReplace ? " first" : ""}; its codes ` +
        "and redemption history go with it",
    );
  }
  return {
    changes: plan.changes,
    changedPaths: plan.changedPaths,
    replacePaths: plan.replacePaths,
    replaces: plan.replaces,
    deleteBeforeReplace: plan.deleteBeforeReplace,
    stables: plan.stables,
  };
}
