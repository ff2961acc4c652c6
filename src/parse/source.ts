/**
 * What every parser (txt, docx, pdf) hands to the model builder: the document as a flat list of text lines and
 * tables, each with its place in the source. Everything after this point is format-independent.
 */
export interface SourcePlace {
  /** 1-based page (pdf) */
  page?: number;
  /** 1-based line in the source text (txt) */
  line?: number;
  /** 1-based body paragraph (docx) */
  paragraph?: number;
}

export interface SourceText {
  kind: "text";
  /** one visual line or paragraph, without its line break */
  text: string;
  place: SourcePlace;
  /** the line runs to the right margin and the sentence goes on in the next line (PDF layout) */
  wrapped?: boolean;
}

export interface SourceCell {
  text: string;
  place: SourcePlace;
  colSpan?: number;
  rowSpan?: number;
}

export interface SourceTable {
  kind: "table";
  rows: SourceCell[][];
  place: SourcePlace;
  /** the last page it reaches, when printed over several (a cell's place is where it starts) */
  lastPage?: number;
}

export type SourceBlock = SourceText | SourceTable;

/**
 * Something the parser read only in part (damaged bytes replaced, characters without a Unicode mapping): the file
 * is still checked, and the model turns each notice into a Report notice (one `incomplete-reading` warning), so the
 * reader knows which numbers may be missing or incomplete.
 */
export interface SourceNotice {
  /** stable, kebab-case: "undecodable-bytes", "unmapped-glyphs" */
  code: string;
  /** Chinese, for people: where and what, and what it means for the numbers there */
  message: string;
  /** the first place concerned, with the text shown there */
  place?: SourcePlace;
  snippet?: string;
}

export interface SourceDocument {
  format: "txt" | "docx" | "pdf" | "html";
  blocks: SourceBlock[];
  pages?: number;
  notices?: SourceNotice[];
  /** a PDF's page numbers as printed on its pages, by page index (1-based), where they differ from the index */
  pageLabels?: Record<number, string>;
}

/** A file that cannot be read. `code` is stable (OUTPUT.md `error.code`); `message` is for people, in Chinese. */
export class InputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "InputError";
  }
}
