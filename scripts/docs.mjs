// Regenerates the README's rules section from rule metadata: `npm run docs` (after `npm run build`).
import { readFileSync, writeFileSync } from "node:fs";
import { rules } from "../dist/rules/index.js";
import { replaceRulesSection } from "../dist/src/report/rules-doc.js";
const path = new URL("../README.md", import.meta.url);
writeFileSync(path, replaceRulesSection(readFileSync(path, "utf8"), rules));
