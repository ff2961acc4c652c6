/**
 * JSON files people hand to gouji (gouji.config.json, a baseline, a run to merge), parsed with a Chinese account of
 * what is wrong and where: V8's own messages ("Expected property name or '}' in JSON at position 11") are English and
 * count characters, not lines.
 */

/**
 * Parses `text` (a leading BOM is ignored). On failure, `problem` says in Chinese what is wrong and at which line and
 * column (1-based) when the parser tells the offset: "第2行第5列：应为属性名或“}”". Never throws.
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const body = text.replace(/^\uFEFF/, "");
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    const message = (e as Error)?.message ?? String(e);
    const at = /at position (\d+)/.exec(message);
    const where = at ? `${lineColumn(body, Number(at[1]))}：` : "";
    return { ok: false, problem: where + whatWentWrong(message, body) };
  }
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `第${line}行第${column}列`;
}

function whatWentWrong(message: string, body: string): string {
  if (!body.trim()) return "文件是空的";
  if (/Unexpected end of JSON input|Unterminated string/.test(message)) return "内容在结束前中断（缺少引号、括号或后面的内容）";
  if (/Expected (?:double-quoted )?property name/.test(message)) return "应为带引号的属性名或“}”（属性名须用双引号，最后一项后不能有逗号）";
  if (/Expected ',' or '[}\]]'/.test(message)) return "缺少逗号或右括号";
  if (/Bad control character/.test(message)) return "字符串中有未转义的控制字符（如换行）";
  const token = /Unexpected token '([^']*)'/.exec(message) ?? /Unexpected token (\S)/.exec(message);
  if (token) return `出现了不应有的字符“${token[1]}”${body.trimStart().startsWith("{") || body.trimStart().startsWith("[") ? "" : "（文件不是 JSON 格式）"}`;
  if (/Unexpected non-whitespace character after JSON/.test(message)) return "JSON 结束后还有多余的内容";
  return "不符合 JSON 语法";
}
