/**
 * `new PromotionStack(name, args, opts?)`: a promotion stack (`stack_…`) of a PROMOTION campaign as a Pulumi
 * resource. `tierIds` is ordered (the stacking order), typically from the campaign's `tierIds` output:
 * `tierIds: [promo.tierIds.apply((t) => t!["Ten"]), …]`. `name` is autonamed like Campaign's; a rename, a reorder
 * or another category is one PUT; another `campaignId` replaces the stack. Import ID: `camp_…/stack_…`.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicProps, dynamicType } from "./resources/dynamic-resource";
import { PROMOTION_STACK_ROWS } from "./resources/promotion-stack/kind";

export const PROMOTION_STACK_TYPE = dynamicType("PromotionStack");

export interface PromotionStackArgs {
  campaignId: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  tierIds: pulumi.Input<pulumi.Input<string>[]>;
  categoryId?: pulumi.Input<string>;
}

export class PromotionStack extends pulumi.CustomResource {
  declare readonly campaignId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly tierIds: pulumi.Output<string[]>;
  declare readonly categoryId: pulumi.Output<string | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: PromotionStackArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = [...PROMOTION_STACK_ROWS.map((r) => r.path), "createdAt", "updatedAt"];
    super(
      PROMOTION_STACK_TYPE,
      name,
      dynamicProps("PromotionStack", "promotion-stack", name, args, outputs),
      opts,
    );
  }
}
