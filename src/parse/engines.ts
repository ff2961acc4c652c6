/**
 * The PDF readers gouji can use (a module of its own so that the CLI and the config schema can name them without
 * loading a parser).
 * - `pdfium`: PDFium compiled to WebAssembly; pdfjs reads what PDFium cannot (the default);
 * - `pdfjs`: the pdfjs of pdf-parse alone.
 */
export const PDF_ENGINES = ["pdfium", "pdfjs"] as const;
export type PdfEngine = (typeof PDF_ENGINES)[number];
