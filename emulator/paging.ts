// `limit` + `page` lists in the `{object: "list", data_ref, …, total}` envelope and `order` by one field, as
// the list operations take them. Ties keep creation order, so pages are stable.
import { invalidQueryParams } from "./errors";
import type { Reply } from "./router";
import { intQuery, type Json } from "./validate";

export interface Ordered {
  seq: number;
}

/** The `order` parameter (a field name, "-" for descending), which must be one of `allowed`; else `fallback`. */
export function orderQuery(query: URLSearchParams, allowed: readonly string[], fallback: string): string {
  const order = query.get("order") ?? fallback;
  if (!allowed.includes(order)) {
    throw invalidQueryParams(`Property .order should be equal to one of ${allowed.join(",")}`);
  }
  return order;
}

/** Sorts by the `order` parameter (see `orderQuery`), the field read through `fieldOf`. */
export function sortByOrder<T extends Ordered>(
  items: T[],
  query: URLSearchParams,
  allowed: readonly string[],
  fallback: string,
  fieldOf: (item: T, field: string) => unknown,
): T[] {
  return [...items].sort(orderComparator(orderQuery(query, allowed, fallback), fieldOf));
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

/** Which page of a list a request asks for: `limit` 1..100 (default 10), `page` 1..`maxPage` (default 1). */
export interface PageQuery {
  limit: number;
  page: number;
}

/** ParameterLimit and ParameterPage (1..100) or, where an operation documents it, ParameterPage99. */
export function pageQuery(query: URLSearchParams, maxPage = 100): PageQuery {
  return { limit: intQuery(query, "limit", 1, 100, 10), page: intQuery(query, "page", 1, maxPage, 1) };
}

/** 200 with the selected page of `items` in the `{object: "list", data_ref, [data_ref]: […], total}` envelope. */
export function listReply<T>(page: PageQuery, dataRef: string, items: T[], render: (item: T) => Json): Reply {
  const selected = items.slice((page.page - 1) * page.limit, page.page * page.limit);
  return {
    status: 200,
    body: { object: "list", data_ref: dataRef, [dataRef]: selected.map(render), total: items.length },
  };
}
