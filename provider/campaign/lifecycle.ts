/**
 * The Campaign resource's provider methods, as the shim (provider/shim.ts) calls them: configure, check, diff,
 * create, read, update, delete.
 *
 * This module is NOT serialized into the stack: the shim requires it lazily from the installed package, so the
 * connection settings `configure` receives live in a module variable (./runtime.ts), in the provider process only.
 *
 * Facts about the Node SDK's dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, 3.276) this relies on:
 * - `configure(req)` runs once per provider process; `req.config.get("voucherify:secretKey")` returns the
 *   decrypted value of a secret stack setting.
 * - An error thrown by create/update with `id`, `properties` and `reasons` becomes ErrorResourceInitFailed:
 *   the engine records the resource with those properties as outputs and shows ONLY the `reasons` to the user;
 *   the next `up` calls update (even when diff finds no change). The host does not add `__provider` to those
 *   properties, so the state recorder does, or a later refresh/destroy could not load the provider.
 * - Results go through `Struct.fromJavaScript`, which throws on `undefined` anywhere, so every result is
 *   converted to plain JSON first (after a create that would otherwise orphan the campaign).
 * - Read returning an empty id means "gone"; on replace, the engine calls check again with no olds, so the
 *   autoname is regenerated for the replacement.
 *
 * Inline codes travel as one JSON string (see codes/encoding.ts): decoded on the way in, encoded on the way out,
 * including the state carried by a partial-failure error.
 */
import { withDecodedVouchers, withEncodedVouchers } from "../codes/encoding";
import { codeRedactorFor } from "../codes/secrecy";
import { logProgress } from "../log";
import { createCampaignResource } from "./create";
import { deleteCampaignResource } from "./delete";
import { CampaignPartialFailureError, isCampaignPartialFailureError } from "./errors";
import * as offline from "./offline";
import { readCampaignResource } from "./read";
import { runtimeFromConfig } from "./runtime";
import { updateCampaignResource } from "./update";

export { configure, type Runtime, resetConfigForTests, setRuntimeForTests } from "./runtime";
export { createCampaignResource, deleteCampaignResource, readCampaignResource, updateCampaignResource };

type Props = Record<string, unknown>;

function encodedFailure(e: unknown): unknown {
  return isCampaignPartialFailureError(e)
    ? new CampaignPartialFailureError(e.id, withEncodedVouchers(e.properties), e.message)
    : e;
}

export function check(olds: Props | undefined, news: Props): Promise<offline.CheckOutcome> {
  return offline.check(olds, news, { log: logProgress });
}

export function diff(id: string, olds: Props, news: Props): Promise<offline.DiffOutcome> {
  return offline.diff(id, olds, news, { log: logProgress });
}

export async function create(inputs: Props): Promise<{ id: string; outs: Props }> {
  try {
    const decoded = withDecodedVouchers(inputs);
    const result = await createCampaignResource(runtimeFromConfig(codeRedactorFor(decoded)), decoded);
    return { id: result.id, outs: withEncodedVouchers(result.outs) };
  } catch (e) {
    throw encodedFailure(e);
  }
}

export async function read(
  id: string,
  props?: Props,
): Promise<{ id: string; props?: Props; inputs?: Props }> {
  const decoded = withDecodedVouchers(props);
  const result = await readCampaignResource(runtimeFromConfig(codeRedactorFor(decoded)), id, decoded);
  if (result.props === undefined) return result; // gone
  return { ...result, props: withEncodedVouchers(result.props), inputs: withEncodedVouchers(result.inputs) };
}

export async function update(id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
  try {
    const [before, after] = [withDecodedVouchers(olds), withDecodedVouchers(news)];
    const result = await updateCampaignResource(
      runtimeFromConfig(codeRedactorFor(after, before)),
      id,
      before,
      after,
    );
    return { outs: withEncodedVouchers(result.outs) };
  } catch (e) {
    throw encodedFailure(e);
  }
}

/** `delete` is a reserved word for a function declaration; the shim maps its `delete` to this. */
export async function remove(id: string, props: Props): Promise<void> {
  return deleteCampaignResource(runtimeFromConfig(), id, props);
}
