// The reader's script. Every page is whole without it (§12): this only makes following a link swap
// the page's <main> instead of loading it anew, gives Back the scroll position it left, and searches
// as the reader types. What it inserts is the server's own HTML, parsed as a document and moved in
// as nodes: no string of data is ever written as markup here.
const pageTypes = /^text\/html\b/;
let latest = 0;
let typing;

history.scrollRestoration = 'manual';
if (history.state?.scroll) window.scrollTo(0, history.state.scroll);

/** A link or form target this script may load in place: a page of this site, not the API, a file or a feed. */
function isPage(url) {
  return url.origin === location.origin && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/assets/')
    && !/\.(xml|txt|png|ico|json|svg)$/.test(url.pathname);
}

function remember() {
  history.replaceState({ ...history.state, scroll: window.scrollY }, '');
}

function notice(text) {
  const box = document.createElement('div');
  box.className = 'notice';
  box.setAttribute('role', 'alert');
  const heading = document.createElement('h1');
  heading.textContent = 'The archive does not answer';
  const line = document.createElement('p');
  line.textContent = text;
  box.append(heading, line);
  return box;
}

/**
 * Loads a page into this one. `how`: 'push' (a link followed), 'replace' (the search box's next
 * letter), or 'pop' (Back or Forward, to the scroll position kept with that entry).
 */
async function load(href, how, scroll = 0) {
  const mine = ++latest;
  const main = document.getElementById('main');
  main.setAttribute('aria-busy', 'true');
  let response;
  let text;
  try {
    response = await fetch(href, { headers: { Accept: 'text/html' } });
    text = await response.text();
  } catch {
    if (mine !== latest) return;
    main.removeAttribute('aria-busy');
    main.replaceChildren(notice('Check your connection, then try again: the page is still at this address.'));
    return;
  }
  if (mine !== latest) return;
  if (!pageTypes.test(response.headers.get('content-type') ?? '')) {
    location.assign(href);
    return;
  }
  const next = new DOMParser().parseFromString(text, 'text/html');
  const nextMain = next.getElementById('main');
  if (!nextMain) {
    location.assign(href);
    return;
  }
  if (how === 'push') {
    remember();
    history.pushState({ scroll: 0 }, '', response.url);
  } else if (how === 'replace') {
    history.replaceState({ scroll: 0 }, '', response.url);
  }
  document.title = next.title;
  for (const selector of ['header.site nav', 'link[rel="canonical"]', 'meta[name="description"]']) {
    const mineNode = document.querySelector(selector);
    const theirs = next.querySelector(selector);
    if (mineNode && theirs) mineNode.replaceWith(document.adoptNode(theirs));
  }
  main.replaceWith(document.adoptNode(nextMain));
  window.scrollTo(0, scroll);
  if (how === 'push') {
    // After following a link, keyboard and screen-reader users start at the new page's content, as after a load.
    nextMain.focus({ preventScroll: true });
  }
  const box = document.getElementById('q');
  if (box && how !== 'replace') box.value = new URL(response.url).searchParams.get('q') ?? '';
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest?.('a[href]');
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href);
  if (!isPage(url)) return;
  // A link within this page (the skip link, a footnote) is the browser's to follow.
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  load(url.href, 'push');
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form.method !== 'get') return;
  const url = new URL(form.action);
  if (!isPage(url)) return;
  event.preventDefault();
  url.search = new URLSearchParams(new FormData(form)).toString();
  load(url.href, 'push');
});

// Search as you type: each pause loads the results page in place of the last one (one history entry per search).
document.addEventListener('input', (event) => {
  if (event.target.id !== 'q') return;
  clearTimeout(typing);
  const q = event.target.value.trim();
  if (q.length < 2) return;
  typing = setTimeout(() => {
    const url = new URL('/search', location.origin);
    url.searchParams.set('q', q);
    load(url.href, location.pathname === '/search' ? 'replace' : 'push');
  }, 250);
});

window.addEventListener('popstate', (event) => load(location.href, 'pop', event.state?.scroll ?? 0));
window.addEventListener('pagehide', remember);
