// Every theme, most posts first, each a link to its posts.
import { getJson } from './api.js';
import { h, pageLink } from './dom.js';
import { displayDate } from './summary.js';

export async function themesView() {
  const themes = await getJson('/themes');
  document.title = 'Themes · Archive';
  return h('section', { class: 'themes' },
    h('h1', {}, 'Themes'),
    h('ul', { class: 'theme-list' }, themes.items.map((theme) => h('li', { 'data-slug': theme.slug },
      h('h2', {}, pageLink({ theme: theme.slug }, theme.name)),
      h('p', { class: 'meta' },
        theme.posts === 1 ? '1 post' : `${theme.posts} posts`,
        ` · ${theme.readingMinutes} min of reading`,
        theme.latestDate ? ` · latest ${displayDate({ date: theme.latestDate })}` : '',
        ' · ', pageLink({ view: 'reading-time', theme: theme.slug }, 'reading time'))))));
}
