import { decodeText } from "./decode.js";
import type { SourceBlock, SourceCell, SourceDocument, SourceNotice } from "./source.js";

/**
 * Reads a .txt report. Two table encodings occur in real exports and both become tables:
 *  - one cell per line, each line indented by a single tab, a blank line between rows (Word "save as text");
 *  - one row per line, cells separated by tabs (copy-paste from Word or Excel).
 */
export function parseTxt(buf: Uint8Array): SourceDocument {
  const { text, damagedLines } = decodeText(buf);
  const doc: SourceDocument = { format: "txt", blocks: txtBlocks(text) };
  if (damagedLines.length) doc.notices = [undecodableNotice(text, damagedLines)];
  return doc;
}

/** Lines named in one notice at most; the rest are counted. */
const MAX_LINES_NAMED = 20;

/**
 * One notice for all damaged lines: "第12、40行有无法解码的字节，已以�代替，这些行的数字可能不完整，所在小节未参与核对"
 * (the engine withholds what those sections would report: src/engine/damage.ts).
 */
export function undecodableNotice(text: string, damagedLines: number[]): SourceNotice {
  const named = damagedLines.slice(0, MAX_LINES_NAMED).join("、");
  const more = damagedLines.length > MAX_LINES_NAMED ? `行等共${damagedLines.length}` : "";
  const first = damagedLines[0]!;
  const line = text.split(/\r\n|\r|\n/, first)[first - 1]!.trim();
  return {
    code: "undecodable-bytes",
    message: `第${named}${more}行有无法解码的字节，已以�代替，这些行的数字可能不完整，所在小节未参与核对`,
    place: { line: first },
    snippet: line.length > 60 ? `${line.slice(0, 60)}…` : line,
  };
}

const CELL_LINE = /^\t[^\t]*$/;

export function txtBlocks(text: string): SourceBlock[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const blocks: SourceBlock[] = [];
  let i = 0;
  const isRowLine = (s: string | undefined) => s !== undefined && /\t/.test(s) && !CELL_LINE.test(s);
  const isCellLine = (s: string | undefined) => s !== undefined && CELL_LINE.test(s);
  // a cell line may hold only a full-width space; a blank line has no tab at all
  const isBlank = (s: string | undefined) => s !== undefined && !s.includes("\t") && s.trim() === "";
  while (i < lines.length) {
    const line = lines[i]!;
    if (isRowLine(line)) {
      // Tab-separated rows; a single blank line inside such a run does not end the table.
      const rows: SourceCell[][] = [];
      const start = i;
      while (i < lines.length) {
        const l = lines[i]!;
        if (isRowLine(l)) {
          rows.push(splitRow(l, i + 1));
          i++;
        } else if (isBlank(l) && isRowLine(lines[i + 1])) {
          i++;
        } else break;
      }
      blocks.push({ kind: "table", rows, place: { line: start + 1 } });
      continue;
    }
    if (isCellLine(line)) {
      const rows: SourceCell[][] = [];
      let row: SourceCell[] = [];
      const start = i;
      while (i < lines.length) {
        const l = lines[i]!;
        if (isCellLine(l)) {
          row.push({ text: l.slice(1).trim(), place: { line: i + 1 } });
          i++;
        } else if (isBlank(l)) {
          if (row.length) rows.push(row);
          row = [];
          // the table goes on only if a cell line follows the blank run
          let j = i;
          while (j < lines.length && isBlank(lines[j])) j++;
          // rows are one blank line apart; a wider gap starts another table
          if (!isCellLine(lines[j]) || j - i > 1) {
            i = j;
            break;
          }
          i = j;
        } else if (row.length) {
          // a cell whose text runs over several lines: only its first line carries the tab
          const last = row[row.length - 1]!;
          last.text = last.text ? `${last.text}\n${l.trim()}` : l.trim();
          i++;
        } else break;
      }
      if (row.length) rows.push(row);
      blocks.push({ kind: "table", rows, place: { line: start + 1 } });
      continue;
    }
    blocks.push({ kind: "text", text: line, place: { line: i + 1 } });
    i++;
  }
  return blocks;
}

function splitRow(line: string, lineNo: number): SourceCell[] {
  const cells = line.split("\t").map((t) => ({ text: t.trim(), place: { line: lineNo } }));
  // trailing empty cells are layout, not data
  while (cells.length > 1 && cells[cells.length - 1]!.text === "") cells.pop();
  return cells;
}
