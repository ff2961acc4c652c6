/**
 * Which files gouji reads, by extension, and what it says about the others. Shared by the folder walk (which lists
 * what it skips) and the parser (which refuses a file named explicitly in a format it cannot read).
 */

/** Extensions whose files are read. */
export const READ_EXTENSIONS = [".txt", ".docx", ".pdf", ".html", ".htm"] as const;
/** Legacy formats that are recognised, and refused with a message that says how to convert them. */
export const LEGACY_EXTENSIONS = [".doc", ".wps"] as const;
/** Every extension a folder scan hands to the parser (the rest is listed as skipped). */
export const DOCUMENT_EXTENSIONS: readonly string[] = [...READ_EXTENSIONS, ...LEGACY_EXTENSIONS];

/** The lower-case extension with its dot (".pdf"), or "" when the name has none. */
export function extensionOf(path: string): string {
  const name = path.replace(/\\/g, "/").split("/").pop() ?? "";
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot).toLowerCase() : "";
}

export function isDocumentPath(path: string): boolean {
  return DOCUMENT_EXTENSIONS.includes(extensionOf(path));
}

const KINDS: [RegExp, string][] = [
  [/^\.(?:xls|xlsx|xlsm|et|ett|ods|numbers)$/, "表格文件"],
  [/^\.(?:csv|tsv)$/, "表格数据文件"],
  [/^\.(?:ppt|pptx|dps|odp|key)$/, "演示文稿"],
  [/^\.(?:mht|mhtml)$/, "单个文件网页（.mht），请在浏览器中另存为“网页，仅 HTML”（.html）后再检查"],
  [/^\.ofd$/, "OFD 版式文件，请导出为 PDF 后再检查"],
  [/^\.(?:odt|rtf|pages)$/, "其他文字处理软件的文档，请另存为 .docx 后再检查"],
  [/^\.(?:jpg|jpeg|png|gif|bmp|tif|tiff|webp)$/, "图片；扫描件请先做 OCR 文字识别"],
  [/^\.(?:zip|rar|7z|tar|gz|tgz)$/, "压缩包，请先解压"],
];

/** Chinese: what a file of this extension is, for the message of a file gouji does not read. */
export function describeExtension(ext: string): string {
  const kind = KINDS.find(([re]) => re.test(ext))?.[1];
  return kind ? `${ext} ${kind}` : `${ext || "无扩展名的"}文件`;
}

/** The message of a file refused for its format: what it is, and what gouji reads instead. */
export function unsupportedMessage(ext: string): string {
  return `不支持的文件格式：这是 ${describeExtension(ext)}；gouji 读取 .docx、.pdf、.txt 和 .html`;
}
