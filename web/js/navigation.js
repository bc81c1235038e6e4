// Every view is a query string on this one document (?post=, ?q=, ?theme=, ?view=), so any state
// is a link to share and works on a static host with no rewrite rules.
import { pageHref } from './dom.js';

export function navigate(params) {
  history.pushState(null, '', pageHref(params));
  window.dispatchEvent(new Event('archive:navigate'));
}

/** Same-document links marked data-nav are followed without a reload (modified clicks open tabs as usual). */
export function followLinksInPage(root) {
  root.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-nav]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    history.pushState(null, '', link.getAttribute('href'));
    window.dispatchEvent(new Event('archive:navigate'));
  });
}
