/** Every rule, in one explicit list sorted by id. */
import type { Rule } from "../src/engine/rule.js";
import allocationSum from "./allocation-sum.js";
import breakdownSubset from "./breakdown-subset.js";
import breakdownSum from "./breakdown-sum.js";
import budgetVariance from "./budget-variance.js";
import comparisonWords from "./comparison-words.js";
import completeness from "./completeness.js";
import incompleteReading from "./incomplete-reading.js";
import keyProject from "./key-project.js";
import namesYears from "./names-years.js";
import perfCompletion from "./perf-completion.js";
import perfCost from "./perf-cost.js";
import perfDeviation from "./perf-deviation.js";
import perfFiscal from "./perf-fiscal.js";
import perfFunds from "./perf-funds.js";
import perfProjects from "./perf-projects.js";
import perfRate from "./perf-rate.js";
import perfScore from "./perf-score.js";
import sameFigure from "./same-figure.js";
import sangongSubtotal from "./sangong-subtotal.js";
import shareOfTotal from "./share-of-total.js";
import structureByClass from "./structure-by-class.js";
import tableCodeSum from "./table-code-sum.js";
import tablePair from "./table-pair.js";
import tableSangong from "./table-sangong.js";
import tableSummary from "./table-summary.js";
import tableTotal from "./table-total.js";
import unitSlip from "./unit-slip.js";
import yoyBreakdown from "./yoy-breakdown.js";
import yoyChange from "./yoy-change.js";
import yoyDirection from "./yoy-direction.js";

export const rules: readonly Rule[] = [
  allocationSum,
  breakdownSubset,
  breakdownSum,
  budgetVariance,
  comparisonWords,
  completeness,
  incompleteReading,
  keyProject,
  namesYears,
  perfCompletion,
  perfCost,
  perfDeviation,
  perfFiscal,
  perfFunds,
  perfProjects,
  perfRate,
  perfScore,
  sameFigure,
  sangongSubtotal,
  shareOfTotal,
  structureByClass,
  tableCodeSum,
  tablePair,
  tableSangong,
  tableSummary,
  tableTotal,
  unitSlip,
  yoyBreakdown,
  yoyChange,
  yoyDirection,
];
