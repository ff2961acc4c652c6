/** Every rule, in one explicit list sorted by id. */
import type { Rule } from "../src/engine/rule.js";
import allocationSum from "./allocation-sum.js";
import breakdownSubset from "./breakdown-subset.js";
import breakdownSum from "./breakdown-sum.js";
import budgetVariance from "./budget-variance.js";
import sameFigure from "./same-figure.js";
import sangongSubtotal from "./sangong-subtotal.js";
import shareOfTotal from "./share-of-total.js";
import structureByClass from "./structure-by-class.js";
import unitSlip from "./unit-slip.js";
import yoyBreakdown from "./yoy-breakdown.js";
import yoyChange from "./yoy-change.js";
import yoyDirection from "./yoy-direction.js";

export const rules: readonly Rule[] = [
  allocationSum,
  breakdownSubset,
  breakdownSum,
  budgetVariance,
  sameFigure,
  sangongSubtotal,
  shareOfTotal,
  structureByClass,
  unitSlip,
  yoyBreakdown,
  yoyChange,
  yoyDirection,
];
