// Offline checks and normalization of the voucher-code inputs, run by the provider's `check` (so problems show at
// preview, before any API call).
//
// Normalization: `vouchers` keeps the program's order (messages refer to a secret code by its position, and the
// diff compares codes by code, so reordering the list is not a change); when `vouchersCsv` is set, the
// file is read and `vouchersCsvDigest` ("sha256:<hex>") and `vouchersCsvRows` are added, so a changed file is a
// diff at preview. When `vouchersCsv` is not set, both computed fields are dropped.

import { readFileSync } from "node:fs";
import type { CodeRedactor } from "../redact";
import type { CheckFailure } from "../schema/issues";
import { UNKNOWN } from "../schema/unknowns";
import { MAX_CODES_PER_CAMPAIGN, type VoucherItem } from "../schema/vouchers";
import { type ParsedVoucherCsv, parseVoucherCsv } from "./csv";
import { csvDigest } from "./digest";
import { immutableChanges } from "./immutable";
import { typeSpecificProblem } from "./plan";
import { registerCsvCodes } from "./secrecy";
import { containsUnknown, isUnknownValue, readCodeFields } from "./state";

export interface CheckDeps {
  /** Reads the CSV file (default: fs.readFileSync relative to the working directory of the Pulumi program). */
  readFile?: (path: string) => Buffer;
  /** Secret codes: the CSV file's codes are added to it when it is read. */
  secrets?: CodeRedactor;
}

export interface CheckedCodes {
  /** `news` with the code fields normalized (other fields untouched). */
  inputs: Record<string, unknown>;
  failures: CheckFailure[];
}

/** Reads and parses the CSV source; errors come back as a single reason naming the rows. */
export function loadVoucherCsv(
  path: string,
  deps: CheckDeps = {},
): { content: Buffer; parsed: ParsedVoucherCsv } | { error: string } {
  let content: Buffer;
  try {
    content = deps.readFile !== undefined ? deps.readFile(path) : readFileSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { error: `cannot read the CSV file "${path}"${code !== undefined ? ` (${code})` : ""}` };
  }
  const parsed = parseVoucherCsv(content);
  if (parsed.errors.length > 0) {
    return { error: `the CSV file "${path}" is invalid: ${parsed.errors.join("; ")}` };
  }
  return { content, parsed };
}

/** The CSV column of each per-type attribute. */
const CSV_COLUMN = { giftAmount: "Gift Amount", loyaltyPoints: "Loyalty Points" } as const;

/** A per-type attribute the campaign type does not allow (see `typeSpecificProblem`), with its name. */
function typeSpecificFailure(
  item: VoucherItem,
  campaignType: string | undefined,
): { attribute: keyof typeof CSV_COLUMN; problem: string } | undefined {
  if (campaignType === undefined) return undefined;
  const problem = typeSpecificProblem(item, campaignType);
  if (problem === undefined) return undefined;
  const attribute =
    item.giftAmount !== undefined && campaignType !== "GIFT_VOUCHERS" ? "giftAmount" : "loyaltyPoints";
  return { attribute, problem };
}

/** Checks and normalizes the code fields of `news` against `olds` (the previous checked inputs, if any). */
export function checkVoucherCodeInputs(
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
  deps: CheckDeps = {},
): CheckedCodes {
  const failures: CheckFailure[] = [];
  const inputs: Record<string, unknown> = { ...news };
  delete inputs.vouchersCsvDigest;
  delete inputs.vouchersCsvRows;
  const campaignType = typeof news.campaignType === "string" ? news.campaignType : undefined;
  const previous = readCodeFields(olds);
  const desired = readCodeFields(news);

  // Inline list: duplicates, per-type attributes, attributes the API cannot change.
  const inlineIndex = new Map<string, number>();
  let inlineCount = 0;
  if (desired.vouchers !== undefined) {
    const items = desired.vouchers;
    inlineCount = items.length;
    const prevByCode = new Map<string, VoucherItem>();
    if (previous.vouchers !== undefined) for (const p of previous.vouchers) prevByCode.set(p.code, p);
    items.forEach((item, i) => {
      const first = inlineIndex.get(item.code);
      if (first !== undefined) {
        failures.push({
          property: `vouchers[${i}].code`,
          reason: `this code is declared twice (also vouchers[${first}]); codes are unique per project`,
        });
        return;
      }
      inlineIndex.set(item.code, i);
      const typed = typeSpecificFailure(item, campaignType);
      if (typed !== undefined)
        failures.push({ property: `vouchers[${i}].${typed.attribute}`, reason: typed.problem });
      const prev = prevByCode.get(item.code);
      if (prev !== undefined) {
        for (const f of immutableChanges(prev, item)) {
          failures.push({
            property: `vouchers[${i}].${f.attribute === undefined ? "code" : f.attribute}`,
            reason: f.reason,
          });
        }
      }
    });
    inputs.vouchers = items;
  }

  // CSV source.
  let csvCount = 0;
  const csvPath = news.vouchersCsv;
  if (isUnknownValue(csvPath)) {
    inputs.vouchersCsvDigest = UNKNOWN;
    inputs.vouchersCsvRows = UNKNOWN;
  } else if (typeof csvPath === "string" && csvPath !== "") {
    const loaded = loadVoucherCsv(csvPath, deps);
    if ("error" in loaded) {
      failures.push({ property: "vouchersCsv", reason: loaded.error });
    } else {
      const { parsed, content } = loaded;
      registerCsvCodes(deps.secrets, news, parsed.items, parsed.rowNumbers);
      csvCount = parsed.items.length;
      inputs.vouchersCsvDigest = csvDigest(content);
      inputs.vouchersCsvRows = parsed.items.length;
      const problems: string[] = [];
      parsed.items.forEach((item, i) => {
        if (problems.length >= 20) return;
        const row = parsed.rowNumbers[i];
        const inline = inlineIndex.get(item.code);
        if (inline !== undefined) {
          problems.push(`row ${row}: its code is also declared in vouchers[${inline}]`);
        }
        const typed = typeSpecificFailure(item, campaignType);
        if (typed !== undefined) {
          problems.push(`row ${row}: column "${CSV_COLUMN[typed.attribute]}": ${typed.problem}`);
        }
      });
      if (problems.length > 0) {
        failures.push({
          property: "vouchersCsv",
          reason: `the CSV file "${csvPath}": ${problems.join("; ")}`,
        });
      }
    }
    if (news.vouchersCount !== undefined && news.vouchersCsvPrune === true) {
      failures.push({
        property: "vouchersCsvPrune",
        reason:
          "vouchersCsvPrune cannot be combined with vouchersCount: pruning deletes the campaign's codes that are in " +
          "neither the CSV file nor `vouchers`, which would include the generated ones. Declare generated codes in " +
          "a separate campaign, or drop vouchersCsvPrune",
      });
    }
  }

  // Generated count: can grow, never shrink below what was generated (also after the field was removed).
  const recorded = olds?.vouchersGenerated;
  const generatedBefore = Math.max(
    typeof recorded === "number" ? recorded : 0,
    previous.vouchersCount === undefined ? 0 : previous.vouchersCount,
  );
  if (desired.vouchersCount !== undefined && desired.vouchersCount < generatedBefore) {
    failures.push({
      property: "vouchersCount",
      reason:
        `vouchersCount cannot shrink to ${desired.vouchersCount}: the campaign holds ${generatedBefore} codes this ` +
        `resource generated, and generated codes cannot be un-generated. Keep ${generatedBefore} or more, or ` +
        "remove vouchersCount to stop managing the count (the codes stay in the campaign)",
    });
  }

  const generated = desired.vouchersCount ?? 0;
  const total = inlineCount + csvCount + generated;
  if (total > MAX_CODES_PER_CAMPAIGN) {
    failures.push({
      property: "vouchers",
      reason: `the campaign would hold ${total} codes (inline ${inlineCount}, CSV ${csvCount}, generated ${generated}); a campaign holds at most ${MAX_CODES_PER_CAMPAIGN}`,
    });
  }
  if (containsUnknown(news.vouchers)) inputs.vouchers = news.vouchers;
  return { inputs, failures };
}

/** The failures of checkVoucherCodeInputs (contract entry point). */
export function checkVoucherCodes(
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
  deps: CheckDeps = {},
): CheckFailure[] {
  return checkVoucherCodeInputs(olds, news, deps).failures;
}
