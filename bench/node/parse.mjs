// The Node peer: reads every post of a folder, parses its front matter with gray-matter, renders the
// body with markdown-it and counts the words of the rendered text. One thread, as Node runs it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';
import MarkdownIt from 'markdown-it';

const folder = process.argv[2] ?? 'corpus';
const md = new MarkdownIt({ linkify: true });
const files = readdirSync(folder).filter((f) => f.endsWith('.md'));
const started = process.hrtime.bigint();
let words = 0;
let html = 0;
for (const file of files) {
  const { content } = matter(readFileSync(join(folder, file), 'utf8'), { cache: false });
  const rendered = md.render(content);
  html += rendered.length;
  const text = rendered.replace(/<[^>]*>/g, ' ');
  words += text.split(/\s+/).filter(Boolean).length;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`posts: ${files.length}`);
console.log(`words: ${words}`);
console.log(`html_chars: ${html}`);
console.log(`seconds: ${seconds.toFixed(3)}`);
console.log(`posts_per_second: ${Math.round(files.length / seconds)}`);
