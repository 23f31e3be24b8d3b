// The CSV source of a code sync: read only when its digest changed (or the source was removed), and refused when
// the file changed between check and apply. Failures go to the sync's failure list under "(vouchersCsv)".
import { loadVoucherCsv } from "./check";
import type { CodeSyncContext } from "./context";
import type { CsvVoucherItem } from "./csv";
import { csvDigest } from "./digest";
import { registerCsvCodes } from "./secrecy";
import type { CodeFailure } from "./types";

export interface CsvSource {
  /** The declared file, if any. */
  csvPath: string | undefined;
  /** The digest differs from the recorded one (or the source was removed): the file is reconciled. */
  csvChanged: boolean;
  /** False when the file could not be read or changed after check. */
  ok: boolean;
  /** The file's rows (empty unless it changed and was read). */
  csvRows: CsvVoucherItem[];
  /** Row number in the user's file by code, for failure messages. */
  rowOf: Map<string, number>;
}

export function loadChangedCsv(
  ctx: Pick<CodeSyncContext, "readFile" | "secrets">,
  inputs: Record<string, unknown>,
  previousDigest: string | undefined,
  desiredDigest: string | undefined,
  failures: CodeFailure[],
): CsvSource {
  const csvPath = typeof inputs.vouchersCsv === "string" ? inputs.vouchersCsv : undefined;
  const csvChanged = csvPath !== undefined ? desiredDigest !== previousDigest : previousDigest !== undefined;
  const source: CsvSource = { csvPath, csvChanged, ok: true, csvRows: [], rowOf: new Map() };
  if (!csvChanged || csvPath === undefined) return source;
  const loaded = loadVoucherCsv(csvPath, { readFile: ctx.readFile });
  if ("error" in loaded) {
    failures.push({ code: "(vouchersCsv)", reason: loaded.error });
    return { ...source, ok: false };
  }
  if (desiredDigest !== undefined && csvDigest(loaded.content) !== desiredDigest) {
    failures.push({
      code: "(vouchersCsv)",
      reason: `the file "${csvPath}" changed after preview/check; run pulumi up again`,
    });
    return { ...source, ok: false };
  }
  registerCsvCodes(ctx.secrets, inputs, loaded.parsed.items, loaded.parsed.rowNumbers);
  loaded.parsed.items.forEach((r, i) => {
    source.rowOf.set(r.code, loaded.parsed.rowNumbers[i] as number);
  });
  return { ...source, csvRows: loaded.parsed.items };
}
