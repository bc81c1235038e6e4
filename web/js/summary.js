// How a post is introduced wherever it is listed (the newest posts, a search, related posts).
import { h, pageLink } from './dom.js';

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "18 Jun 2024" for a yyyy-MM-dd date (the API's own date, not the reader's time zone). */
export function displayDate(post) {
  if (!post.date) return post.dateText || 'undated';
  const parsed = new Date(post.date.length === 10 ? `${post.date}T00:00:00Z` : post.date);
  return Number.isNaN(parsed.getTime()) ? post.date : dateFormat.format(parsed);
}

export const minutes = (n) => `${n} min read`;

/** Date, reading time, theme and tags: each a link that filters the list by it. */
export function postMeta(post) {
  return h('p', { class: 'meta' },
    h('time', post.date ? { datetime: post.date } : {}, displayDate(post)),
    ' · ', minutes(post.readingTime),
    ' · ', pageLink({ theme: post.theme.slug }, post.theme.name),
    post.tags.length ? [' · ', h('span', { class: 'tags' }, post.tags.map((tag) => pageLink({ tag }, `#${tag}`)))] : []);
}

/** One post in a list: its title links to its page; `extra` goes under the meta (a snippet, a score). */
export function postSummary(post, extra) {
  return h('li', { class: 'post', 'data-id': post.id },
    h('h2', {}, pageLink({ post: post.id }, post.title)),
    postMeta(post),
    extra ?? (post.description ? h('p', { class: 'description' }, post.description) : null));
}
