// Search results: the API ranks and marks them; the snippet's <mark> is the only markup kept.
import { getJson } from './api.js';
import { h, markedText, pageLink } from './dom.js';
import { postSummary } from './summary.js';

export async function searchView(params) {
  const q = params.get('q') ?? '';
  const theme = params.get('theme') ?? '';
  const tag = params.get('tag') ?? '';
  const cursor = params.get('cursor') ?? '';
  const box = document.getElementById('q');
  if (box) box.value = q;
  const result = await getJson('/search', { q, theme, tag, cursor });
  document.title = `${q} · Search · Archive`;
  const count = result.total === 1 ? '1 post' : `${result.total} posts`;
  return h('section', { class: 'search-results' },
    h('h1', {}, `${count} found for `, h('q', {}, q)),
    result.items.length
      ? h('ol', { class: 'post-list' }, result.items.map((item) =>
        postSummary(item.post, h('p', { class: 'snippet' }, markedText(item.snippet)))))
      : h('p', { class: 'empty' }, 'Nothing matches every word. Try fewer words, or another spelling.'),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      cursor ? pageLink({ q, theme, tag }, '← Best matches') : null,
      result.nextCursor ? pageLink({ q, theme, tag, cursor: result.nextCursor }, 'More results →') : null));
}
