// Which codes are secret, and how messages refer to them instead: `vouchers[17]` for an inline code, `vouchersCsv
// row 5` for a CSV row, `previous vouchers[3]` for a code being removed. With `vouchersSecret: false` codes show
// as they are. Generated codes (`vouchersCount`) are the API's and never declared, so they are not registered.
import { CodeRedactor } from "../redact";
import { vouchersAreSecret } from "../schema/vouchers";

type Props = Record<string, unknown>;

function codesOf(props: Props | undefined): string[] {
  const list = props?.vouchers;
  if (!Array.isArray(list)) return [];
  return list
    .map((v) => (typeof v === "object" && v !== null ? (v as { code?: unknown }).code : undefined))
    .filter((c): c is string => typeof c === "string");
}

/** A redactor for one operation: the codes declared in `inputs` (and those of `previous` it removes). */
export function codeRedactorFor(inputs: Props | undefined, previous?: Props): CodeRedactor {
  const redactor = new CodeRedactor();
  if (!vouchersAreSecret(inputs)) return redactor;
  codesOf(inputs).forEach((code, i) => {
    redactor.add(code, `vouchers[${i}]`);
  });
  codesOf(previous).forEach((code, i) => {
    redactor.add(code, `previous vouchers[${i}]`);
  });
  return redactor;
}

/** Registers the CSV file's codes (their 1-based data row numbers as labels) when codes are secret. */
export function registerCsvCodes(
  redactor: CodeRedactor | undefined,
  inputs: Props,
  rows: readonly { code: string }[],
  rowNumbers: readonly number[],
): void {
  if (redactor === undefined || !vouchersAreSecret(inputs)) return;
  rows.forEach((row, i) => {
    redactor.add(row.code, `vouchersCsv row ${rowNumbers[i] ?? i + 1}`);
  });
}
