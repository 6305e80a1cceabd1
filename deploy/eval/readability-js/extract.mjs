// Readability.js over every .html / .html.gz page in a directory: one JSON line per page on stdout,
// {"id", "text", "ms"}, in the predictions format of aeb-eval.py; pages per second on stderr.
// Usage: node extract.mjs DIR > predictions.jsonl
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node extract.mjs DIR  (a directory of .html or .html.gz pages)');
  process.exit(2);
}
const files = readdirSync(dir).filter(f => f.endsWith('.html') || f.endsWith('.html.gz')).sort();
const pages = files.map(f => {
  const bytes = readFileSync(join(dir, f));
  return { id: f.replace(/\.html(\.gz)?$/, ''), html: (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8') };
});

// Readability's textContent keeps the page's whitespace; paragraphs become blank-line separated like ours.
function paragraphs(article) {
  if (!article || !article.content) return '';
  const { document } = parseHTML(`<html><body>${article.content}</body></html>`);
  const blocks = [...document.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, blockquote, pre')]
    .filter(el => !el.querySelector('p, li, blockquote'))
    .map(el => el.textContent.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return blocks.length ? blocks.join('\n\n') : article.textContent.replace(/\s+/g, ' ').trim();
}

function extract(html) {
  const { document } = parseHTML(html);
  return new Readability(document).parse();
}

// Warm-up round so the JIT has compiled the hot paths before the measured round, as the Java benchmark does.
for (const page of pages) {
  try { extract(page.html); } catch { /* measured below */ }
}
let total = 0;
for (const page of pages) {
  const start = process.hrtime.bigint();
  let text = '';
  let warning;
  try {
    const article = extract(page.html);
    text = paragraphs(article);
  } catch (e) {
    warning = String(e && e.message || e);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  total += ms;
  process.stdout.write(JSON.stringify(warning ? { id: page.id, text, ms, warning } : { id: page.id, text, ms }) + '\n');
}
console.error(`readability.js: ${pages.length} pages in ${(total / 1000).toFixed(2)} s = ${(pages.length / (total / 1000)).toFixed(1)} pages/s (one core)`);
