import { describe, it, expect, vi, beforeAll, afterAll } from "vitest";
import { readFileSync, mkdtempSync, rmSync, writeFileSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import iconv from "iconv-lite";
import { parseDocument, sniff, MAX_FILE_BYTES } from "../src/parse/index.js";
import { decodeText } from "../src/parse/decode.js";
import { InputError, type SourceDocument } from "../src/parse/source.js";
import { checkFile } from "../src/runner.js";
import { lintDocument } from "../src/lint.js";
import { scanNumbers } from "../src/model/numbers.js";

// The PDF parser is someone else's; here we only check that PDF bytes are sent to it, whatever the file is called.
vi.mock("../src/parse/pdf.js", () => ({
  parsePdf: vi.fn(async (): Promise<SourceDocument> => ({ format: "pdf", blocks: [{ kind: "text", text: "PDF", place: { page: 1 } }], pages: 1 })),
}));

const FIXTURES = join(import.meta.dirname, "..", "fixtures");
const SEED = "000_da983fdeaa8df527";
const goodDocx = readFileSync(join(FIXTURES, "docx", `${SEED}.docx`));
const seedText = readFileSync(join(FIXTURES, `${SEED}.txt`), "utf8");

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e.code;
    throw e;
  }
  return "no error";
}
const parse = (buf: Uint8Array, path: string, opts = {}) => parseDocument(new Uint8Array(buf), path, opts);
/** The InputError a parse ends with (fails the test when it ends otherwise). */
async function errorOf(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}
const zip = async (files: Record<string, string>) => {
  const z = new JSZip();
  for (const [name, data] of Object.entries(files)) z.file(name, data);
  return z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
};

/** Rewrites the uncompressed size a zip declares for one entry (central directory and local header). */
function patchDeclaredSize(buf: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(buf);
  const n = Buffer.from(name);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x02014b50 && out.subarray(i + 46, i + 46 + n.length).equals(n)) out.writeUInt32LE(size, i + 24);
    if (sig === 0x04034b50 && out.subarray(i + 30, i + 30 + n.length).equals(n)) out.writeUInt32LE(size, i + 22);
  }
  return out;
}

describe("broken and disguised .docx", () => {
  it("a good fixture parses", async () => {
    expect((await parse(goodDocx, "a.docx")).format).toBe("docx");
  });

  it("truncated → corrupt-docx", async () => {
    for (const n of [4, 100, goodDocx.length >> 1, goodDocx.length - 1]) {
      expect(await codeOf(parse(goodDocx.subarray(0, n), "a.docx"))).toBe("corrupt-docx");
    }
  });

  it("damaged compressed data → corrupt-docx", async () => {
    const bad = Buffer.from(goodDocx);
    for (let i = 2000; i < 2100; i++) bad[i]! ^= 0x55;
    expect(await codeOf(parse(bad, "a.docx"))).toBe("corrupt-docx");
  });

  it("word/document.xml that is not XML → corrupt-docx", async () => {
    const z = await JSZip.loadAsync(goodDocx);
    z.file("word/document.xml", "<w:document><w:body><oops");
    expect(await codeOf(parse(await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }), "a.docx"))).toBe("corrupt-docx");
  });

  it("a zip without word/document.xml → not-docx, saying it is a zip", async () => {
    const e = await parse(await zip({ "readme.txt": "hello" }), "a.docx").catch((x) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(e.code).toBe("not-docx");
    expect(e.message).toMatch(/zip/);
    expect(e.message).toMatch(/不是 Word 文档/);
  });

  it("an .xlsx or .pptx → not-docx, naming what it is, whatever the extension", async () => {
    const xlsx = await zip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" });
    const e1 = await parse(xlsx, "report.docx").catch((x) => x);
    expect([e1.code, /Excel/.test(e1.message)]).toEqual(["not-docx", true]);
    const pptx = await zip({ "[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>" });
    const e2 = await parse(pptx, "report.pptx").catch((x) => x);
    expect([e2.code, /PowerPoint/.test(e2.message)]).toEqual(["not-docx", true]);
  });

  it("uncompressed size over the cap → docx-too-large (declared sizes are checked before inflating)", async () => {
    expect(await codeOf(parse(goodDocx, "a.docx", { maxUncompressedBytes: 10_000 }))).toBe("docx-too-large");
    // a declared 300 MB part against the default cap: refused from the directory alone
    const declared = patchDeclaredSize(goodDocx, "word/document.xml", 300 * 1024 * 1024);
    expect(await codeOf(parse(declared, "a.docx"))).toBe("docx-too-large");
  });

  it("a part that inflates to a little more than it declares is damaged, not a bomb → corrupt-docx", async () => {
    const z = await JSZip.loadAsync(goodDocx);
    const size = (await z.file("word/document.xml")!.async("uint8array")).length;
    const e = await parse(patchDeclaredSize(goodDocx, "word/document.xml", size - 100), "a.docx").catch((x) => x);
    expect(e.code).toBe("corrupt-docx");
    expect(e.message).toContain(`word/document.xml 的大小不一致（声明 ${size - 100} 字节，实为 ${size} 字节）`);
  });

  it("a part that inflates past its declared size (zip bomb) → docx-too-large", async () => {
    const z = await JSZip.loadAsync(goodDocx);
    const xml = (await z.file("word/document.xml")!.async("string")).replace("<w:body>", `<w:body>${" ".repeat(8 * 1024 * 1024)}`);
    z.file("word/document.xml", xml);
    const bomb = await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(bomb.length).toBeLessThan(200_000);
    expect(await codeOf(parse(patchDeclaredSize(bomb, "word/document.xml", 4096), "a.docx"))).toBe("docx-too-large");
  });

  it("a .docx named .txt is read as .docx; a PDF named .docx is read as PDF", async () => {
    expect((await parse(goodDocx, "report.txt")).format).toBe("docx");
    const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n", "latin1");
    expect(sniff(pdf)).toBe("pdf");
    const { parsePdf } = await import("../src/parse/pdf.js");
    const doc = await parse(pdf, "report.docx");
    expect(doc.format).toBe("pdf");
    expect(parsePdf).toHaveBeenCalled();
  });

  it("a PDF whose header is damaged is still read as a PDF (its objects give it away), not as text", async () => {
    const pdf = readFileSync(join(import.meta.dirname, "fixtures", "pdf", "rotated-table.pdf"));
    const broken = Buffer.from(pdf.toString("latin1").replace("%PDF-", "%PDX-"), "latin1");
    expect(sniff(broken)).toBe("pdf");
    expect((await parse(broken, "report.pdf")).format).toBe("pdf");
  });

  it("a .docx that lost its body (word/document.xml) is a damaged Word document → corrupt-docx", async () => {
    const z = await JSZip.loadAsync(goodDocx);
    z.remove("word/document.xml");
    const e = await parse(await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }), "a.docx").catch((x) => x);
    expect([e.code, e.message]).toEqual(["corrupt-docx", "文件已损坏或不完整（可能下载未完成），无法作为 .docx 读取：缺少正文部分 word/document.xml"]);
  });

  it("a file cut within its signature is that kind of file, damaged", () => {
    expect(sniff(Buffer.from("%P"))).toBe("pdf");
    expect(sniff(Buffer.from("%PDF"))).toBe("pdf");
    expect(sniff(Buffer.from("PK\x03", "latin1"))).toBe("zip");
    expect(sniff(Buffer.from("PKU"))).toBe("txt");
  });

  it("a zip whose first kilobyte holds a stored PDF is still a zip", async () => {
    const z = new JSZip();
    z.file("attachment.pdf", "%PDF-1.4\n%%EOF\n", { compression: "STORE" });
    const buf = await z.generateAsync({ type: "nodebuffer" });
    expect(sniff(buf)).toBe("zip");
    expect(await codeOf(parse(buf, "report.docx"))).toBe("not-docx");
  });

  it("text named .docx is read as text; binary junk named .docx → corrupt-docx", async () => {
    const doc = await parse(Buffer.from(seedText), "report.docx");
    expect(doc.format).toBe("txt");
    expect(await codeOf(parse(Buffer.from([1, 2, 0, 0, 5, 6, 7, 0, 9]), "report.docx"))).toBe("corrupt-docx");
  });
});

describe("other formats", () => {
  const ole = (extra = Buffer.alloc(0)) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), extra]);

  it("legacy .doc and .wps (OLE) → legacy-doc / legacy-wps", async () => {
    expect(await codeOf(parse(ole(), "old.doc"))).toBe("legacy-doc");
    expect(await codeOf(parse(ole(), "old.wps"))).toBe("legacy-wps");
    // the bytes decide, not the name
    expect(await codeOf(parse(ole(), "renamed.docx"))).toBe("legacy-doc");
  });

  it("an Excel or PowerPoint 97-2003 file (OLE) is no Word document: unsupported-format, named as what it is", async () => {
    const xls = await errorOf(parse(ole(Buffer.from("Workbook", "utf16le")), "预算表.xls"));
    expect([xls.code, xls.message]).toEqual(["unsupported-format", "不支持的文件格式：这是 Excel 97-2003 表格（.xls），不是 Word 文档；gouji 读取 .docx、.pdf、.txt 和 .html"]);
    expect(await codeOf(parse(ole(Buffer.from("Workbook", "utf16le")), "misnamed.doc"))).toBe("unsupported-format");
    expect(await codeOf(parse(ole(Buffer.from("PowerPoint Document", "utf16le")), "a.ppt"))).toBe("unsupported-format");
    expect(await codeOf(parse(ole(Buffer.from("WordDocument", "utf16le")), "a.doc"))).toBe("legacy-doc");
  });

  it("a text file under another format's name is refused; a web page is read as HTML whatever its name", async () => {
    expect(await codeOf(parse(Buffer.from("a,b\n1,2\n"), "数据.csv"))).toBe("unsupported-format");
    expect(await codeOf(parse(Buffer.from("MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n"), "page.mht"))).toBe("unsupported-format");
    const page = await parse(Buffer.from("<!DOCTYPE html><html><body><p>2024年部门决算</p></body></html>"), "page.txt");
    expect(page.format).toBe("html");
  });

  it("a password-protected .docx (OLE with EncryptedPackage) → encrypted", async () => {
    expect(await codeOf(parse(ole(Buffer.from("EncryptedPackage", "utf16le")), "secret.docx"))).toBe("encrypted");
  });

  it("an empty file → empty-file", async () => {
    expect(await codeOf(parse(Buffer.alloc(0), "empty.docx"))).toBe("empty-file");
    expect(await codeOf(parse(Buffer.alloc(0), "empty.txt"))).toBe("empty-file");
  });

  it("an image (a scan saved as a picture) → binary-file, naming the image kind", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const e = await parse(png, "scan.txt").catch((x) => x);
    expect([e.code, e.message]).toEqual(["binary-file", "这是图片文件（PNG），不是文本；扫描件请先做 OCR 文字识别，或提供含文字的原始文件"]);
    // named .pdf, it is said not to be one (a newcomer read "不是文本" for a .pdf as odd)
    expect((await parse(png, "scan.pdf").catch((x) => x)).message).toMatch(/^这是图片文件（PNG），不是 PDF 文件；/);
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image");
    // "BM" starting a text is not a bitmap
    expect(sniff(Buffer.from("BM 某某局2024年度部门决算"))).toBe("txt");
  });

  it("RTF → unsupported-format", async () => {
    expect(await codeOf(parse(Buffer.from("{\\rtf1\\ansi hello}"), "report.doc"))).toBe("unsupported-format");
  });

  it("a file over the size cap → file-too-large (cap injectable; the default is 200 MB)", async () => {
    expect(MAX_FILE_BYTES).toBe(200 * 1024 * 1024);
    expect(await codeOf(parse(Buffer.from(seedText), "a.txt", { maxBytes: 1024 }))).toBe("file-too-large");
    expect(await codeOf(parse(goodDocx, "a.docx", { maxBytes: 1024 }))).toBe("file-too-large");
    expect((await parse(Buffer.from(seedText), "a.txt", { maxBytes: 1024 * 1024 })).format).toBe("txt");
  });
});

describe("decodeText", () => {
  const chinese = "收入总计216.30万元，其中：财政拨款收入191.80万元。\n“三公”经费\r\n";

  it("UTF-8 with and without BOM", () => {
    const utf8 = Buffer.from(chinese);
    expect(decodeText(utf8)).toEqual({ text: chinese, encoding: "utf-8", damagedLines: [] });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toEqual({ text: chinese, encoding: "utf-8", damagedLines: [] });
  });

  it("UTF-16 LE and BE with BOM, and UTF-16 LE without", () => {
    const le = Buffer.from(chinese, "utf16le");
    const be = Buffer.from(le).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({ text: chinese, encoding: "utf-16le", damagedLines: [] });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ text: chinese, encoding: "utf-16be", damagedLines: [] });
    expect(decodeText(le)).toEqual({ text: chinese, encoding: "utf-16le", damagedLines: [] });
    expect(decodeText(be)).toEqual({ text: chinese, encoding: "utf-16be", damagedLines: [] });
  });

  it("UTF-16 without BOM whose CJK characters put zero bytes on both parities (一 is U+4E00)", () => {
    const text = "一般公共预算财政拨款支出191.80万元，其中：一般公共服务支出139.99万元。\n".repeat(20);
    expect(decodeText(Buffer.from(text, "utf16le"))).toEqual({ text, encoding: "utf-16le", damagedLines: [] });
    expect(decodeText(Buffer.from(text, "utf16le").swap16())).toEqual({ text, encoding: "utf-16be", damagedLines: [] });
  });

  it("GBK and GB18030", () => {
    expect(decodeText(iconv.encode(chinese, "gbk"))).toEqual({ text: chinese, encoding: "gb18030", damagedLines: [] });
    // 𠀀 exists only in GB18030 (four bytes)
    expect(decodeText(iconv.encode(`${chinese}𠀀`, "gb18030")).text).toBe(`${chinese}𠀀`);
  });

  it("refuses binary and unknown encodings with a stable code", () => {
    const code = (b: Uint8Array) => {
      try {
        decodeText(b);
        return "no error";
      } catch (e) {
        return (e as InputError).code;
      }
    };
    // 2 KB of compressed data (a zip's deflated part): neither text nor damaged text
    expect(code(goodDocx.subarray(2000, 4000))).toBe("binary-file");
    expect(code(Buffer.from("abc\x01\x02\x03\x04\x05\x06\x07\x08def", "latin1"))).toBe("binary-file");
    // bytes that are neither UTF-8 nor plausible GB18030
    expect(code(Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x80, 0x81, 0xfe, 0xfe, 0xff, 0x80, 0x90, 0x30]))).toBe("unknown-encoding");
    // a UTF-8 BOM in front of invalid UTF-8; UTF-16 cut in half a code unit; UTF-32
    expect(code(Buffer.from([0xef, 0xbb, 0xbf, 0xc3, 0x28]))).toBe("unknown-encoding");
    expect(code(Buffer.from([0xff, 0xfe, 0x36, 0x65, 0x65]))).toBe("unknown-encoding");
    expect(code(Buffer.from([0xff, 0xfe, 0, 0, 0x36, 0x65, 0, 0]))).toBe("unknown-encoding");
  });

  it("a GBK report reads exactly like its UTF-8 form", async () => {
    const utf8 = await parse(Buffer.from(seedText), "a.txt");
    const gbk = await parse(iconv.encode(seedText, "gbk"), "a.txt");
    expect(gbk).toEqual(utf8);
  });
});

/** The seed as UTF-8 bytes with the first byte of `digit` in line `line` (1-based) replaced by 0xFF. */
function damageDigit(text: string, line: number, digit: string): Buffer {
  const lines = text.split("\n");
  const at = Buffer.byteLength(lines.slice(0, line - 1).join("\n") + "\n") + Buffer.byteLength(lines[line - 1]!.slice(0, lines[line - 1]!.indexOf(digit)));
  const buf = Buffer.from(text);
  expect(String.fromCharCode(buf[at]!)).toBe(digit[0]);
  buf[at] = 0xff;
  return buf;
}

describe("text with a few undecodable bytes", () => {
  it("UTF-8: read, the bad bytes marked U+FFFD, their lines listed", () => {
    const bad = Buffer.from(damageDigit(seedText, 25, "215.43"));
    bad[Buffer.from(seedText).indexOf("32.50")] = 0xc3; // a lead byte without its continuation
    const r = decodeText(bad);
    expect(r.encoding).toBe("utf-8");
    expect(r.damagedLines).toEqual([25, 40]);
    expect(r.text.split("\n")[24]).toContain("本年收入合计\uFFFD15.43万元");
    expect(r.text.split("\n")[39]).toContain("(类)\uFFFD2.50万元");
  });

  it("GBK: an invalid byte pair is marked, the rest read as GBK", () => {
    const gbk = iconv.encode(seedText, "gbk");
    const at = gbk.indexOf(iconv.encode("二、收入决算情况说明", "gbk"));
    gbk[at] = 0xff; // line 28
    const r = decodeText(gbk);
    expect([r.encoding, r.damagedLines]).toEqual(["gb18030", [28]]);
    expect(r.text.split("\n")[28]).toBe(seedText.split("\n")[28]);
  });

  it("zero bytes and control characters inside text are damage, not a binary file", () => {
    const buf = Buffer.from(seedText);
    // 400 zero bytes in one stretch (line breaks kept, so that line numbers stay)
    for (let i = 3000; i < 3400; i++) if (buf[i] !== 0x0a) buf[i] = 0;
    buf[Buffer.from(seedText).indexOf("139.99")] = 0x07;
    const r = decodeText(buf);
    expect(r.encoding).toBe("utf-8");
    expect(r.damagedLines.length).toBeGreaterThanOrEqual(2);
    expect(r.damagedLines).toContain(39);
    expect(r.text).not.toMatch(/[\x00\x07]/);
  });

  it("a UTF-8 or UTF-16 file cut inside a character: the last line is marked", () => {
    const utf8 = Buffer.from(seedText.slice(0, 2000));
    expect(decodeText(utf8.subarray(0, utf8.length - 1)).damagedLines).toEqual([seedText.slice(0, 2000).split("\n").length]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seedText.slice(0, 2000), "utf16le")]);
    expect(decodeText(le.subarray(0, le.length - 1)).encoding).toBe("utf-16le");
  });

  it("a file that is mostly not text is still refused", () => {
    const big5 = iconv.encode(seedText, "big5");
    expect(() => decodeText(big5)).toThrow(InputError);
    const half = Buffer.from(seedText);
    for (let i = 0; i < half.length; i += 7) half[i] = 0xff;
    expect(() => decodeText(half)).toThrow(/无法识别文本编码/);
  });

  it("a number next to a replacement character is not read: its digits are incomplete", () => {
    expect(scanNumbers("本年收入合计\uFFFD15.43万元").map((n) => n.text)).toEqual([]);
    expect(scanNumbers("收入总计21\uFFFD.30万元，支出12.\uFFFD0万元").map((n) => n.text)).toEqual([]);
    expect(scanNumbers("实有人数10人\uFFFD其中在职8人").map((n) => n.text)).toEqual(["10", "8"]);
  });

  it("is checked: one warning names the lines, and no damaged number makes a false error", async () => {
    const bad = damageDigit(seedText, 25, "215.43");
    bad[Buffer.from(seedText).indexOf("32.50")] = 0xff;
    const clean = lintDocument(await parse(Buffer.from(seedText), "a.txt"), "a.txt").findings;
    const doc = await parse(bad, "a.txt");
    expect(doc.notices).toEqual([
      { code: "undecodable-bytes", message: "第25、40行有无法解码的字节，已以�代替，这些行的数字可能不完整，所在小节未参与核对", place: { line: 25 }, snippet: expect.stringContaining("本年收入合计\uFFFD15.43万元") },
    ]);
    const findings = lintDocument(doc, "a.txt").findings;
    const notes = findings.filter((f) => f.ruleId === "incomplete-reading");
    expect(notes.map((f) => [f.severity, f.message, f.location.line])).toEqual([
      ["warning", "未能完整核对：第25、40行有无法解码的字节，已以�代替，这些行的数字可能不完整，所在小节未参与核对", 25],
    ]);
    // every other finding is one the clean file has too (the damaged numbers only take relations out of the check)
    const key = (f: { ruleId: string; message: string }) => `${f.ruleId} ${f.message}`;
    const cleanKeys = new Set(clean.map(key));
    expect(findings.filter((f) => f.ruleId !== "incomplete-reading" && !cleanKeys.has(key(f))).map(key)).toEqual([]);
  });

  it("checkFile: status ok with the warning, where it used to fail as unknown-encoding", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gouji-damaged-"));
    try {
      const path = join(dir, "damaged.txt");
      writeFileSync(path, damageDigit(seedText, 25, "215.43"));
      const r = await checkFile(path);
      expect(r.status).toBe("ok");
      expect(r.findings.filter((f) => f.ruleId === "incomplete-reading").map((f) => f.message)).toEqual(["未能完整核对：第25行有无法解码的字节，已以�代替，这些行的数字可能不完整，所在小节未参与核对"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("checkFile on a batch", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "gouji-bad-input-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a good file gives findings, a bad one a failed result with its code; neither stops the other", async () => {
    const good = join(dir, "good.docx");
    const bad = join(dir, "bad.docx");
    writeFileSync(good, goodDocx);
    writeFileSync(bad, goodDocx.subarray(0, 5000));
    const results = await Promise.all([good, bad, join(dir, "missing.docx")].map((p) => checkFile(p)));
    expect(results[0]).toMatchObject({ status: "ok", format: "docx" });
    expect(results[0]!.findings.length).toBeGreaterThan(0);
    expect(results[0]!.error).toBeUndefined();
    expect(results[1]).toMatchObject({ status: "failed", error: { code: "corrupt-docx" }, findings: [] });
    expect(results[1]!.error!.message).toMatch(/损坏/);
    expect(results[2]).toMatchObject({ status: "failed", error: { code: "not-found" } });
  });

  it("a file over 200 MB is refused from its size alone (sparse file, nothing read)", async () => {
    const huge = join(dir, "huge.docx");
    writeFileSync(huge, "");
    truncateSync(huge, MAX_FILE_BYTES + 1);
    const r = await checkFile(huge);
    expect(r).toMatchObject({ status: "failed", error: { code: "file-too-large" } });
  });
});
