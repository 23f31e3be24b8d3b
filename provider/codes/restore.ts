// After a campaign PUT rewrote inherited fields on the campaign's codes (./reapply.ts says which), the codes that
// declare their own value for such a field get it back: inline codes, and the CSV file's rows when the file itself
// is not being reconciled in this sync (a reconciled file's rows are compared with the listing anyway).
import { waitForCampaignReady } from "../client/async-actions";
import { readCampaignVouchers } from "../client/vouchers";
import type { VoucherItem } from "../schema/vouchers";
import type { CodeCalls } from "./calls";
import { loadVoucherCsv } from "./check";
import { forEachConcurrently } from "./concurrency";
import type { CodeSyncContext } from "./context";
import type { CodeUpdate } from "./plan";
import { type Rewritten, reachedByRewrite, restoreDeclared, withCurrentMetadata } from "./reapply";
import { registerCsvCodes } from "./secrecy";
import { codeWaitOptions } from "./waiting";

export async function restoreRewritten(
  ctx: CodeSyncContext,
  rewritten: Rewritten,
  calls: CodeCalls,
  inputs: Record<string, unknown>,
  inline: Iterable<VoucherItem>,
  csvPath: string | undefined,
): Promise<void> {
  let restores: CodeUpdate[] = [];
  for (const item of inline) {
    const own = restoreDeclared(item, rewritten);
    if (own !== undefined) restores.push(own);
  }
  if (csvPath !== undefined) {
    const loaded = loadVoucherCsv(csvPath, { readFile: ctx.readFile });
    if (!("error" in loaded)) {
      registerCsvCodes(ctx.secrets, inputs, loaded.parsed.items, loaded.parsed.rowNumbers);
      for (const row of loaded.parsed.items) {
        const own = restoreDeclared(row, rewritten);
        if (own !== undefined) restores.push(own);
      }
    }
  }
  if (restores.length === 0) return;
  // The rewrite runs as the campaign's async update (MODIFYING): wait for it, or it could undo these.
  await waitForCampaignReady(ctx.http, ctx.campaignId, codeWaitOptions(ctx));
  // Published and redeemed codes were never rewritten: one fresh listing (100 codes a page) spares their PUTs,
  // and tells what the others hold now, so a metadata restore keeps the keys they inherited.
  const listing = await readCampaignVouchers(ctx.http, ctx.campaignId, codeWaitOptions(ctx)).catch(
    () => undefined,
  );
  if (listing !== undefined) {
    const held = new Map(listing.map((v) => [v.code, v]));
    restores = restores
      .filter((u) => reachedByRewrite(held.get(u.code)))
      .map((u) => withCurrentMetadata(u, held.get(u.code)));
  }
  if (restores.length === 0) return;
  ctx.log(`putting back the declared values of ${restores.length} code(s) the campaign update rewrote`);
  await forEachConcurrently(restores, async (u) => {
    await calls.update(u);
  });
}
