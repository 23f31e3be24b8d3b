// `delete`: the resource's delete policy (permanent, or the bin), then a wait for the deletion to finish, so a
// replacement that deletes first never races the old campaign's names and codes.
import { waitForAsyncAction } from "../client/async-actions";
import { deleteCampaign } from "../client/campaigns";
import { isNotFound } from "../client/errors";
import { type Runtime, waitOptions } from "./runtime";

type Props = Record<string, unknown>;

export async function deleteCampaignResource(
  rt: Runtime,
  id: string,
  props: Props | undefined,
): Promise<void> {
  const force = !(typeof props === "object" && props !== null && props.deletePolicy === "bin");
  let asyncActionId: string;
  try {
    const res = await deleteCampaign(rt.http, id, { force });
    asyncActionId = res.async_action_id;
  } catch (e) {
    if (isNotFound(e)) {
      rt.log(`campaign ${id} was already deleted`);
      return;
    }
    throw e;
  }
  rt.log(`deleting campaign ${id} (${force ? "permanently" : "to the bin"})`);
  await waitForAsyncAction(rt.http, asyncActionId, waitOptions(rt));
}
