/**
 * `new Category(name, args, opts?)`: a Voucherify category (`cat_…`) as a Pulumi resource, referenced by a
 * Campaign's `categoryId: cat.id` or a PromotionStack's. An edit of either field is one PUT.
 */
import * as pulumi from "@pulumi/pulumi";
import { dynamicProps, dynamicType } from "./resources/dynamic-resource";

export const CATEGORY_TYPE = dynamicType("Category");

export interface CategoryArgs {
  name: pulumi.Input<string>;
  /** An integer ≥ 0; categories with a lower hierarchy are processed first. */
  hierarchy: pulumi.Input<number>;
}

export class Category extends pulumi.CustomResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly hierarchy: pulumi.Output<number>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: CategoryArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      CATEGORY_TYPE,
      name,
      dynamicProps("Category", "category", name, args, ["createdAt", "updatedAt"]),
      opts,
    );
  }
}
