// Voucher codes of a Campaign: check, diff, plan and sync. See provider/schema/vouchers.ts for the inputs.

export {
  type CheckDeps,
  type CheckedCodes,
  checkVoucherCodeInputs,
  checkVoucherCodes,
  loadVoucherCsv,
} from "./check";
export type { CodeSyncContext, CodeSyncResult } from "./context";
export {
  type CsvVoucherItem,
  chunkCsvRows,
  type ParsedVoucherCsv,
  parseVoucherCsv,
  writeVoucherCsv,
} from "./csv";
export { diffVoucherCodes } from "./diff";
export { csvDigest } from "./digest";
export {
  type CodeFailure,
  type CodePlan,
  type CodeUpdate,
  chunkImportItems,
  DEFAULT_MAX_IMPORT_BYTES,
  planCodeChanges,
  toImportItem,
} from "./plan";
export { readCodeFields, readVouchers } from "./state";
export { syncVoucherCodes } from "./sync";
export { compareWithListed, differenceFromListed, formatCodeFailures, type ListedDrift } from "./verify";
