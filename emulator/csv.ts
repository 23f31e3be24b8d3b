// CSV import into a campaign (POST /v1/campaigns/{id}/importCSV): the multipart part `file`, the
// documented headers (Code, Category, Active, Redeemed Quantity, Redeemed Amount, Gift Amount,
// Loyalty Points, plus Start Date / Expiration Date from the dashboard docs), matched without
// regard to case; every other column becomes a metadata property named after its header.

import type { IncomingHttpHeaders } from "node:http";
import busboy from "busboy";
import { parse } from "csv-parse/sync";
import { invalidPayload } from "./errors";
import type { VoucherOverrides } from "./model";
import type { ImportEntry, Store } from "./store";
import { isDateString, type Json, toIsoDate } from "./validate";

const MISSING_FILE = "Payload should have required property 'file'";

export function readMultipartFile(headers: IncomingHttpHeaders, raw: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers, limits: { files: 5 } });
    } catch {
      reject(invalidPayload(MISSING_FILE));
      return;
    }
    let file: Buffer | undefined;
    parser.on("file", (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (name === "file") chunks.push(chunk);
      });
      stream.on("end", () => {
        if (name === "file" && file === undefined) file = Buffer.concat(chunks);
      });
    });
    parser.on("error", (error: unknown) =>
      reject(invalidPayload(`Malformed multipart body: ${String(error)}`)),
    );
    parser.on("close", () => (file === undefined ? reject(invalidPayload(MISSING_FILE)) : resolve(file)));
    parser.end(raw);
  });
}

const KNOWN = new Set([
  "code",
  "category",
  "active",
  "redeemed quantity",
  "redeemed amount",
  "gift amount",
  "loyalty points",
  "start date",
  "expiration date",
]);

/** The integer columns: the field their errors name, the override they set, the only campaign type allowing them. */
const INT_COLUMNS: Record<
  "redeemed quantity" | "redeemed amount" | "gift amount" | "loyalty points",
  {
    field: string;
    key: "redeemedQuantity" | "redeemedAmount" | "giftAmount" | "loyaltyPoints";
    only?: string;
  }
> = {
  "redeemed quantity": { field: "redeemed_quantity", key: "redeemedQuantity" },
  "redeemed amount": { field: "redeemed_amount", key: "redeemedAmount" },
  "gift amount": { field: "gift_amount", key: "giftAmount", only: "GIFT_VOUCHERS" },
  "loyalty points": { field: "loyalty_points", key: "loyaltyPoints", only: "LOYALTY_PROGRAM" },
};

function nonNegativeInt(value: string): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

export function csvEntries(text: string, campaignType: string, store: Store): ImportEntry[] {
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as string[][];
  } catch (error) {
    throw invalidPayload(`CSV file could not be parsed: ${(error as Error).message}`);
  }
  const header = rows[0];
  if (!header) throw invalidPayload("CSV file is empty; the first line must hold the headers");
  const names = header.map((h) => h.trim().toLowerCase().replace(/\s+/g, " "));
  const codeColumn = names.indexOf("code");
  if (codeColumn < 0) throw invalidPayload("CSV file has no 'Code' column");
  const entries: ImportEntry[] = [];
  rows.slice(1).forEach((cells, index) => {
    const row = index + 1;
    const code = (cells[codeColumn] ?? "").trim();
    const errors: string[] = [];
    const o: VoucherOverrides = {};
    const metadata: Json = {};
    names.forEach((name, col) => {
      const value = (cells[col] ?? "").trim();
      if (value === "" || col === codeColumn) return;
      switch (name) {
        case "category":
          if (store.categories.has(value)) o.categoryId = value;
          else o.category = value;
          break;
        case "active":
          if (/^(true|false)$/i.test(value)) o.active = value.toLowerCase() === "true";
          else errors.push(`active: must be true or false (actual value is '${value}')`);
          break;
        case "redeemed quantity":
        case "redeemed amount":
        case "gift amount":
        case "loyalty points": {
          const column = INT_COLUMNS[name];
          const n = nonNegativeInt(value);
          if (column.only !== undefined && campaignType !== column.only)
            errors.push(`${column.field}: not allowed for ${campaignType} campaign`);
          else if (n === undefined)
            errors.push(`${column.field}: must be a non-negative integer (actual value is '${value}')`);
          else o[column.key] = n;
          break;
        }
        case "start date":
        case "expiration date": {
          const field = name === "start date" ? "start_date" : "expiration_date";
          if (!isDateString(value))
            errors.push(`${field}: must be a date in ISO-8601 format (actual value is '${value}')`);
          else if (field === "start_date") o.startDate = toIsoDate(value);
          else o.expirationDate = toIsoDate(value);
          break;
        }
        default:
          if (!KNOWN.has(name)) metadata[header[col]!.trim()] = value;
      }
    });
    if (Object.keys(metadata).length > 0) o.metadata = metadata;
    if (code === "") errors.unshift("code: property is required");
    if (o.startDate && o.expirationDate && o.expirationDate < o.startDate) {
      errors.push("expiration_date: must be later than start_date");
    }
    entries.push(
      errors.length > 0
        ? { code, row, error: errors.join("; ") }
        : { code, row, overrides: o as unknown as Json },
    );
  });
  return entries;
}
