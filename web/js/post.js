// One post: its title, date, reading time and rendered HTML, then the posts most like it.
import { getJson, postPath } from './api.js';
import { h } from './dom.js';
import { postMeta, postSummary } from './summary.js';

export async function postView(idOrSlug) {
  const post = await getJson(postPath(idOrSlug));
  document.title = `${post.title} · Archive`;
  const body = h('div', { class: 'post-body' });
  // The API's html is rendered and sanitized on the server (no script, handlers or javascript:
  // URLs); it is the one piece of API data inserted as HTML, and the CSP backs it up.
  body.innerHTML = post.html;
  // Posts often open with their own title as a heading: shown once, as the page's.
  const first = body.firstElementChild;
  if (first?.tagName === 'H1' && first.textContent.trim().toLowerCase() === post.title.trim().toLowerCase()) first.remove();
  const related = h('section', { class: 'related', 'aria-labelledby': 'related-heading' },
    h('h2', { id: 'related-heading' }, 'Related posts'), h('p', { class: 'loading' }, 'Loading…'));
  fillRelated(related, post.id);
  return h('article', { class: 'post-page', 'data-id': post.id },
    h('h1', {}, post.title),
    postMeta(post),
    body,
    related);
}

// Related posts arrive after the post itself: the post is readable first, and their failure is theirs.
async function fillRelated(section, id) {
  let content;
  try {
    const related = await getJson(`${postPath(id)}/related`);
    content = related.items.length
      ? h('ol', { class: 'post-list related-list' }, related.items.map((item) => postSummary(item.post)))
      : h('p', { class: 'empty' }, 'No related posts yet.');
  } catch {
    content = h('p', { class: 'empty' }, 'Related posts could not be loaded.');
  }
  section.querySelector('.loading').replaceWith(content);
}
