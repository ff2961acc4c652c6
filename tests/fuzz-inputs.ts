/**
 * Damaged inputs for tests/fuzz.test.ts, made from the real fixtures by seeded, reproducible mutations: the same
 * seed gives the same bytes on every machine. Each mutation names what it did, so a failing case can be rebuilt from
 * its seed and index alone.
 */
import JSZip from "jszip";
import iconv from "iconv-lite";

/** mulberry32: a small, fast PRNG with a 32-bit state; good enough to pick offsets and lengths. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]) => xs[int(xs.length)]!, between: (lo: number, hi: number) => lo + int(hi - lo + 1) };
}

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform integer in [0, n) */
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  /** uniform integer in [lo, hi] */
  between(lo: number, hi: number): number;
}

export interface Mutated {
  bytes: Uint8Array;
  /** what was done, for the failure message */
  what: string;
}

// -------------------------------------------------------------------------------------------------------------
// byte-level mutations (any format)

/** The file cut at a random length (a download that did not finish). */
export function truncate(rng: Rng, buf: Uint8Array): Mutated {
  const n = rng.int(buf.length);
  return { bytes: buf.slice(0, n), what: `truncated to ${n} of ${buf.length} bytes` };
}

/** 1 … `max` bytes at random places XORed with a random non-zero value (a copy of `buf`; `buf` is left alone). */
export function flipBytes(rng: Rng, buf: Uint8Array, max = 16): Mutated {
  const out = buf.slice();
  const k = rng.between(1, max);
  const at: number[] = [];
  for (let i = 0; i < k; i++) {
    const p = rng.int(out.length);
    out[p] = out[p]! ^ (1 + rng.int(255));
    at.push(p);
  }
  return { bytes: out, what: `${k} bytes flipped at ${at.join(",")}` };
}

/** Up to 512 bytes overwritten with random bytes, zeros or 0xFF (a bad sector, a botched copy). */
export function overwriteRange(rng: Rng, buf: Uint8Array): Mutated {
  const out = buf.slice();
  const start = rng.int(out.length);
  const len = Math.min(out.length - start, rng.between(1, 512));
  const fill = rng.pick(["random", "zero", "ff"] as const);
  for (let i = start; i < start + len; i++) out[i] = fill === "zero" ? 0 : fill === "ff" ? 0xff : rng.int(256);
  return { bytes: out, what: `${len} bytes at ${start} overwritten (${fill})` };
}

/** Up to 2 KB cut out of the middle. */
export function deleteRange(rng: Rng, buf: Uint8Array): Mutated {
  const start = rng.int(buf.length);
  const len = Math.min(buf.length - start, rng.between(1, 2048));
  return { bytes: concat(buf.subarray(0, start), buf.subarray(start + len)), what: `${len} bytes deleted at ${start}` };
}

/** Up to 2 KB of the file copied in somewhere else. */
export function duplicateRange(rng: Rng, buf: Uint8Array): Mutated {
  const start = rng.int(buf.length);
  const len = Math.min(buf.length - start, rng.between(1, 2048));
  const at = rng.int(buf.length);
  return { bytes: concat(buf.subarray(0, at), buf.subarray(start, start + len), buf.subarray(at)), what: `${len} bytes from ${start} copied to ${at}` };
}

export const BYTE_MUTATIONS = [truncate, flipBytes, overwriteRange, deleteRange, duplicateRange];

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

// -------------------------------------------------------------------------------------------------------------
// PDF: objects

/** One indirect object of a PDF: its number, dictionary text (latin1) and stream bytes, and where it lies. */
export interface PdfObject {
  num: number;
  gen: number;
  start: number;
  end: number;
  dict: string;
  stream?: Uint8Array;
}

/**
 * The indirect objects of a PDF with a classic layout (no object streams), found by scanning: "N G obj", the
 * dictionary, a stream of /Length bytes if there is one, "endobj". Enough for the fixtures; not a PDF parser. The
 * PDF mutations below throw (on an empty pick) when it finds no object of the kind they need.
 */
export function pdfObjects(buf: Uint8Array): PdfObject[] {
  const s = Buffer.from(buf).toString("latin1");
  const out: PdfObject[] = [];
  const head = /(\d+)\s+(\d+)\s+obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = head.exec(s))) {
    const bodyStart = m.index + m[0].length;
    const streamAt = s.indexOf("stream", bodyStart);
    const endAt = s.indexOf("endobj", bodyStart);
    if (endAt < 0) break;
    let end = endAt + "endobj".length;
    let dict = s.slice(bodyStart, endAt);
    let stream: Uint8Array | undefined;
    if (streamAt >= 0 && streamAt < endAt) {
      dict = s.slice(bodyStart, streamAt);
      const len = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
      let dataStart = streamAt + "stream".length;
      if (s[dataStart] === "\r") dataStart++;
      if (s[dataStart] === "\n") dataStart++;
      const dataEnd = len ? dataStart + Number(len[1]) : s.indexOf("endstream", dataStart);
      stream = buf.slice(dataStart, dataEnd);
      const after = s.indexOf("endobj", dataEnd);
      if (after < 0) break;
      end = after + "endobj".length;
    }
    out.push({ num: Number(m[1]), gen: Number(m[2]), start: m.index, end, dict: dict.trim(), stream });
    head.lastIndex = end;
  }
  return out;
}

/** Writes objects into a fresh PDF with a correct cross-reference table. */
export function writePdf(objects: PdfObject[], root: number, info?: number): Uint8Array {
  const chunks: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let pos = chunks[0]!.length;
  const offsets = new Map<number, number>();
  for (const o of objects) {
    const parts = [Buffer.from(`${o.num} ${o.gen} obj\n${o.dict}\n`, "latin1")];
    if (o.stream) parts.push(Buffer.from("stream\n", "latin1"), Buffer.from(o.stream), Buffer.from("\nendstream\n", "latin1"));
    parts.push(Buffer.from("endobj\n", "latin1"));
    const b = Buffer.concat(parts);
    offsets.set(o.num, pos);
    chunks.push(b);
    pos += b.length;
  }
  const size = Math.max(0, ...objects.map((o) => o.num)) + 1;
  const rows = ["0000000000 65535 f \n"];
  for (let n = 1; n < size; n++) {
    const at = offsets.get(n);
    rows.push(at === undefined ? "0000000000 65535 f \n" : `${String(at).padStart(10, "0")} 00000 n \n`);
  }
  const trailer = `<< /Size ${size} /Root ${root} 0 R${info ? ` /Info ${info} 0 R` : ""} >>`;
  chunks.push(Buffer.from(`xref\n0 ${size}\n${rows.join("")}trailer\n${trailer}\nstartxref\n${pos}\n%%EOF\n`, "latin1"));
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * A smaller PDF made of some pages of a bigger one (1-based page numbers): the page tree keeps only those pages, and
 * only the objects they reach are written. Needs a single flat page tree and a trailer naming /Root, as the fixture
 * has; throws a TypeError otherwise.
 */
export function keepPages(buf: Uint8Array, pages: number[]): Uint8Array {
  const objects = pdfObjects(buf);
  const byNum = new Map(objects.map((o) => [o.num, o]));
  const tail = Buffer.from(buf).toString("latin1").slice(-2048);
  const root = Number(/\/Root\s+(\d+)\s+\d+\s+R/.exec(tail)![1]);
  const tree = objects.find((o) => /\/Type\s*\/Pages\b/.test(o.dict))!;
  const kids = [...tree.dict.matchAll(/(\d+)\s+0\s+R/g)].map((m) => m[1]!);
  const kept = pages.map((p) => `${kids[p - 1]} 0 R`);
  const pagesObj = { ...tree, dict: `<< /Type /Pages /Count ${kept.length} /Kids [${kept.join(" ")}] >>` };
  byNum.set(tree.num, pagesObj);
  const reach = new Set<number>();
  const visit = (n: number) => {
    if (reach.has(n) || !byNum.has(n)) return;
    reach.add(n);
    for (const m of byNum.get(n)!.dict.matchAll(/(\d+)\s+0\s+R/g)) visit(Number(m[1]));
  };
  visit(root);
  return writePdf([...reach].sort((a, b) => a - b).map((n) => byNum.get(n)!), root);
}

function rewrite(buf: Uint8Array, objects: PdfObject[]): Uint8Array {
  // objects keep their place in the file (offsets in the xref go stale when sizes change: pdfjs must recover)
  const parts: Uint8Array[] = [];
  let pos = 0;
  for (const o of objects) {
    parts.push(buf.subarray(pos, o.start));
    const b = [Buffer.from(`${o.num} ${o.gen} obj\n${o.dict}\n`, "latin1")];
    if (o.stream) b.push(Buffer.from("stream\n"), Buffer.from(o.stream), Buffer.from("\nendstream\n"));
    b.push(Buffer.from("endobj"));
    parts.push(Buffer.concat(b));
    pos = o.end;
  }
  parts.push(buf.subarray(pos));
  return concat(...parts);
}

/** Objects in another order (the xref then points at the wrong objects). */
export function shuffleObjects(rng: Rng, buf: Uint8Array): Mutated {
  const objs = pdfObjects(buf);
  const pieces = objs.map((o) => buf.subarray(o.start, o.end));
  for (let i = pieces.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [pieces[i], pieces[j]] = [pieces[j]!, pieces[i]!];
  }
  const parts: Uint8Array[] = [];
  let pos = 0;
  objs.forEach((o, i) => {
    parts.push(buf.subarray(pos, o.start), pieces[i]!);
    pos = o.end;
  });
  parts.push(buf.subarray(pos));
  return { bytes: concat(...parts), what: "objects shuffled" };
}

/** One object removed (cut out of the file; the xref still names it). */
export function cutObject(rng: Rng, buf: Uint8Array): Mutated {
  const objs = pdfObjects(buf);
  const o = rng.pick(objs);
  return { bytes: concat(buf.subarray(0, o.start), buf.subarray(o.end)), what: `object ${o.num} cut out` };
}

/** A stream cut short, its bytes damaged, or its declared length wrong. */
export function damageStream(rng: Rng, buf: Uint8Array): Mutated {
  const objs = pdfObjects(buf);
  const streams = objs.filter((o) => o.stream && o.stream.length > 0);
  const o = rng.pick(streams);
  const kind = rng.pick(["cut", "flip", "length", "garbage"] as const);
  const s = o.stream!;
  if (kind === "cut") o.stream = s.slice(0, rng.int(s.length));
  else if (kind === "flip") o.stream = flipBytes(rng, s, 8).bytes;
  else if (kind === "garbage") o.stream = new Uint8Array(s.length).map(() => rng.int(256));
  else o.dict = o.dict.replace(/\/Length\s+\d+/, `/Length ${rng.pick([0, 1, s.length * 2, 99999999, -5])}`);
  return { bytes: rewrite(buf, objs), what: `stream of object ${o.num}: ${kind}` };
}

/** Two streams' data swapped (a content stream becomes a font program and the other way round). */
export function swapStreams(rng: Rng, buf: Uint8Array): Mutated {
  const objs = pdfObjects(buf);
  const streams = objs.filter((o) => o.stream);
  const a = rng.pick(streams);
  const b = rng.pick(streams);
  [a.stream, b.stream] = [b.stream, a.stream];
  return { bytes: rewrite(buf, objs), what: `streams of objects ${a.num} and ${b.num} swapped` };
}

const HOSTILE_NUMBERS = ["0", "-1", "1e308", "99999999999", "2147483648", "-2147483649", "NaN", "0.0000001", "4294967295", "1000000"];

/** A number in a dictionary (page count, box, width, reference) replaced by an extreme one. */
export function hostileNumber(rng: Rng, buf: Uint8Array): Mutated {
  const objs = pdfObjects(buf);
  const withNums = objs.filter((o) => /\d/.test(o.dict));
  const o = rng.pick(withNums);
  const nums = [...o.dict.matchAll(/-?\d+(?:\.\d+)?/g)];
  const m = rng.pick(nums);
  const v = rng.pick(HOSTILE_NUMBERS);
  o.dict = o.dict.slice(0, m.index) + v + o.dict.slice(m.index! + m[0].length);
  return { bytes: rewrite(buf, objs), what: `object ${o.num}: number ${m[0]} → ${v}` };
}

/** A key removed from a dictionary (/Font, /Contents, /Kids, /Encoding, /ToUnicode …). */
export function dropKey(rng: Rng, buf: Uint8Array): Mutated {
  const objs = pdfObjects(buf);
  const o = rng.pick(objs.filter((x) => /\/\w+/.test(x.dict)));
  const keys = [...o.dict.matchAll(/\/(\w+)/g)];
  const k = rng.pick(keys);
  o.dict = o.dict.slice(0, k.index) + o.dict.slice(k.index! + k[0].length);
  return { bytes: rewrite(buf, objs), what: `object ${o.num}: name /${k[1]} removed` };
}

/** The cross-reference table or trailer damaged or removed. */
export function damageXref(rng: Rng, buf: Uint8Array): Mutated {
  const s = Buffer.from(buf).toString("latin1");
  const at = s.lastIndexOf("xref");
  const kind = rng.pick(["remove-xref", "remove-trailer", "bad-startxref", "scramble-offsets"] as const);
  let out = s;
  if (kind === "remove-xref" && at >= 0) out = s.slice(0, at);
  else if (kind === "remove-trailer") out = s.replace(/trailer[\s\S]*$/, "");
  else if (kind === "bad-startxref") out = s.replace(/startxref\s+\d+/, `startxref\n${rng.pick([0, 1, 999999999, buf.length - 5])}`);
  else out = s.replace(/(\d{10}) (\d{5}) n/g, (x) => (rng.next() < 0.3 ? `${String(rng.int(buf.length)).padStart(10, "0")} 00000 n` : x));
  return { bytes: new Uint8Array(Buffer.from(out, "latin1")), what: `xref: ${kind}` };
}

export const PDF_MUTATIONS = [shuffleObjects, cutObject, damageStream, damageStream, swapStreams, hostileNumber, hostileNumber, dropKey, damageXref];

// -------------------------------------------------------------------------------------------------------------
// docx: zip entries and table XML

async function rezip(z: JSZip): Promise<Uint8Array> {
  return new Uint8Array(await z.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/** A part removed from the package. */
export async function removeEntry(rng: Rng, buf: Uint8Array): Promise<Mutated> {
  const z = await JSZip.loadAsync(buf);
  const name = rng.pick(Object.keys(z.files).filter((n) => !z.files[n]!.dir));
  z.remove(name);
  return { bytes: await rezip(z), what: `entry ${name} removed` };
}

/** A part's content damaged: cut short, bytes flipped, or replaced by garbage (then zipped again, so the zip is sound). */
export async function corruptEntry(rng: Rng, buf: Uint8Array): Promise<Mutated> {
  const z = await JSZip.loadAsync(buf);
  const names = Object.keys(z.files).filter((n) => !z.files[n]!.dir);
  // the main document most of the time: it is what is read
  const name = rng.next() < 0.6 && z.file("word/document.xml") ? "word/document.xml" : rng.pick(names);
  const data = await z.file(name)!.async("uint8array");
  const kind = rng.pick(["cut", "flip", "garbage", "empty"] as const);
  const out = kind === "cut" ? data.slice(0, rng.int(data.length)) : kind === "flip" ? flipBytes(rng, data, 8).bytes : kind === "empty" ? new Uint8Array(0) : new Uint8Array(rng.between(1, 4096)).map(() => rng.int(256));
  z.file(name, out);
  return { bytes: await rezip(z), what: `entry ${name}: ${kind}` };
}

/** The raw bytes of one entry's compressed data damaged inside the zip (the directory stays intact). */
export async function damageCompressedEntry(rng: Rng, buf: Uint8Array): Promise<Mutated> {
  const out = buf.slice();
  const dv = new DataView(out.buffer);
  const locals: number[] = [];
  for (let i = 0; i + 30 < out.length; i++) if (dv.getUint32(i, true) === 0x04034b50) locals.push(i);
  const at = rng.pick(locals);
  const start = at + 30 + dv.getUint16(at + 26, true) + dv.getUint16(at + 28, true);
  const size = dv.getUint32(at + 18, true);
  const k = rng.between(1, 8);
  for (let i = 0; i < k && size > 0; i++) {
    const p = start + rng.int(size);
    if (p < out.length) out[p] = out[p]! ^ (1 + rng.int(255));
  }
  return { bytes: out, what: `compressed data of the entry at ${at}: ${k} bytes flipped` };
}

const TABLE_EDITS = ["drop-tc", "drop-tc", "drop-tr", "drop-tcPr", "bad-gridSpan", "add-vMerge", "drop-tblGrid", "unclose-tbl", "empty-tc"] as const;

/**
 * A Word table damaged the way hand-edited or badly converted files are: a cell (<w:tc>) or row lost, spans that
 * no longer fit the grid, a vertical merge that starts nowhere, the grid removed.
 */
export async function damageTable(rng: Rng, buf: Uint8Array): Promise<Mutated> {
  const z = await JSZip.loadAsync(buf);
  let xml = await z.file("word/document.xml")!.async("string");
  const edit = rng.pick(TABLE_EDITS);
  const nth = (re: RegExp) => {
    const ms = [...xml.matchAll(re)];
    return ms.length ? rng.pick(ms) : undefined;
  };
  const cut = (m: RegExpMatchArray | undefined, by = "") => {
    if (m) xml = xml.slice(0, m.index) + by + xml.slice(m.index! + m[0].length);
  };
  const count = rng.between(1, 3);
  for (let i = 0; i < count; i++) {
    if (edit === "drop-tc") cut(nth(/<w:tc>[\s\S]*?<\/w:tc>/g));
    else if (edit === "drop-tr") cut(nth(/<w:tr[ >][\s\S]*?<\/w:tr>/g));
    else if (edit === "drop-tcPr") cut(nth(/<w:tcPr>[\s\S]*?<\/w:tcPr>/g));
    else if (edit === "bad-gridSpan") {
      const v = rng.pick(["0", "-1", "99", "abc", "2", "4294967296"]);
      const m = nth(/<w:tcPr>/g);
      cut(m, `<w:tcPr><w:gridSpan w:val="${v}"/>`);
    } else if (edit === "add-vMerge") {
      const m = nth(/<w:tcPr>/g);
      cut(m, `<w:tcPr><w:vMerge${rng.next() < 0.5 ? ' w:val="restart"' : ""}/>`);
    } else if (edit === "drop-tblGrid") cut(nth(/<w:tblGrid>[\s\S]*?<\/w:tblGrid>/g));
    else if (edit === "unclose-tbl") cut(nth(/<\/w:tbl>/g));
    else cut(nth(/<w:tc>[\s\S]*?<\/w:tc>/g), "<w:tc></w:tc>");
  }
  z.file("word/document.xml", xml);
  return { bytes: await rezip(z), what: `document.xml table: ${edit} ×${count}` };
}

export const DOCX_MUTATIONS = [removeEntry, corruptEntry, damageCompressedEntry, damageTable, damageTable, damageTable];

/**
 * A smaller .docx: the body's first `head` paragraphs and tables, and its first `tables` tables with the `around`
 * blocks before and after each (their titles and notes); the section properties are kept. Quick to read, and still
 * made of the document's own XML.
 */
export async function docxExcerpt(buf: Uint8Array, { head = 12, tables = 2, around = 3 } = {}): Promise<Uint8Array> {
  const z = await JSZip.loadAsync(buf);
  const xml = await z.file("word/document.xml")!.async("string");
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(xml)!;
  const inner = body[1]!;
  const sect = /<w:sectPr[\s\S]*<\/w:sectPr>\s*$/.exec(inner)?.[0] ?? "";
  const blocks = [...inner.matchAll(/<w:(p|tbl)\b[^>]*?(?:\/>|>[\s\S]*?<\/w:\1>)/g)].map((m) => ({ xml: m[0], table: m[1] === "tbl" }));
  const keep = new Set<number>();
  for (let i = 0; i < Math.min(head, blocks.length); i++) keep.add(i);
  blocks
    .map((b, i) => (b.table ? i : -1))
    .filter((i) => i >= 0)
    .slice(0, tables)
    .forEach((t) => {
      for (let i = Math.max(0, t - around); i <= Math.min(blocks.length - 1, t + around); i++) keep.add(i);
    });
  const kept = [...keep].sort((a, b) => a - b).map((i) => blocks[i]!.xml);
  z.file("word/document.xml", xml.slice(0, body.index) + `<w:body>${kept.join("")}${sect}</w:body>` + xml.slice(body.index + body[0].length));
  return rezip(z);
}

// -------------------------------------------------------------------------------------------------------------
// txt

/** Text re-encoded (UTF-8, GBK, UTF-16 LE with BOM) before the bytes are damaged. */
export function encodeText(rng: Rng, text: string): { bytes: Uint8Array; encoding: string } {
  const encoding = rng.pick(["utf-8", "utf-8", "gbk", "utf-16le-bom"] as const);
  if (encoding === "gbk") return { bytes: new Uint8Array(iconv.encode(text, "gbk")), encoding };
  if (encoding === "utf-16le-bom") return { bytes: new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])), encoding };
  return { bytes: new Uint8Array(Buffer.from(text)), encoding };
}

/** A table's cells lost: a tab removed from a row, or a cell line dropped. */
export function damageTextTable(rng: Rng, text: string): { text: string; what: string } {
  const lines = text.split("\n");
  const tabbed = lines.map((l, i) => [l, i] as const).filter(([l]) => l.includes("\t"));
  if (!tabbed.length) return { text, what: "no table" };
  const k = rng.between(1, 5);
  for (let j = 0; j < k; j++) {
    const [, i] = rng.pick(tabbed);
    const l = lines[i]!;
    if (rng.next() < 0.5) lines[i] = l.replace("\t", "");
    else lines[i] = "";
  }
  return { text: lines.join("\n"), what: `${k} table cells damaged` };
}
