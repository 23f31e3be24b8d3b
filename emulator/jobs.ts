// Async actions: ENQUEUED when created, IN_PROGRESS (about half the work done, progress ~50) after
// asyncDelayMs/2, DONE or FAILED with the documented `result` after asyncDelayMs. The work itself
// (generate, import, update, delete vouchers) happens in those two slices, so vouchers_count
// visibly grows while an action runs. An injected failure (POST /_emulator/async-failures) applies
// the first `processed` items (default none), then ends FAILED.
import { metadataResult, metadataSlice } from "./bulk-metadata";
import { generateCode, normalizeCodeConfig } from "./codes";
import type { Core } from "./core";
import { buildVoucher, type VoucherOverrides } from "./model";
import type { AsyncActionRec, AsyncActionType, CampaignRec, JobSpec } from "./store";
import { type Json, sameJson } from "./validate";

export function startAsyncAction(
  core: Core,
  type: AsyncActionType,
  job: JobSpec,
  requestId: string,
): AsyncActionRec {
  const now = core.now();
  const processedBeforeFailure = core.takeAsyncFailure(type);
  const rec: AsyncActionRec = {
    seq: core.store.nextSeq(),
    id: core.ids.asyncAction(),
    type,
    status: "ENQUEUED",
    progress: 0,
    created_at: now,
    updated_at: now,
    request_id: requestId,
    job,
    cursor: 0,
    doneCount: 0,
    failed: [],
    injectedFailure: processedBeforeFailure !== undefined,
  };
  if (processedBeforeFailure) rec.processedBeforeFailure = processedBeforeFailure;
  core.store.addAsyncAction(rec);
  enqueueAsyncAction(core, rec);
  return rec;
}

/**
 * --job-order fifo (default): an action starts once every action placed before it has ended. Documented for bulk
 * updates (openapi/vouchers.json: "processed when every other bulk request placed in the queue prior to this
 * request is finished"); assumed for the other async actions, which share the queue. `parallel`: each starts at once.
 * Also used after loading a state file, in creation order.
 */
export function enqueueAsyncAction(core: Core, rec: AsyncActionRec): void {
  if (core.config.jobOrder === "parallel") {
    scheduleAsyncAction(core, rec);
    return;
  }
  core.jobQueue.push(rec);
  if (core.jobQueue.length === 1) scheduleAsyncAction(core, rec);
}

/** The action left the queue (ended, or dropped by a reset): start the next one. */
function dequeue(core: Core, rec: AsyncActionRec): void {
  const at = core.jobQueue.indexOf(rec);
  if (at < 0) return;
  core.jobQueue.splice(at, 1);
  const next = core.jobQueue[0];
  if (at === 0 && next) scheduleAsyncAction(core, next);
}

/** (Re)arms the timers of an unfinished action; also used after loading a state file. */
export function scheduleAsyncAction(core: Core, rec: AsyncActionRec): void {
  const half = Math.floor(core.config.asyncDelayMs / 2);
  const rest = core.config.asyncDelayMs - half;
  if (rec.status === "ENQUEUED") {
    core.scheduler.after(half, () => {
      if (core.store.asyncActions.get(rec.id) !== rec) {
        dequeue(core, rec);
        return;
      }
      rec.status = "IN_PROGRESS";
      runSlice(core, rec, Math.min(Math.ceil(total(rec.job) / 2), itemsToApply(rec)));
      rec.progress = progressOf(rec);
      rec.updated_at = core.now();
      core.onChange();
      core.scheduler.after(rest, () => finish(core, rec));
    });
  } else if (rec.status === "IN_PROGRESS") {
    core.scheduler.after(rest, () => finish(core, rec));
  }
}

function finish(core: Core, rec: AsyncActionRec): void {
  if (core.store.asyncActions.get(rec.id) !== rec) {
    dequeue(core, rec);
    return;
  }
  const now = core.now();
  if (rec.injectedFailure) {
    runSlice(core, rec, itemsToApply(rec));
    rec.status = "FAILED";
    rec.result = failedResult(rec);
    onFailed(core, rec);
  } else {
    runSlice(core, rec, total(rec.job));
    rec.status = "DONE";
    rec.result = doneResult(rec);
    onDone(core, rec);
  }
  rec.progress = 100;
  rec.updated_at = now;
  rec.processing_time = Math.max(0, Date.parse(now) - Date.parse(rec.created_at));
  dequeue(core, rec);
  core.onChange();
}

/** All items, or with an injected failure the first `processed` ones (POST /_emulator/async-failures). */
function itemsToApply(rec: AsyncActionRec): number {
  return rec.injectedFailure ? (rec.processedBeforeFailure ?? 0) : Number.POSITIVE_INFINITY;
}

function total(job: JobSpec): number {
  switch (job.kind) {
    case "generate":
      return job.count;
    case "import":
      return job.entries.length;
    case "delete":
    case "update":
      return job.codes.length;
    case "metadata":
      return job.entries.length;
  }
}

function progressOf(rec: AsyncActionRec): number {
  const n = total(rec.job);
  return n === 0 ? 0 : Math.min(99, Math.floor((rec.cursor / n) * 100));
}

function liveCampaign(core: Core, id: string): CampaignRec | undefined {
  const rec = core.store.campaigns.get(id);
  return rec && rec.state === "live" ? rec : undefined;
}

function runSlice(core: Core, rec: AsyncActionRec, upTo: number): void {
  const job = rec.job;
  const end = Math.min(upTo, total(job));
  switch (job.kind) {
    case "generate":
      generateSlice(core, rec, job, end);
      break;
    case "import":
      importSlice(core, rec, job, end);
      break;
    case "delete":
      deleteSlice(core, rec, job, end);
      break;
    case "update":
      updateSlice(core, rec, job, end);
      break;
    case "metadata":
      metadataSlice(core, rec, job, end);
      break;
  }
}

function generateSlice(
  core: Core,
  rec: AsyncActionRec,
  job: Extract<JobSpec, { kind: "generate" }>,
  end: number,
) {
  const campaign = liveCampaign(core, job.campaignId);
  const config = normalizeCodeConfig(job.codeConfig, core.config.defaultCharset);
  // Counted once per slice: recounting per code made large jobs quadratic (100,000 codes took a minute).
  let capacity = campaign ? core.store.capacityLeft(job.campaignId) : 0;
  for (; rec.cursor < end; rec.cursor++) {
    if (!campaign || typeof config === "string" || capacity <= 0) continue;
    const code = generateCode(config, core.random, (c) => core.store.codeTaken(c));
    if (code === undefined) continue;
    core.store.addVoucher(
      buildVoucher(
        core.store,
        core.ids,
        campaign,
        code,
        job.overrides as VoucherOverrides,
        core.voucherTimestamp(),
      ),
    );
    capacity--;
    rec.doneCount++;
  }
}

function importSlice(
  core: Core,
  rec: AsyncActionRec,
  job: Extract<JobSpec, { kind: "import" }>,
  end: number,
) {
  const campaign = liveCampaign(core, job.campaignId);
  // Counted once per slice (see generateSlice).
  let capacity = campaign ? core.store.capacityLeft(job.campaignId) : 0;
  for (; rec.cursor < end; rec.cursor++) {
    const entry = job.entries[rec.cursor]!;
    const fail = (reason: string) => {
      const f: Json = { code: entry.code };
      if (entry.row !== undefined) f.row = entry.row;
      f.reason = reason;
      rec.failed.push(f);
    };
    if (entry.error) fail(entry.error);
    else if (!campaign) fail(`campaign ${job.campaignId} no longer exists`);
    else if (reimported(core, rec, job.campaignId, entry)) rec.doneCount++;
    else if (core.store.codeTaken(entry.code)) fail(`Duplicated voucher exists with id ${entry.code}`);
    else if (capacity <= 0) {
      fail(
        `campaign reached the limit of ${core.store.maxCodesPerCampaign} vouchers; import stopped at the remaining capacity`,
      );
    } else {
      const overrides = { ...((entry.overrides ?? {}) as VoucherOverrides) };
      // build/discount-code-import.mdx: "If the campaign is Expired and the `active` field is omitted, imported
      // coupons are set to `FALSE`."
      if (overrides.active === undefined && isExpired(campaign.data)) overrides.active = false;
      core.store.addVoucher(
        buildVoucher(core.store, core.ids, campaign, entry.code, overrides, core.voucherTimestamp()),
      );
      capacity--;
      rec.doneCount++;
    }
  }
}

/**
 * --reimport update (default): a CSV row naming a code the campaign already holds updates that code's active status
 * and category and nothing else (snippets/code-import-callout.mdx: "When importing existing incentives ... into a
 * campaign, only two fields can be updated: the active status (true/false) and the category. All other attributes
 * remain unchanged"; build/referral-code-import.mdx: "You can re-import existing referral codes to update them").
 * `fail`: the row fails as a duplicate, like a code of another campaign always does. The JSON import refuses
 * existing codes up front (400 duplicate_key) either way.
 */
function reimported(core: Core, rec: AsyncActionRec, campaignId: string, entry: ImportEntryLike): boolean {
  if (rec.type !== "CAMPAIGN.VOUCHERS_IMPORT_CSV" || core.config.reimport !== "update") return false;
  const v = core.store.vouchers.get(entry.code);
  if (v?.state !== "live" || v.data.campaign_id !== campaignId) return false;
  const o = (entry.overrides ?? {}) as VoucherOverrides;
  if (o.active !== undefined) v.data.active = o.active;
  const category = o.categoryId
    ? core.store.categories.get(o.categoryId)
    : o.category
      ? (core.store.findCategory(o.category) ?? core.store.ensureCategory(o.category, core.now()))
      : undefined;
  if (category) {
    v.data.category_id = category.id;
    v.data.category = category.name;
  }
  v.data.updated_at = core.now();
  return true;
}

type ImportEntryLike = Extract<JobSpec, { kind: "import" }>["entries"][number];

function isExpired(campaign: Json): boolean {
  const end =
    typeof campaign.expiration_date === "string" ? Date.parse(campaign.expiration_date) : Number.NaN;
  return Number.isFinite(end) && end < Date.now();
}

function deleteSlice(
  core: Core,
  rec: AsyncActionRec,
  job: Extract<JobSpec, { kind: "delete" }>,
  end: number,
) {
  for (; rec.cursor < end; rec.cursor++) {
    const v = core.store.vouchers.get(job.codes[rec.cursor]!);
    if (!v) continue;
    core.store.deleteVoucher(v, job.force);
    rec.doneCount++;
  }
  if (rec.cursor >= job.codes.length && job.force) core.store.campaignVouchers.delete(job.campaignId);
}

/** Whether the campaign update still reaches this voucher (campaign-maintenance.mdx, "What you can change"). */
function isPublishedOrRedeemed(voucher: Json): boolean {
  const publish = (voucher.publish ?? {}) as Json;
  const redemption = (voucher.redemption ?? {}) as Json;
  return Number(publish.count ?? 0) > 0 || Number(redemption.redeemed_quantity ?? 0) > 0;
}

/**
 * CAMPAIGN.VOUCHERS_UPDATE over the campaign's vouchers at the time of the PUT. It reaches only vouchers not
 * published or redeemed: the PUT's description in openapi/campaigns.json says "It will affect all vouchers that
 * are not published or redeemed yet", and snippets/metadata-campaign.mdx says the same of metadata. On those:
 * - time limits and category the PUT carried, overriding per-voucher values (campaign-maintenance.mdx);
 * - metadata changes when the campaign uses the voucher metadata schema (documented);
 * - a new discount (and gift effect) only where the voucher still holds the campaign's previous one
 *   (undocumented, the emulator's long-standing assumption).
 */
function updateSlice(
  core: Core,
  rec: AsyncActionRec,
  job: Extract<JobSpec, { kind: "update" }>,
  end: number,
) {
  const now = core.now();
  for (; rec.cursor < end; rec.cursor++) {
    const v = core.store.vouchers.get(job.codes[rec.cursor]!);
    if (v?.state !== "live" || v.data.campaign_id !== job.campaignId) continue;
    if (isPublishedOrRedeemed(v.data)) continue;
    let changed = false;
    const set = (target: Json, field: string, value: unknown) => {
      if (sameJson(target[field], value)) return;
      target[field] = value ?? null;
      changed = true;
    };
    if (
      "discount" in job.next &&
      v.data.type === "DISCOUNT_VOUCHER" &&
      sameJson(v.data.discount, job.previous.discount)
    ) {
      set(v.data, "discount", job.next.discount);
    }
    if (typeof job.next.gift_effect === "string" && v.data.gift && typeof v.data.gift === "object") {
      set(v.data.gift as Json, "effect", job.next.gift_effect);
    }
    if (job.overwrite) {
      for (const [field, value] of Object.entries(job.overwrite)) set(v.data, field, value);
    }
    if (job.metadata) {
      const metadata: Json = { ...((v.data.metadata ?? {}) as Json), ...job.metadata.set };
      for (const key of job.metadata.unset) delete metadata[key];
      set(v.data, "metadata", metadata);
    }
    if (changed) {
      v.data.updated_at = now;
      rec.doneCount++;
    }
  }
}

function doneResult(rec: AsyncActionRec): Json {
  switch (rec.job.kind) {
    case "generate":
      return { message: `Generated ${rec.doneCount} vouchers.`, done_count: rec.doneCount };
    case "import":
      return {
        message: `${rec.doneCount} voucher(s) imported successfully, ${rec.failed.length} failed.`,
        failed: rec.failed,
        done_count: rec.doneCount,
        failed_count: rec.failed.length,
      };
    case "update":
      return { message: `Updated ${rec.doneCount} vouchers.`, done_count: rec.doneCount };
    case "delete":
      return { message: `Deleted ${rec.doneCount} vouchers.`, done_count: rec.doneCount };
    case "metadata":
      return metadataResult(rec, rec.failed.length);
  }
}

/** The result schema of the action's type (the spec has no separate one for failures), counting what was applied. */
function failedResult(rec: AsyncActionRec): Json {
  const items = total(rec.job);
  const message = `Async action failed after ${rec.cursor} of ${items} items (failure injected by the emulator).`;
  if (rec.job.kind === "import") {
    return { message, failed: rec.failed, done_count: rec.doneCount, failed_count: items - rec.doneCount };
  }
  if (rec.job.kind === "metadata") return { message, ...metadataResult(rec, items - rec.doneCount) };
  return { message, done_count: rec.doneCount };
}

/** Sets the campaign's creation and generation status (when the campaign still exists). */
function setCampaignStatus(core: Core, campaignId: string, status: "DONE" | "FAILED"): void {
  const campaign = core.store.campaigns.get(campaignId);
  if (campaign) {
    campaign.data.creation_status = status;
    campaign.data.vouchers_generation_status = status;
  }
}

function onDone(core: Core, rec: AsyncActionRec): void {
  const job = rec.job;
  if ((job.kind === "generate" && job.forCreate) || job.kind === "update") {
    setCampaignStatus(core, job.campaignId, "DONE");
  } else if (job.kind === "generate") addVouchersEnded(core, rec, job.campaignId);
}

/**
 * `--add-vouchers-status in-progress`: the campaign's generation status goes back to DONE once its last running
 * add-vouchers action ends, done or failed (a failed addition leaves the campaign's other codes usable; assumed).
 */
function addVouchersEnded(core: Core, rec: AsyncActionRec, campaignId: string): void {
  const campaign = core.store.campaigns.get(campaignId);
  if (!campaign || core.config.addVouchersStatus !== "in-progress") return;
  for (const other of core.store.asyncActions.values()) {
    const running = other.status === "ENQUEUED" || other.status === "IN_PROGRESS";
    if (other !== rec && running && other.job.kind === "generate" && other.job.campaignId === campaignId)
      return;
  }
  campaign.data.vouchers_generation_status = "DONE";
}

function onFailed(core: Core, rec: AsyncActionRec): void {
  const job = rec.job;
  if (job.kind === "generate" && job.forCreate) setCampaignStatus(core, job.campaignId, "FAILED");
  else if (job.kind === "generate") addVouchersEnded(core, rec, job.campaignId);
  else if (job.kind === "update") setCampaignStatus(core, job.campaignId, "DONE");
  // A failed delete leaves campaign and vouchers in place: the route only hides them when the
  // action is not going to fail (see routes/campaigns.ts).
}
