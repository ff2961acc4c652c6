import { headingOf, KEY_VALUE, startsListItem } from "./headings.js";
import { locationIn, snippetAround } from "./location.js";
import { scanNumbers, parseDecimal, decimalsOf, normalizeDigits, asciiNumberText } from "./numbers.js";
import type { Location, Notice, Paragraph, Report, ReportKind, ReportMeta, Section, Table, TableCell } from "./schema.js";
import type { SourceDocument, SourcePlace, SourceTable } from "../parse/source.js";

/**
 * Turns a parser's blocks into the typed report: paragraphs (broken lines joined), sections, tables, identity. Plain
 * data: the claims and table facts are added by the next stages (src/lint.ts runs the pipeline).
 */
export function buildReport(doc: SourceDocument, path: string): Report {
  const sections: Section[] = [{ id: "root", level: 0, numbering: "", title: "", parentId: null, location: { snippet: "" } }];
  const paragraphs: Paragraph[] = [];
  const tables: Table[] = [];
  // what the parser read only in part comes first: it concerns the whole file
  const notices: Notice[] = (doc.notices ?? []).map((n) => (n.place ? { code: n.code, message: n.message, location: placeLocation(n.place, n.snippet ?? "") } : { code: n.code, message: n.message }));
  const stack: Section[] = [sections[0]!];
  let open: (Paragraph & { wrapped?: boolean }) | undefined; // a paragraph whose last line did not end a sentence
  const recentLines: string[] = [];

  const current = () => stack[stack.length - 1]!;
  /** a heading ends the sections at its level or deeper and opens its own under the one left */
  const openSection = (heading: NonNullable<ReturnType<typeof headingOf>>, location: Location) => {
    while (stack.length > 1 && current().level >= heading.level) stack.pop();
    const section: Section = { id: `s${sections.length}`, level: heading.level, numbering: heading.numbering, title: heading.title, parentId: current().id, location };
    sections.push(section);
    stack.push(section);
  };
  const close = () => {
    if (open) paragraphs.push(finishParagraph(open));
    open = undefined;
  };

  const blocks = doc.blocks;
  const nextText = (i: number): string | undefined => {
    for (let j = i + 1; j < blocks.length; j++) {
      const b = blocks[j]!;
      if (b.kind === "table") return undefined;
      if (b.text.trim()) return b.text.trim();
    }
    return undefined;
  };
  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi]!;
    if (block.kind === "table") {
      close();
      try {
        tables.push(buildTable(block, tables.length + 1, current().id, recentLines));
      } catch (e) {
        notices.push({ code: "table-unreadable", message: `表${tables.length + 1}（前文：${recentLines[recentLines.length - 1] ?? "无"}）的单元格无法读取：${(e as Error)?.message ?? String(e)}；该表未参与核对`, location: placeLocation(block.place, recentLines[recentLines.length - 1] ?? "") });
      }
      recentLines.length = 0;
      continue;
    }
    const text = block.text.replace(/\s+$/, "");
    const trimmed = text.trim();
    if (!trimmed) continue;
    recentLines.push(trimmed);
    // a title stands a few lines above its table; a header of many printed lines that the reader did not take into the
    // table (苏州's 收入总表: four lines of 本年收入 / 上年结转结余 column names) can push it further up (buildTable)
    if (recentLines.length > RECENT_LINES) recentLines.shift();
    // a numbered line that the page wrapped ("2.行政事业单位离退休（款）机关事业单位基本养老保险缴" + "费支出（项）415.33万元…")
    // is the start of a list item, not a heading
    const heading = block.wrapped || continuesOnNextLine(nextText(bi)) ? undefined : headingOf(trimmed);
    if (heading) {
      close();
      openSection(heading, placeLocation(block.place, trimmed));
      continue;
    }
    // a heading the page width wrapped ("（七）关于湖州市交通运输局2026年政府性基金预算" + "支出情况说明"): one heading
    const wrappedHeading = open && !block.wrapped ? headingSpanningTwoLines(open, trimmed) : undefined;
    if (open && wrappedHeading) {
      const { offset: _offset, ...place } = open.spans[0]!;
      open = undefined;
      openSection(wrappedHeading, placeLocation(place, wrappedHeading.numbering + wrappedHeading.title));
      continue;
    }
    const joins = open && (open.wrapped || continuesOnNextLine(trimmed) || (!startsListItem(trimmed) && !endsSentence(open.text) && !KEY_VALUE.test(open.text) && !(titleLike(open.text) && !/^[-\d]/.test(trimmed))));
    if (open && joins) {
      open.spans.push({ offset: open.text.length, ...block.place });
      open.text += joiner(open.text, trimmed) + trimmed;
      open.wrapped = block.wrapped;
      continue;
    }
    close();
    open = { index: paragraphs.length, text: trimmed, sectionId: current().id, spans: [{ offset: 0, ...block.place }], numbers: [], wrapped: block.wrapped };
  }
  close();

  if (!notices.some((n) => n.code === "undecodable-bytes" || n.code === "unmapped-glyphs")) {
    const marked = replacementNotice(paragraphs, tables);
    if (marked) notices.push(marked);
  }

  const meta = buildMeta(doc, path, paragraphs, sections);
  const report: Report = { meta, sections, paragraphs, tables, facts: [], claims: [], notices };
  return report;
}

/**
 * U+FFFD that no parser notice accounts for (a .docx that carries it, a caller's own blocks): the places are named all
 * the same, since the engine withholds the findings of their sections (src/engine/damage.ts) and nothing may be
 * skipped silently.
 */
function replacementNotice(paragraphs: Paragraph[], tables: Table[]): Notice | undefined {
  const places: string[] = [];
  let location: Location | undefined;
  for (const p of paragraphs) {
    if (!p.text.includes("\uFFFD")) continue;
    const s = p.spans[0]!;
    places.push(s.line !== undefined ? `第${s.line}行` : s.paragraph !== undefined ? `第${s.paragraph}段` : `第${s.page ?? "?"}页`);
    location ??= { ...(s.line !== undefined ? { line: s.line } : {}), ...(s.paragraph !== undefined ? { paragraph: s.paragraph } : {}), ...(s.page !== undefined ? { page: s.page } : {}), snippet: p.text.slice(0, 60) };
  }
  for (const t of tables) if (t.rows.some((r) => r.some((c) => c.text.includes("\uFFFD")))) places.push(`表${t.index}`);
  if (!places.length) return undefined;
  const named = places.length > 10 ? `${places.slice(0, 10).join("、")}等${places.length}处` : places.join("、");
  const notice: Notice = { code: "replacement-characters", message: `${named}有替代字符�（原文已无法识别的字符），这些位置的数字可能不完整，所在小节和表格未参与核对` };
  if (location) notice.location = location;
  return notice;
}


/** The next line begins with the tail of a 类/款/项 name or a number: the line before it was cut by the page width. */
function continuesOnNextLine(next: string | undefined): boolean {
  return next !== undefined && /^(?:[（(](?:项|款|类)[）)]|[^，。；：:\s（(]{1,14}[（(]项[）)])/.test(next);
}

/**
 * The joined heading when an open paragraph of one wrapped line and the line after it form one numbered heading: the
 * first line is a heading but for its wrapping, the two together are one (no amount, no sentence punctuation) and end
 * as these documents' headings end (…说明, …情况, …概况); a wrapped list item ("（2）其他支出（类）…" + "收入安排的支出
 * （款）…（项）事") runs on past its second line and is left alone.
 */
function headingSpanningTwoLines(open: { text: string; spans: unknown[]; wrapped?: boolean }, line: string): ReturnType<typeof headingOf> {
  if (open.spans.length !== 1 || !open.wrapped || !headingOf(open.text)) return undefined;
  const joined = open.text + line;
  if (!/(?:说明|情况|概况|职能|解释)$/.test(joined)) return undefined;
  return headingOf(joined);
}

/** A short line without any punctuation is a title ("某局2024年度部门决算"), not the start of a broken sentence. */
function titleLike(text: string): boolean {
  return text.length <= 40 && !/[，,。；;：:、]/.test(text);
}

function endsSentence(text: string): boolean {
  return /[。！？；;：:）)」”"】]$/.test(text) || text.length < 2;
}

/** Chinese lines join without a space; two Latin words or numbers keep one. */
function joiner(prev: string, next: string): string {
  return /[A-Za-z]$/.test(prev) && /^[A-Za-z]/.test(next) ? " " : "";
}

const AMOUNT = new Set(["万元", "元", "亿元"]);

/**
 * Sibling precision: an integer amount printed beside amounts with decimals in the same paragraph ("企业培训费2万元，
 * 调研活动费用3.2万元") is read at their precision — the author dropped trailing zeros, not digits. Percentages and
 * everything else keep the interval of their own printed decimals.
 */
function siblingPrecision(p: Paragraph): void {
  const groups = new Map<string, Paragraph["numbers"]>();
  for (const n of p.numbers) {
    // percentages keep their own interval: "增长8%" beside "下降13.8%" is a rate rounded to a whole percent, not
    // 8.00% with its zeros dropped (a false error on a real report read it so)
    const cls = AMOUNT.has(n.unit) ? "amount" : "";
    if (!cls) continue;
    const key = cls;
    const group = groups.get(key);
    if (group) group.push(n);
    else groups.set(key, [n]);
  }
  for (const nums of groups.values()) {
    const max = Math.max(...nums.map((n) => n.decimals));
    if (max === 0) continue;
    for (const n of nums) if (n.decimals === 0) n.decimals = max;
  }
}

function finishParagraph(p: Paragraph & { wrapped?: boolean }): Paragraph {
  delete p.wrapped;
  p.numbers = scanNumbers(p.text).map((n) => ({
    text: n.text,
    value: n.value,
    decimals: n.decimals,
    unit: n.unit,
    start: n.start,
    end: n.end,
    location: locationIn(p, n.start, n.end),
  }));
  siblingPrecision(p);
  return p;
}

function placeLocation(place: SourcePlace, snippet: string): Location {
  return Object.assign({}, place, { snippet: snippet.length > 60 ? `${snippet.slice(0, 60)}…` : snippet });
}

/** A line that names a table; a short bracketed qualifier may follow ("一般公共预算支出情况表（按功能分类科目）"). */
const TABLE_TITLE = /(表|情况|目标|明细)\s*(?:[（(][^（()）]{1,12}[）)])?\s*$|^表\s*\d|绩效自评表|[表]$/;

/** How many lines before a table are kept for its title, unit and notes; any title among the nearest four. */
const RECENT_LINES = 8;
const NEAR_TITLE_LINES = 4;

function buildTable(block: SourceTable, index: number, sectionId: string, recent: string[]): Table {
  // Title: a single-cell first row that names a table, else the nearest preceding line that does.
  let title = "";
  const first = block.rows[0];
  if (first && first.filter((c) => c.text).length === 1 && /表/.test(first.find((c) => c.text)!.text)) {
    title = first.find((c) => c.text)!.text;
  } else {
    for (let k = recent.length - 1; k >= 0; k--) {
      const t = recent[k]!.replace(/^表\s*\d+\s*/, (m) => m);
      // beyond the nearest lines only a line that says 表 is a title (a heading "…情况" that far up is not this table's)
      if (TABLE_TITLE.test(t) && t.length <= 40 && (recent.length - k <= NEAR_TITLE_LINES || /表/.test(t))) {
        title = recent.slice(Math.max(0, k - 1), k + 1).filter((s) => /^表\s*\d+$/.test(s) || s === t).join(" ");
        break;
      }
    }
  }
  const unitLine = [...recent].reverse().find((s) => /单位[:：]\s*(万元|元|亿元)/.test(s));
  const unit = unitLine ? /单位[:：]\s*(万元|元|亿元)/.exec(unitLine)![1] : undefined;
  const rows: TableCell[][] = [];
  // cells covered by a rowspan from above shift the columns of later rows
  const covered = new Map<number, Set<number>>();
  block.rows.forEach((srcRow, r) => {
    const row: TableCell[] = [];
    let col = 1;
    for (const c of srcRow) {
      while (covered.get(r)?.has(col)) col++;
      const colSpan = c.colSpan ?? 1;
      const rowSpan = c.rowSpan ?? 1;
      for (let dr = 1; dr < rowSpan; dr++) {
        const set = covered.get(r + dr) ?? new Set<number>();
        for (let dc = 0; dc < colSpan; dc++) set.add(col + dc);
        covered.set(r + dr, set);
      }
      const cell: TableCell = {
        text: c.text,
        row: r + 1,
        column: col,
        rowSpan,
        colSpan,
        // Object.assign, not an object spread: the same properties in the same order, and in this loop over every
        // cell of every table V8's spread was ten times slower (34,000 cells of the corpus: 85-140 ms against 7-40)
        location: Object.assign({}, c.place, {
          snippet: c.text.length > 40 ? `${c.text.slice(0, 40)}…` : c.text,
          table: { index, title, row: r + 1, column: col },
        }),
      };
      const num = cellNumber(c.text, unit);
      if (num) cell.number = Object.assign({}, num, { location: cell.location });
      row.push(cell);
      col += colSpan;
    }
    rows.push(row);
  });
  const table: Table = { index, title, sectionId, rows, location: Object.assign({}, block.place, { snippet: title || "表格" }) };
  if (unit) table.unit = unit;
  // the last page it reaches: a PDF table the parser joined over pages, or whose cells sit on later pages
  let last = block.lastPage ?? 0;
  for (const r of rows) for (const c of r) if (c.location.page && c.location.page > last) last = c.location.page;
  if (last > (block.place.page ?? 0)) table.lastPage = last;
  return table;
}

const DIGIT = /[0-9０-９]/;

/** A cell that holds one number (optionally with a unit or %): "1,612.98", "100%", "10.00 分", "202.74 ", "１，２３４.５６". */
export function cellNumber(text: string, tableUnit?: string) {
  // most cells are words: without a digit there is no number (asciiNumberText only turns full-width digits into digits)
  if (!DIGIT.test(text)) return undefined;
  const s = asciiNumberText(text).trim();
  const m = /^(-?[\d,]*\d(?:\.\d+)?)\s*(%|万元|元|亿元|分|人|个|次)?$/.exec(s);
  if (!m) return undefined;
  const value = parseDecimal(m[1]!);
  if (!value) return undefined;
  const raw = text.trim().replace(/\s*(%|万元|元|亿元|分|人|个|次)$/, "");
  return { text: raw, value, decimals: decimalsOf(m[1]!), unit: m[2] ?? tableUnit ?? "" };
}

/** "某局2024年度部门决算", and a web page's title that puts the year first: "2016年度平潭县人民法院部门决算说明". */
const TITLE_RES = [
  /(?<org>[\u4e00-\u9fa5（）()“”]{2,40}?)(?<year>\d{4})年度?(?:部门|单位)?(?<kind>决算|预算)/,
  /^(?:标题[:：])?(?<year>\d{4})年度?(?<org>[\u4e00-\u9fa5（）()“”]{2,40}?)(?:部门|单位)(?<kind>决算|预算)/,
];

/** Organisation, year and kind from the title lines, the 编制单位 line or the 概况 heading. */
/** What a title or heading pattern can catch that is no organisation's name: "第一部分", "关于…", "本部门". */
const NOT_ORGANISATION = /^(?:第.{1,3}部分|关于|本|我)|部分$/;

function buildMeta(doc: SourceDocument, path: string, paragraphs: Paragraph[], sections: Section[]): ReportMeta {
  const heads = [...paragraphs.slice(0, 6).map((p) => p.text), ...sections.slice(1, 4).map((s) => s.title)];
  const squash = (s: string) => normalizeDigits(s).replace(/\s+/g, "");
  let organisation: string | undefined;
  let year: number | undefined;
  let kind: ReportKind = "unknown";
  titles: for (const h of heads.map(squash)) {
    for (const re of TITLE_RES) {
      const t = re.exec(h)?.groups;
      if (!t || NOT_ORGANISATION.test(t.org!)) continue;
      organisation = t.org;
      year = Number(t.year);
      kind = t.kind as ReportKind;
      break titles;
    }
  }
  const body = paragraphs.slice(0, 80).map((p) => squash(p.text)).join("\n") + "\n" + sections.map((s) => squash(s.title)).join("\n");
  if (!organisation) {
    const m = /编制(?:部门|单位)[:：]([\u4e00-\u9fa5（）()]{2,40}?)(?:单位[:：]|$)/m.exec(body) ?? /^(?:\S*?部分)?([\u4e00-\u9fa5（）()]{2,40}?)(?:单位|部门)概况/m.exec(body);
    if (m && !NOT_ORGANISATION.test(m[1]!)) organisation = m[1];
  }
  if (!organisation) {
    // the name most paragraphs begin with: "江苏省政协办公厅2019年度收入、支出预算总计…"
    const counts = new Map<string, number>();
    for (const p of paragraphs) {
      const m = /^([\u4e00-\u9fa5（）()]{3,30}?(?:厅|局|委员会|委|办公室|办|室|会|院|中心|所|站|处|部|队|校|馆))\d{4}年/.exec(squash(p.text));
      if (m) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
    }
    const best = [...counts].sort((a, b) => b[1] - a[1])[0];
    if (best && best[1] >= 2) organisation = best[0];
  }
  if (!year) {
    const y = /(\d{4})年度?(?:部门|单位)?(?:决算|预算)/.exec(body) ?? /(\d{4})年度/.exec(body);
    if (y) year = Number(y[1]);
  }
  if (kind === "unknown") {
    const k = /(?:部门|单位)(决算|预算)/.exec(body) ?? /(决算|预算)/.exec(body);
    if (k) kind = k[1] as ReportKind;
  }
  const meta: ReportMeta = { path, format: doc.format, kind, unit: "万元" };
  if (organisation) meta.organisation = organisation;
  if (year) meta.year = year;
  if (doc.pages) meta.pages = doc.pages;
  return meta;
}

export { snippetAround };
