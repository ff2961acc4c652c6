// Builds tests/fixtures/html/<name>.html from fixtures/docx/<name>.docx: the same text and tables as a saved web page
// of a department's site would hold them, to test that a web page gives the .docx's findings.
//
//   node scripts/make-html-fixtures.mjs
//
// The body is mammoth's HTML of the .docx (one <p> per paragraph, one <table> per Word table), placed in a page as
// government sites publish one: a <head> with styles and scripts, a site header with a menu and a search box, a
// breadcrumb, the article inside a layout table, a sidebar of links, a footer with the copyright and the site's
// statistics script. Half the files are saved in GB2312/GB18030 (declared in a <meta http-equiv> tag), as many older
// CMSs still serve them; the others in UTF-8 with <meta charset>. Output is deterministic.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import mammoth from "mammoth";
import iconv from "iconv-lite";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const srcDir = join(root, "fixtures", "docx");
const outDir = join(root, "tests", "fixtures", "html");
mkdirSync(outDir, { recursive: true });

const page = (title, body, charsetTag) => `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
${charsetTag}
<title>${title}_部门预决算公开_某区人民政府</title>
<style type="text/css">body{font-size:14px}.nav li{float:left}td{border:1px solid #999}</style>
<script type="text/javascript">var siteId = 42; document.write("<p>统计 2024年 123.45万元</p>");</script>
</head>
<body>
<div id="header" class="header"><div class="logo">某区人民政府 2024年</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开 100.00万元</a></li><li><a href="/yjs">预决算公开</a></li></ul>
<form action="/search"><input type="text" name="q" value="搜索 2024年决算"/><button>搜索</button></form></div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 预决算公开 &gt; 2024年</div>
<table width="1000" align="center"><tr><td class="left" width="760">
<div class="article"><div id="zoom" class="TRS_Editor">
${body}
</div></div>
</td><td class="sidebar" width="240"><div class="side"><h3>相关链接</h3><ul><li><a href="#">2023年部门决算 99.00万元</a></li><li><a href="#">2022年部门决算</a></li></ul></div></td></tr></table>
<div id="footer" class="footer"><p>版权所有：某区人民政府办公室 &copy; 2024 网站标识码 3101070001</p>
<p>联系电话：021-12345678 本站共访问 1,234,567 次</p></div>
<script>(function(){var s=document.createElement("script");s.src="https://example.invalid/stat.js?id=3101";})();</script>
</body>
</html>
`;

const files = readdirSync(srcDir).filter((f) => f.endsWith(".docx")).sort();
for (const [i, f] of files.entries()) {
  const { value: body } = await mammoth.convertToHtml({ path: join(srcDir, f) });
  // one paragraph or table per line, so the fixture reads (and diffs) like a page saved from a browser
  const html = body.replace(/(<\/(?:p|h\d|table|tr)>)/g, "$1\n");
  const name = basename(f, ".docx");
  const gbk = i % 2 === 1;
  const tag = gbk ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />' : '<meta charset="utf-8" />';
  const text = page(name, html, tag);
  writeFileSync(join(outDir, `${name}.html`), gbk ? iconv.encode(text, "gb18030") : Buffer.from(text, "utf8"));
  console.log(`${name}.html ${gbk ? "GB18030" : "UTF-8"} ${text.length} chars`);
}
