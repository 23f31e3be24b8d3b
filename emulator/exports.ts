// Voucher exports (POST /v1/exports, documentation/openapi/exports.json and documentation/guides/csv-export.mdx):
// which vouchers an export selects (parameters.campaign_id, filters, order), the CSV it writes (one column per
// requested field, the vendor's headers), its status on the emulator's async clock and its JSON rendering.
// The file is written once, when the export is DONE, like the vendor's single generated file.
import { compileFilters, type FilterSource, filtersFromBody } from "./conditions";
import type { Core } from "./core";
import { invalidPayload, notFound } from "./errors";
import { orderComparator } from "./paging";
import type { ExportRec, Store, VoucherRec } from "./store";
import { isPlainObject, type Json } from "./validate";
import { findAssignments } from "./validation-rules";

/** ExportVoucherFields. */
export const VOUCHER_FIELDS = [
  "code",
  "voucher_type",
  "value",
  "formula",
  "discount_type",
  "campaign",
  "category",
  "start_date",
  "expiration_date",
  "gift_balance",
  "loyalty_balance",
  "redemption_quantity",
  "redemption_count",
  "active",
  "qr_code",
  "bar_code",
  "metadata",
  "id",
  "is_referral_code",
  "created_at",
  "updated_at",
  "validity_timeframe_interval",
  "validity_timeframe_duration",
  "validity_day_of_week",
  "discount_amount_limit",
  "campaign_id",
  "additional_info",
  "customer_id",
  "discount_effect",
  "discount_unit_type",
  "discount_unit_effect",
  "validation_rules_id",
  "customer_source_id",
] as const;
type VoucherField = (typeof VOUCHER_FIELDS)[number];

/** "If you only specify the object type … voucher: code, voucher_type, value, discount_type" (create-export). */
const DEFAULT_FIELDS: VoucherField[] = ["code", "voucher_type", "value", "discount_type"];

/** ExportVoucherOrder. */
export const VOUCHER_ORDERS = ["-created_at", "created_at", "-updated_at", "updated_at", "-code", "code"];

/** The exported objects the vendor accepts (400 example of create-export); only vouchers are emulated. */
export const EXPORTED_OBJECTS = [
  "voucher",
  "redemption",
  "customer",
  "publication",
  "order",
  "points_expiration",
  "voucher_transactions",
];

export function isVoucherField(field: string): field is VoucherField {
  return (VOUCHER_FIELDS as readonly string[]).includes(field);
}

/** "ID", "Code", "Voucher Type", "Value" as in the vendor's download example; the other headers follow suit. */
export function columnHeader(field: string): string {
  return field
    .split("_")
    .map((word) =>
      word === "id" || word === "qr" ? word.toUpperCase() : word[0]!.toUpperCase() + word.slice(1),
    )
    .join(" ");
}

function json(value: unknown): Json {
  return isPlainObject(value) ? value : {};
}

/** Money in minor units shown with two decimals ("2000.00" in the vendor's download example). */
function money(value: unknown): string {
  return typeof value === "number" ? (value / 100).toFixed(2) : "";
}

function voucherValue(d: Json): string {
  if (d.type === "GIFT_VOUCHER") return money(json(d.gift).balance);
  if (d.type === "LOYALTY_CARD") return String(json(d.loyalty_card).balance ?? "");
  const discount = json(d.discount);
  switch (discount.type) {
    case "AMOUNT":
      return money(discount.amount_off);
    case "FIXED":
      return money(discount.fixed_amount);
    case "PERCENT":
      return String(discount.percent_off ?? "");
    case "UNIT":
      return String(discount.unit_off ?? "");
    default:
      return "";
  }
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function fieldValue(store: Store, v: VoucherRec, field: VoucherField): unknown {
  const d = v.data;
  const discount = json(d.discount);
  const code = encodeURIComponent(String(d.code));
  switch (field) {
    case "voucher_type":
      return d.type;
    case "value":
      return voucherValue(d);
    case "formula":
      return discount.amount_off_formula ?? discount.percent_off_formula ?? discount.unit_off_formula;
    case "discount_type":
      return discount.type;
    case "campaign":
      return typeof d.campaign_id === "string" ? store.campaigns.get(d.campaign_id)?.data.name : undefined;
    case "gift_balance":
      return json(d.gift).balance;
    case "loyalty_balance":
      return json(d.loyalty_card).balance;
    case "redemption_quantity":
      return json(d.redemption).quantity;
    case "redemption_count":
      return json(d.redemption).redeemed_quantity;
    case "qr_code":
      return `https://dl.voucherify.io/api/v1/assets/qr/${code}`;
    case "bar_code":
      return `https://dl.voucherify.io/api/v1/assets/barcode/${code}`;
    case "validity_timeframe_interval":
      return json(d.validity_timeframe).interval;
    case "validity_timeframe_duration":
      return json(d.validity_timeframe).duration;
    case "validity_day_of_week":
      return Array.isArray(d.validity_day_of_week) ? d.validity_day_of_week.join(",") : undefined;
    case "discount_amount_limit":
      return discount.amount_limit;
    case "discount_effect":
      return discount.effect;
    case "discount_unit_type":
      return discount.unit_type;
    case "discount_unit_effect":
      return discount.type === "UNIT" ? discount.effect : undefined;
    case "validation_rules_id":
      return typeof d.campaign_id === "string"
        ? findAssignments(store, { relatedId: d.campaign_id })
            .map((a) => a.rule_id)
            .join(",")
        : undefined;
    case "customer_id":
    case "customer_source_id":
      return undefined; // no voucher has a holder: the admin publications name customers the emulator lacks
    default:
      return d[field];
  }
}

/** RFC 4180 quoting: a cell with a comma, quote or line break is quoted, quotes doubled. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** What a voucher is compared by, per filter key (ExportVoucherFilters; `metadata.<key>` as documented). */
function filterAccessor(store: Store, key: string): ((v: VoucherRec) => unknown) | undefined {
  if (key.startsWith("metadata.")) {
    const name = key.slice("metadata.".length);
    return (v) => json(v.data.metadata)[name];
  }
  switch (key) {
    case "campaign_id":
    case "code":
    case "active":
    case "created_at":
    case "updated_at":
    case "start_date":
    case "expiration_date":
    case "is_referral_code":
      return (v) => v.data[key];
    case "campaign":
      return (v) => fieldValue(store, v, "campaign");
    case "category":
    case "categories":
      return (v) => v.data.category;
    case "category_ids":
      return (v) => v.data.category_id;
    default:
      return undefined;
  }
}

export const FILTER_KEYS = [
  "junction",
  "campaign_id",
  "campaign",
  "code",
  "active",
  "created_at",
  "updated_at",
  "start_date",
  "expiration_date",
  "is_referral_code",
  "category",
  "categories",
  "category_ids",
  "metadata.<key>",
];

const EXPORT_FILTERS: FilterSource = { path: ".parameters.filters", refuse: invalidPayload };

/** Compiles `parameters.filters`; an unknown key or condition is a 400 (checked when the export is created). */
export function exportFilter(store: Store, filters: unknown): (v: VoucherRec) => boolean {
  return compileFilters(
    filtersFromBody(filters, EXPORT_FILTERS),
    (key) => {
      const value = filterAccessor(store, key);
      if (!value) {
        throw invalidPayload(
          `Filter ${EXPORT_FILTERS.path}.${key} is not supported by the emulator; supported: ${FILTER_KEYS.join(", ")}`,
        );
      }
      return { value };
    },
    EXPORT_FILTERS,
  );
}

/** The live vouchers an export selects, in its order (default newest first, as the vendor's examples echo). */
export function selectVouchers(store: Store, parameters: Json): VoucherRec[] {
  const campaignId = typeof parameters.campaign_id === "string" ? parameters.campaign_id : undefined;
  const accepts = exportFilter(store, parameters.filters);
  const source = campaignId
    ? (store.campaignVouchers.get(campaignId)?.values() ?? [])
    : store.vouchers.values();
  const selected: VoucherRec[] = [];
  for (const v of source) if (v.state === "live" && accepts(v)) selected.push(v);
  const order =
    typeof parameters.order === "string" && parameters.order !== "" ? parameters.order : "-created_at";
  return selected.sort(orderComparator(order, (v, field) => v.data[field]));
}

export function exportFields(parameters: Json): VoucherField[] {
  const fields = Array.isArray(parameters.fields) ? parameters.fields.map(String) : [];
  return fields.length > 0 ? fields.filter(isVoucherField) : DEFAULT_FIELDS;
}

export function buildCsv(store: Store, parameters: Json): string {
  const fields = exportFields(parameters);
  const lines = [fields.map((f) => csvCell(columnHeader(f))).join(",")];
  for (const v of selectVouchers(store, parameters)) {
    lines.push(fields.map((f) => csvCell(cell(fieldValue(store, v, f)))).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** `campaign_id` (ExportVoucherBase.parameters) must name a campaign: checked at create. */
export function checkExportCampaign(store: Store, parameters: Json): void {
  const id = parameters.campaign_id;
  if (typeof id === "string" && store.findCampaign(id)?.data.id !== id) throw notFound("campaign", id);
}

/** SCHEDULED → IN_PROGRESS after half the async delay → DONE (file written) after the full delay. */
export function scheduleExport(core: Core, rec: ExportRec): void {
  const half = Math.floor(core.config.asyncDelayMs / 2);
  const live = () => core.store.exports.get(rec.id) === rec;
  const finish = () => {
    if (!live()) return;
    rec.csv = buildCsv(core.store, rec.parameters);
    rec.status = "DONE";
    core.onChange();
  };
  if (rec.status === "SCHEDULED") {
    core.scheduler.after(half, () => {
      if (!live()) return;
      rec.status = "IN_PROGRESS";
      core.onChange();
      core.scheduler.after(core.config.asyncDelayMs - half, finish);
    });
  } else if (rec.status === "IN_PROGRESS") {
    core.scheduler.after(core.config.asyncDelayMs - half, finish);
  }
}

export function downloadUrl(rec: ExportRec): string {
  return `${rec.origin}/v1/exports/${encodeURIComponent(rec.id)}?token=${encodeURIComponent(rec.token)}`;
}

export function renderExport(rec: ExportRec): Json {
  return {
    id: rec.id,
    object: "export",
    created_at: rec.created_at,
    status: rec.status,
    channel: "API",
    exported_object: "voucher",
    parameters: rec.parameters,
    result: rec.status === "DONE" ? { url: downloadUrl(rec) } : null,
    user_id: null,
  };
}
