/**
 * The wording around numbers, as data. Each pattern is tested against the text between the previous number and
 * this one (the "glue"), after stripping trailing spaces. Regions phrase the same relation differently; a new
 * phrasing is a new alternative here.
 */

/** An amount that is the change against last year: "比上年增加", "较上年减少", "与上年相比，减少", "，增加". */
export const DELTA_GLUE = /(增加|减少|增长|下降)了?\s*$/;
/** A percent that is the rate of that change: "增长4.88%", "下降率为3%", "增幅4.88%", "降幅为2.1%". */
export const RATE_GLUE = /^[，,、]?\s*(?:同比)?(增长|下降|增加|减少|上升|降低|增幅|降幅|减幅|涨幅)(?:了|率为?|幅度为?|为)?\s*$/;
/** The direction a rate's word names: 增长 for a rise, 下降 for a fall (RATE_GLUE's words). */
export const RATE_WORDS = /增长|下降|增加|减少|上升|降低|增幅|降幅|减幅|涨幅/g;
export const RISING_WORD = /增长|增加|上升|增幅|涨幅/;
/** "占89.03%", "占本年支出合计的96.05%", "占政府采购支出总额的100.00%" */
export const SHARE_GLUE = /占(.{0,30}?)(?:的)?(?:比[重例]为?)?\s*$/;
/** 预决算差异率 */
export const VARIANCE_RATE_GLUE = /差异率(?:为)?\s*$/;
/** the budget side of a budget-vs-actual statement in a 决算 */
export const BUDGET_GLUE = /(年初预算数?|全年预算数|调整预算数?|预算数)(?:为|是)?\s*$/;
/** the actual side */
export const ACTUAL_GLUE = /(?:支出)?决算数?(?:为|是)?\s*$/;
/** Shanghai: "决算数大于预算数", "决算数与预算数持平" (but not "基本持平", which admits a difference) */
export const COMPARISON = /决算数?(?:(大于|小于|等于|超过|低于)(?:年初)?预算数?|与(?:年初)?预算数?(持平|相等|一致))/g;
/** "完成年初预算的98.20%": actual ÷ budget */
export const COMPLETION_GLUE = /完成(?:年初|全年)?预算(?:数)?的\s*$/;
/** The words that name last year: 上年, 2023年度 … */
export const PRIOR_YEAR = String.raw`(?:上年|上一年度?|\d{4}\s*年度?)`;
/** Which of last year's figures a change is against: "比上年预算数", "比上年执行数", "较上年同期" … */
export const PRIOR_FIGURE = String.raw`(?:预算|决算|执行|预算执行|实际执行|同期)?数?`;
/** Where an explanation starts; numbers in it are not part of the relation being stated. */
export const EXPLANATION = /主要原因(?:是|为)?[:：]?|原因(?:是|为)[:：]?|主要用于(?!以下)|开支内容包括|主要包括/g;
/** A breakdown's opening word. */
export const BREAKDOWN_OPEN = /其中[:：]?\s*$|其中[:：]?[^，,。；;]*$/;
/** Itemised allocation of a project (预算 documents) and the project size it must add up to. */
export const ALLOCATION_LINE = /^(?:资金分配情况|资金分配|分配情况)[:：]/;
export const PROJECT_SIZE = /(?:预算安排规模|项目资金规模|资金规模|预算规模|项目预算|安排资金)[:：]?\s*$/;
/** 一般公共服务支出(类)财政事务(款)行政运行(项) */
export const CLASS_ITEM = /([^\d.、．()（）:：\s][^()（）:：]*?)\s*[（(]类[）)]\s*([^()（）]*(?:[（(](?!款)[^()（）]*[）)][^()（）]*)*?)\s*[（(]款[）)]\s*([^()（）]*(?:[（(](?!项)[^()（）]*[）)][^()（）]*)*?)\s*[（(]项[）)]/;
/**
 * CLASS_ITEM.exec, after a test that its marks are there at all: the pattern tries every start of the text, so a
 * paragraph without （类）…（款）…（项） costs it far more than this test (one line of `crossRecord` and of claims each).
 */
export function execClassItem(text: string): RegExpExecArray | null {
  const c = text.search(/[（(]类[）)]/);
  if (c < 0) return null;
  const k = text.slice(c).search(/[（(]款[）)]/);
  if (k < 0 || text.slice(c + k).search(/[（(]项[）)]/) < 0) return null;
  return CLASS_ITEM.exec(text);
}
export const CLASS_ONLY = /([^\d.、．()（）:：\s][^()（）:：]*?)\s*[（(]类[）)]/;

/** Units of things that add up ("共75个，其中福建70个"); 分, 年, 岁, 级, 倍 … do not. */
export const ADDITIVE_COUNT_UNITS: ReadonlySet<string> = new Set(["个", "人", "名", "项", "辆", "家", "所", "户", "处", "台", "套", "件", "次", "批", "条", "间", "座", "张", "本", "册", "篇", "场", "期", "位", "笔", "份", "宗", "起", "株", "亩", "公里", "平方米"]);

/** Concepts of all the department's funds: 收入/支出 总计, 本年收入, 基本支出 … */
export const ALL_FUNDS_CONCEPT = /^(?:income|expense|budget)\./;
/**
 * A sentence that opens with a fund ("（一）一般公共预算财政拨款年初结转结余99.96万元，本年收入2193.18万元"): its
 * unqualified labels are that fund's figures, not the department's.
 */
export const FUND_QUALIFIED = /^(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*)?(?:[^，,。；;]{0,12}?)(?:一般公共预算|政府性基金|国有资本经营|财政拨款|财政专户)[^，,]*[，,]/;
/** A clause that names last year's figures ("上年收入总计"); "上年结转（结余）" is money carried into this year. */
export const PRIOR_PERIOD_CLAUSE = /上年(?!结转|结余)|上一年|去年|同期/;
/** …unless it states a change against last year ("比上年增加"), which is this year's figure. */
export const CHANGE_AGAINST_PRIOR = /比上年|较上年|与上年/;

/**
 * "与上年持平" right after a printed change (only spaces and a comma between): the word asserts the change is zero.
 * Group 1: 基本/大致/大体 (a small difference admitted); group 2: the word. "与上年相比不变" is the same claim.
 */
export const FLAT_AFTER_CHANGE = /^\s*[，,]?\s*(?:(?:与|和|同|较)(?:上年|上一年度?|去年|\d{4}\s*年度?)(?:同期)?(?:预算|决算|执行)?数?(?:相比|比较)?[，,]?\s*)(基本|大致|大体)?(持平|相同|一致|相等|没有变化|无变化|不变)/;
/**
 * A figure compared with the one stated just before it: "9.86万元，低于上年的14.22万元", "大于项目支出的20%",
 * "等于预算数的". The word must be followed by "的" + the figure (or be 大于/小于/等于, which never state a difference):
 * "高于上年10万元" states a difference, not the figure compared with, and is left alone. Group 1: a negation (不低于,
 * 未超过: a bound, not a comparison); group 2: the word; group 3: what the second figure is.
 */
export const COMPARE_GLUE = /(不|未|没有)?(大于|小于|等于|高于|低于|超过|不足|多于|少于)((?:[^，,。；;：:\d]{0,20}?)的|)\s*$/;
/** What each comparison word asserts of the first figure against the second. */
export const COMPARE_RELATION: Record<string, "equal" | "greater" | "less"> = {
  大于: "greater", 高于: "greater", 超过: "greater", 多于: "greater",
  小于: "less", 低于: "less", 不足: "less", 少于: "less",
  等于: "equal",
};
/**
 * The word before a figure that opens a list of the previous figure's parts: "…，其中：基本支出60万元" (or "其中，", 东营), "收入预算合计
 * 4,651.67万元，包括本年收入4,651.67万元，上年结转结余0万元" (苏州: 包括 right after the total's figure; "…收入139963.40
 * 万元；支出包括：…" names another subject). The parts are a subset of the total unless the list says it is complete.
 */
export const BREAKDOWN_OPENER = /其中[:：，,]?[^，,。；;]*$|^\s*[，,]\s*包括[:：]?[^，,。；;]*$/;
/**
 * The central departments' template breaks a 收支 total down on both sides, after it: "财政拨款收支总预算18,728.91万元。
 * 收入全部为一般公共预算拨款（…），包括：一般公共预算当年拨款收入16,474.82万元、上年结转2,254.12万元；支出包括：一般公共服务支出
 * 15,291.3万元，占81.65%；…" (国家信访局). The glue before a side's first part; the total is the paragraph's 收支 figure
 * (BOTH_SIDES_TOTAL).
 */
export const BOTH_SIDES_OPENER = /[。；;]\s*(?:收入|支出)[^。；;]{0,60}?包括[:：]?[^，,。；;：:]*$/;
/** A total of both sides, which each side's parts add up to: 收支总预算, 收支总计. */
export const BOTH_SIDES_TOTAL = /收支总(?:预算|计)|收支预算总(?:计|额)/;
/**
 * A 项 named by its function code at the start of a list item (泉州: "（二）2040201-行政运行34148.58万元。主要用于…"):
 * group 1 the 7-digit code. Matched against the text before the item's first amount.
 */
export const CODE_ITEM = /^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、])?\s*([2-5]\d{6})\s*[-－—–]\s*[\u4e00-\u9fff（）()、]{2,30}\s*$/;
