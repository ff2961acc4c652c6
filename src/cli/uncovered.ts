/**
 * `gouji extract FILE --uncovered`: the printed numbers that took part in no evaluated relation, grouped by section
 * or table, each with its class, so that the next relation worth writing is visible. Amounts and percentages come
 * first in each group; years, codes, list numbering and counts are listed too (marked), never hidden.
 */
import type { NumberClass, PrintedEntry, ReportStats } from "../engine/coverage.js";
import type { Location } from "../model/schema.js";

/** Chinese names of the classes, as the listing prints them. */
export const CLASS_NAME: Record<NumberClass, string> = {
  amount: "金额",
  percent: "百分比",
  year: "年份",
  date: "日期",
  numbering: "序号",
  code: "科目编码",
  lineNumber: "行次/栏次",
  phone: "电话",
  quantity: "数量",
  indicator: "绩效指标值",
  other: "其他",
};

function place(l: Location): string {
  const parts: string[] = [];
  if (l.page) parts.push(`第${l.page}页`);
  if (l.table) parts.push(`第${l.table.row}行第${l.table.column}列`);
  else if (l.line) parts.push(`第${l.line}行`);
  else if (l.paragraph) parts.push(`第${l.paragraph}段`);
  return parts.join("");
}

function pct(a: number, b: number): string {
  return b === 0 ? "—" : `${((a * 100) / b).toFixed(1)}%`;
}

/**
 * Renders the uncovered numbers of one file: `text` (a heading per group, one line per number: text and unit, class,
 * place, snippet for narrative numbers) or `json` ({ path, stats, groups: [{ group, numbers: [{ text, unit, class,
 * location }] }] }).
 */
export function formatUncovered(path: string, entries: PrintedEntry[], stats: ReportStats, format: "json" | "text"): string {
  const groups = new Map<string, PrintedEntry[]>();
  for (const e of entries) {
    const list = groups.get(e.group) ?? [];
    list.push(e);
    groups.set(e.group, list);
  }
  if (format === "json") {
    const out = {
      path,
      stats,
      groups: [...groups].map(([group, list]) => ({
        group,
        numbers: list.map((e) => ({ text: e.number.text, unit: e.number.unit, class: e.cls, location: e.number.location })),
      })),
    };
    return `${JSON.stringify(out, null, 2)}\n`;
  }
  const narrative = stats.amounts - stats.tableAmounts;
  const lines = [
    `${path}`,
    `  金额与百分比：正文 ${narrative} 个，其中 ${stats.amountsInRelations - stats.tableAmountsInRelations} 个参与勾稽（${pct(stats.amountsInRelations - stats.tableAmountsInRelations, narrative)}）；` +
      `报表 ${stats.tableAmounts} 个，其中 ${stats.tableAmountsInRelations} 个参与勾稽（${pct(stats.tableAmountsInRelations, stats.tableAmounts)}）`,
    `  核对关系 ${stats.relationsChecked} 个，成立 ${stats.relationsHeld} 个`,
    "",
  ];
  const rank = (e: PrintedEntry) => (e.cls === "amount" || e.cls === "percent" ? 0 : 1);
  for (const [group, list] of groups) {
    const money = list.filter((e) => rank(e) === 0).length;
    lines.push(`■ ${group}（未参与勾稽：金额/百分比 ${money} 个，其他 ${list.length - money} 个）`);
    for (const e of [...list].sort((a, b) => rank(a) - rank(b))) {
      const l = e.number.location;
      const snippet = e.inTable ? "" : `  ${l.snippet}`;
      lines.push(`  ${`${e.number.text}${e.number.unit}`.padEnd(14)} ${CLASS_NAME[e.cls].padEnd(5, "　")} ${place(l)}${snippet}`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
