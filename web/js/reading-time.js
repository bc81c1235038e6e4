// The reading-time summary: its figures, the histogram of its buckets, minutes by theme, the longest posts.
import { getJson } from './api.js';
import { h, pageLink } from './dom.js';
import { histogram, minutesByTheme } from './chart.js';
import { postSummary } from './summary.js';

export async function readingTimeView(params) {
  const theme = params.get('theme') ?? '';
  const summary = await getJson('/reading-time', { theme });
  const themeName = summary.byTheme.find((t) => t.slug === theme)?.name ?? theme;
  document.title = 'Reading time · Archive';
  const figure = (label, value) => h('div', {}, h('dt', {}, label), h('dd', {}, value));
  return h('section', { class: 'reading-time' },
    h('h1', {}, theme ? `Reading time in ${themeName}` : 'Reading time'),
    theme ? h('p', {}, pageLink({ view: 'reading-time' }, '← Every theme')) : null,
    h('dl', { class: 'figures' },
      figure('Posts', summary.posts),
      figure('Words', summary.totalWords.toLocaleString()),
      figure('Minutes in all', summary.totalMinutes.toLocaleString()),
      figure('Mean', `${summary.meanMinutes} min`),
      figure('Median', `${summary.medianMinutes} min`),
      figure('90th percentile', `${summary.p90Minutes} min`),
      figure('Longest', `${summary.maxMinutes} min`)),
    histogram(summary.buckets),
    summary.byTheme.length > 1 || !theme ? minutesByTheme(summary.byTheme) : null,
    summary.longest.length
      ? [h('h2', {}, 'The longest posts'), h('ol', { class: 'post-list' }, summary.longest.map((post) => postSummary(post)))]
      : null);
}
