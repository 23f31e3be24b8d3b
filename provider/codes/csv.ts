// CSV files in the campaign import format (POST /v1/campaigns/{id}/importCSV).
//
// Headers are matched case-insensitively after trimming. Recognised columns (API operation text plus the upstream
// dashboard docs for gift cards): Code (required), Category, Active, Gift Amount (GIFT_VOUCHERS), Loyalty Points
// (LOYALTY_PROGRAM), Redeemed Quantity, Redeemed Amount, Start Date, Expiration Date. Any other column becomes a
// metadata property named after the header (string value; an empty cell sets nothing) — exactly what the API does.
//
// Columns of the standalone-voucher template (Voucher Type, Value, Discount Type, Redemption Limit, Additional Info)
// are refused: the campaign importCSV would silently store them as metadata, which is never what the author meant.
// Redemption limits and additional info can be declared through the inline `vouchers` list instead.
//
// Row numbers are 1-based and exclude the header (the numbering the API uses in async-action results).

import { parse } from "csv-parse/sync";
import type { VoucherItem } from "../schema/vouchers";

/** A CSV row: a voucher item plus the historical counters the CSV format can carry (import-time only). */
export type CsvVoucherItem = VoucherItem & { redeemedQuantity?: number; redeemedAmount?: number };

export interface ParsedVoucherCsv {
  items: CsvVoucherItem[];
  /** 1-based data-row number of each item (same index as `items`). */
  rowNumbers: number[];
  /** Metadata columns, as written in the header. */
  metadataColumns: string[];
  /** Problems found, each naming the row (or the header); empty when the file is valid. */
  errors: string[];
}

type Known =
  | "code"
  | "category"
  | "active"
  | "giftAmount"
  | "loyaltyPoints"
  | "redeemedQuantity"
  | "redeemedAmount"
  | "startDate"
  | "expirationDate";

const KNOWN_HEADERS: Record<string, Known> = {
  code: "code",
  category: "category",
  active: "active",
  "gift amount": "giftAmount",
  "loyalty points": "loyaltyPoints",
  "redeemed quantity": "redeemedQuantity",
  "redeemed amount": "redeemedAmount",
  "start date": "startDate",
  "expiration date": "expirationDate",
};

/** Header written for each attribute by writeVoucherCsv (the vendor's spelling). */
const HEADER_NAMES: Record<Known, string> = {
  code: "Code",
  category: "Category",
  active: "Active",
  giftAmount: "Gift Amount",
  loyaltyPoints: "Loyalty Points",
  redeemedQuantity: "Redeemed Quantity",
  redeemedAmount: "Redeemed Amount",
  startDate: "Start Date",
  expirationDate: "Expiration Date",
};

const STANDALONE_ONLY = new Set([
  "voucher type",
  "value",
  "discount type",
  "redemption limit",
  "additional info",
]);

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const INTEGER_PATTERN = /^\d+$/;

/** Stop collecting errors after this many; a broken 100,000-row file must not produce a 100,000-line message. */
const MAX_ERRORS = 20;

function normalizeHeader(h: string): string {
  return h.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Parses a campaign-import CSV. Never throws for bad content: problems are returned in `errors`. */
export function parseVoucherCsv(text: string | Buffer): ParsedVoucherCsv {
  const result: ParsedVoucherCsv = { items: [], rowNumbers: [], metadataColumns: [], errors: [] };
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    const row = typeof line === "number" && line > 1 ? ` (row ${line - 1})` : "";
    result.errors.push(`the file is not valid CSV${row}: ${(e as Error).message}`);
    return result;
  }
  const header = records[0];
  if (header === undefined) {
    result.errors.push("the file is empty: the first line must hold the headers (Code, …)");
    return result;
  }

  // Column index -> attribute or metadata key.
  const columns: ({ kind: "known"; key: Known } | { kind: "metadata"; key: string })[] = [];
  const seen = new Map<string, number>();
  header.forEach((raw, i) => {
    const norm = normalizeHeader(raw);
    if (norm === "") {
      result.errors.push(`header: column ${i + 1} has an empty name`);
    } else if (seen.has(norm)) {
      result.errors.push(
        `header: column "${raw.trim()}" appears twice (columns ${(seen.get(norm) || 0) + 1} and ${i + 1})`,
      );
    } else if (STANDALONE_ONLY.has(norm)) {
      result.errors.push(
        `header: column "${raw.trim()}" belongs to the standalone-voucher import format; the campaign import would ` +
          "store it as metadata. Declare redemption limits and additional info in the inline `vouchers` list, or " +
          "rename the column if it is meant as metadata",
      );
    }
    seen.set(norm, i);
    const known = KNOWN_HEADERS[norm];
    if (known !== undefined) {
      columns.push({ kind: "known", key: known });
    } else {
      columns.push({ kind: "metadata", key: raw.trim() });
      if (norm !== "" && !STANDALONE_ONLY.has(norm)) result.metadataColumns.push(raw.trim());
    }
  });
  const codeIndex = seen.get("code");
  if (codeIndex === undefined) {
    result.errors.unshift(`header: the required column "Code" is missing (found: ${header.join(", ")})`);
  }
  if (result.errors.length > 0) return result;

  const firstRowOfCode = new Map<string, number>();
  for (let r = 1; r < records.length; r++) {
    if (result.errors.length >= MAX_ERRORS) {
      result.errors.push("… further rows not checked");
      break;
    }
    const record = records[r] as string[];
    const row = r;
    const fail = (msg: string) => result.errors.push(`row ${row}: ${msg}`);
    if (record.length !== header.length) {
      fail(`has ${record.length} columns, the header has ${header.length}`);
      continue;
    }
    const item: Record<string, unknown> = {};
    let metadata: Record<string, string> | undefined;
    let ok = true;
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      const rawValue = record[c] as string;
      const value = rawValue.trim();
      if (col.kind === "metadata") {
        if (rawValue !== "") {
          if (metadata === undefined) metadata = {};
          metadata[col.key] = rawValue;
        }
        continue;
      }
      if (value === "") {
        if (col.key === "code") {
          fail('"Code" is empty');
          ok = false;
        }
        continue;
      }
      switch (col.key) {
        case "code":
          if (/\s/.test(value)) {
            fail(`code "${value}" contains whitespace`);
            ok = false;
          }
          item.code = value;
          break;
        case "category":
          item.category = value;
          break;
        case "active": {
          const v = value.toLowerCase();
          if (v === "true") item.active = true;
          else if (v === "false") item.active = false;
          else {
            fail(`"Active" must be true or false, got "${value}"`);
            ok = false;
          }
          break;
        }
        case "giftAmount":
        case "loyaltyPoints":
        case "redeemedQuantity":
        case "redeemedAmount":
          if (!INTEGER_PATTERN.test(value)) {
            fail(
              `"${HEADER_NAMES[col.key]}" must be a non-negative integer (minor units for amounts), got "${value}"`,
            );
            ok = false;
          } else {
            item[col.key] = Number(value);
          }
          break;
        case "startDate":
        case "expirationDate":
          if (
            !DATE_PATTERN.test(value) ||
            Number.isNaN(Date.parse(value.length === 13 ? `${value}:00` : value))
          ) {
            fail(
              `"${HEADER_NAMES[col.key]}" must be an ISO-8601 date (YYYY-MM-DD[THH:mm:ss.SSSZ]), got "${value}"`,
            );
            ok = false;
          } else {
            item[col.key] = value;
          }
          break;
      }
    }
    const code = item.code;
    if (typeof code === "string") {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) {
        fail(`code "${code}" already appears in row ${first}`);
        continue;
      }
      firstRowOfCode.set(code, row);
    }
    if (!ok) continue;
    if (metadata !== undefined) item.metadata = metadata;
    result.items.push(item as CsvVoucherItem);
    result.rowNumbers.push(row);
  }
  return result;
}

function csvField(value: string): string {
  if (/[",\r\n]/.test(value) || value !== value.trim()) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}

function metadataText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

const WRITE_ORDER: Known[] = [
  "code",
  "category",
  "active",
  "giftAmount",
  "loyaltyPoints",
  "redeemedQuantity",
  "redeemedAmount",
  "startDate",
  "expirationDate",
];

/**
 * Writes items as a campaign-import CSV (CRLF line ends, RFC 4180 quoting). Only columns some item uses are
 * written; metadata keys become columns after the attributes, in first-seen order. Attributes the CSV format
 * cannot carry (redemption, additionalInfo) must not be present: the caller imports such items as JSON.
 */
export function writeVoucherCsv(items: readonly CsvVoucherItem[]): string {
  const used = new Set<Known>(["code"]);
  const metaKeys: string[] = [];
  const metaSeen = new Set<string>();
  for (const item of items) {
    for (const key of WRITE_ORDER) {
      if (item[key] !== undefined) used.add(key);
    }
    if (item.redemption !== undefined || item.additionalInfo !== undefined) {
      throw new Error(`voucher ${item.code}: redemption and additionalInfo cannot be imported through CSV`);
    }
    if (item.metadata !== undefined) {
      for (const k of Object.keys(item.metadata)) {
        if (!metaSeen.has(k)) {
          metaSeen.add(k);
          metaKeys.push(k);
        }
      }
    }
  }
  const attrs = WRITE_ORDER.filter((k) => used.has(k));
  const lines: string[] = [[...attrs.map((k) => HEADER_NAMES[k]), ...metaKeys].map(csvField).join(",")];
  for (const item of items) {
    const cells: string[] = [];
    for (const k of attrs) {
      const v = item[k];
      cells.push(v === undefined ? "" : csvField(String(v)));
    }
    for (const k of metaKeys) {
      const v = item.metadata === undefined ? undefined : item.metadata[k];
      cells.push(v === undefined || v === null ? "" : csvField(metadataText(v)));
    }
    lines.push(cells.join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** Splits CSV rows so each generated file (header + rows, CRLF) stays within maxBytes; order preserved. */
export function chunkCsvRows(rows: readonly CsvVoucherItem[], maxBytes: number): CsvVoucherItem[][] {
  // Column set may differ per chunk; measure with the full header (an upper bound) plus each row's line.
  const header = Buffer.byteLength(writeVoucherCsv([]), "utf8");
  const full = writeVoucherCsv(rows);
  const lines = full.split("\r\n");
  const headerBytes = Math.max(header, Buffer.byteLength(lines[0] || "", "utf8") + 2);
  const chunks: CsvVoucherItem[][] = [];
  let current: CsvVoucherItem[] = [];
  let bytes = headerBytes;
  rows.forEach((row, i) => {
    // Rows never contain a raw CRLF outside quotes, but quoted values may; fall back to writing the row alone.
    const line = lines[i + 1];
    const size =
      line !== undefined && lines.length === rows.length + 2
        ? Buffer.byteLength(line, "utf8") + 2
        : Buffer.byteLength(writeVoucherCsv([row]), "utf8");
    if (headerBytes + size > maxBytes) {
      throw new Error(`voucher ${row.code}: its CSV row alone exceeds the ${maxBytes}-byte import limit`);
    }
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = headerBytes;
    }
    current.push(row);
    bytes += size;
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}
