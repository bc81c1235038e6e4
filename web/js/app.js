// The reader: picks the view the URL names, renders it into <main>, and keeps feed links on the API.
import { apiBase } from './api.js';
import { replaceChildren } from './dom.js';
import { errorView, loading } from './messages.js';
import { followLinksInPage } from './navigation.js';
import { postView } from './post.js';
import { postsView } from './posts.js';
import { readingTimeView } from './reading-time.js';
import { searchView } from './search.js';
import { themesView } from './themes.js';

// Feed items link to {site}/posts/{id} (Archive:SiteUrl): such a path opens that post's page, at its usual URL.
const linked = /^\/posts\/([^/]+)(?:\/[^/]*)?\/?$/.exec(location.pathname);
if (linked) history.replaceState(null, '', `/?${new URLSearchParams({ post: decodeURIComponent(linked[1]) })}`);

const main = document.getElementById('view');
let current = 0;

function viewFor(params) {
  if (params.has('post')) return postView(params.get('post'));
  if (params.has('q')) return searchView(params);
  switch (params.get('view')) {
    case 'themes': return themesView();
    case 'reading-time': return readingTimeView(params);
    default: return postsView(params);
  }
}

async function render(moveFocus = false) {
  // A slow answer for a page the reader already left is dropped.
  const mine = ++current;
  const params = new URLSearchParams(location.search);
  const box = document.getElementById('q');
  if (box && !params.has('q')) box.value = '';
  main.setAttribute('aria-busy', 'true');
  if (!main.querySelector('.loading')) replaceChildren(main, loading());
  let content;
  try {
    content = await viewFor(params);
  } catch (error) {
    content = errorView(error);
  }
  if (mine !== current) return;
  replaceChildren(main, content);
  main.removeAttribute('aria-busy');
  if (moveFocus) {
    // After following a link, a screen reader starts at the new view's heading, as after a page load.
    const heading = main.querySelector('h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus({ preventScroll: true });
  }
  if (!document.body.dataset.ready) {
    document.body.dataset.ready = 'true';
    // When the first view was on screen: the load-time figure the reader's tests report.
    performance.mark('archive:first-view');
  }
}

async function linkFeeds() {
  const base = await apiBase();
  for (const [id, path, type] of [['feed-atom', '/feed.xml', 'application/atom+xml'], ['feed-json', '/feed.json', 'application/feed+json'], ['api-docs', '/openapi.json', null]]) {
    document.getElementById(id).href = base + path;
    if (type) {
      const link = document.createElement('link');
      Object.assign(link, { rel: 'alternate', type, href: base + path, title: 'Archive' });
      document.head.append(link);
    }
  }
}

document.querySelector('form.search').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = new FormData(event.target).get('q').trim();
  if (!q) return;
  history.pushState(null, '', `?${new URLSearchParams({ q })}`);
  render(true);
});
followLinksInPage(document.body);
window.addEventListener('popstate', () => render());
window.addEventListener('archive:navigate', () => {
  render(true);
  window.scrollTo(0, 0);
});
linkFeeds();
render();
