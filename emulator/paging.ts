// `limit` + `page` lists (ParameterLimit 1..100, ParameterPage 1..100) and `order` by one field, as the
// validation-rule and export lists take them. Ties keep creation order, so pages are stable.
import { invalidQueryParams } from "./errors";
import type { Reply } from "./router";
import { intQuery, type Json } from "./validate";

export interface Ordered {
  seq: number;
}

/** Sorts by `order` (a field name, "-" for descending) read through `fieldOf`; `order` must be one of `allowed`. */
export function sortByOrder<T extends Ordered>(
  items: T[],
  query: URLSearchParams,
  allowed: readonly string[],
  fallback: string,
  fieldOf: (item: T, field: string) => unknown,
): T[] {
  const order = query.get("order") ?? fallback;
  if (!allowed.includes(order)) {
    throw invalidQueryParams(`Property .order should be equal to one of ${allowed.join(",")}`);
  }
  return [...items].sort(orderComparator(order, fieldOf));
}

/** Compares by the field `order` names ("-" for descending); ties by creation order. */
export function orderComparator<T extends Ordered>(
  order: string,
  fieldOf: (item: T, field: string) => unknown,
): (a: T, b: T) => number {
  const field = order.replace("-", "");
  const direction = order.startsWith("-") ? -1 : 1;
  return (a, b) => {
    const av = String(fieldOf(a, field) ?? "");
    const bv = String(fieldOf(b, field) ?? "");
    return (av < bv ? -1 : av > bv ? 1 : a.seq - b.seq) * direction;
  };
}

/** The page of `items` that `limit` (default 10) and `page` (default 1) select. */
function pageOf<T>(items: T[], query: URLSearchParams): T[] {
  const limit = intQuery(query, "limit", 1, 100, 10);
  const page = intQuery(query, "page", 1, 100, 1);
  return items.slice((page - 1) * limit, page * limit);
}

/** 200 with the selected page of `items` in the `{object: "list", data_ref, [data_ref]: […], total}` envelope. */
export function listReply<T>(
  query: URLSearchParams,
  dataRef: string,
  items: T[],
  render: (item: T) => Json,
): Reply {
  return {
    status: 200,
    body: {
      object: "list",
      data_ref: dataRef,
      [dataRef]: pageOf(items, query).map(render),
      total: items.length,
    },
  };
}
