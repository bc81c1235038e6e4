// The newest posts, filtered by theme and tag, a page at a time (the API's cursor in the URL).
import { getJson } from './api.js';
import { h, pageLink } from './dom.js';
import { navigate } from './navigation.js';
import { postSummary } from './summary.js';

export const pageSize = 10;

export async function postsView(params) {
  const theme = params.get('theme') ?? '';
  const tag = params.get('tag') ?? '';
  const cursor = params.get('cursor') ?? '';
  const [page, themes, tags] = await Promise.all([
    getJson('/posts', { theme, tag, cursor, limit: pageSize }),
    getJson('/themes'),
    getJson('/tags'),
  ]);
  const themeName = themes.items.find((t) => t.slug === theme)?.name;
  const heading = [theme ? `Posts in ${themeName ?? theme}` : 'Newest posts', tag ? ` tagged #${tag}` : ''].join('');
  document.title = `${heading} · Archive`;
  return h('section', { class: 'posts' },
    h('h1', {}, heading),
    filters(themes.items, tags.items, theme, tag),
    page.items.length
      ? h('ol', { class: 'post-list' }, page.items.map((post) => postSummary(post)))
      : h('p', { class: 'empty' }, 'No posts match.'),
    h('nav', { class: 'pager', 'aria-label': 'Pages' },
      cursor ? pageLink({ theme, tag }, '← Newest') : null,
      page.nextCursor ? pageLink({ theme, tag, cursor: page.nextCursor }, 'Older posts →') : null));
}

function filters(themes, tags, theme, tag) {
  const themeSelect = select('theme', 'Theme', 'All themes', themes.map((t) => [t.slug, `${t.name} (${t.posts})`]), theme);
  const tagSelect = select('tag', 'Tag', 'All tags', tags.map((t) => [t.slug, `#${t.name} (${t.posts})`]), tag);
  const form = h('form', { class: 'filters', action: './', method: 'get' }, themeSelect, tagSelect,
    h('noscript', {}, h('button', { type: 'submit' }, 'Filter')));
  form.addEventListener('change', () => {
    const data = new FormData(form);
    navigate({ theme: data.get('theme'), tag: data.get('tag') });
  });
  return form;
}

function select(name, label, everything, options, current) {
  const id = `filter-${name}`;
  const control = h('select', { id, name },
    h('option', { value: '' }, everything),
    options.map(([value, text]) => h('option', { value, selected: value === current }, text)));
  // A tag given as written (not as its key) still shows as chosen.
  if (current && !options.some(([value]) => value === current)) control.append(h('option', { value: current, selected: true }, current));
  return h('label', { for: id }, h('span', {}, label), control);
}
