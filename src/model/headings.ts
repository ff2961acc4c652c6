/**
 * Heading numberings, outermost first. A heading is a short line that starts with one of these and carries no
 * amount; a long numbered line ("1.一般公共服务支出(类)139.99万元…") is a list item, not a heading.
 */
export const HEADING_LEVELS: { level: number; pattern: RegExp }[] = [
  { level: 1, pattern: /^第[一二三四五六七八九十]+部分/ },
  { level: 2, pattern: /^[一二三四五六七八九十]+[、.．]/ },
  { level: 3, pattern: /^[（(][一二三四五六七八九十]+[）)]/ },
  { level: 4, pattern: /^\d{1,2}[.．、](?!\d)/ },
  { level: 5, pattern: /^[（(]\d{1,2}[）)]/ },
];

const MAX_HEADING_LENGTH = 64;

export function headingOf(line: string): { level: number; numbering: string; title: string } | undefined {
  const s = line.replace(/^[-•·\s]+/, "").trim();
  if (!s || s.length > MAX_HEADING_LENGTH || /[。；;，,]$/.test(s)) return undefined;
  // a long line is a heading only if it has no sentence punctuation at all
  if (s.length > 30 && /[。；;，,：:]/.test(s)) return undefined;
  if (/\d\s*(万元|亿元|元|%)/.test(s)) return undefined;
  for (const { level, pattern } of HEADING_LEVELS) {
    const m = pattern.exec(s);
    if (m) return { level, numbering: m[0], title: s.slice(m[0].length).trim() };
  }
  return undefined;
}

/** A line that begins a new list item even when the previous line did not end a sentence. */
export function startsListItem(line: string): boolean {
  const s = line.trim();
  return HEADING_LEVELS.some(({ pattern }) => pattern.test(s)) || /^表\s*\d/.test(s) || KEY_VALUE.test(s);
}

/** "项目承担单位：…", "资金分配情况：…": a field of a form, never the tail of the line before. */
export const KEY_VALUE = /^[\u4e00-\u9fa5]{2,12}[:：]/;
