import { InputError, type SourceDocument } from "./source.js";
import type { ParseOptions } from "./index.js";

export async function parsePdf(_buf: Uint8Array, _opts: ParseOptions = {}): Promise<SourceDocument> {
  throw new InputError("unsupported-format", "暂不支持 PDF");
}
