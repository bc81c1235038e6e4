// The reading-time summary as charts drawn in SVG: the buckets as a histogram (one bar per bucket,
// its height the bucket's posts) and the minutes of each theme as horizontal bars. Geometry goes
// in attributes, never in style text, so the CSP's style-src needs no exception.
import { h, svg } from './dom.js';

/** A bucket's minutes, "2–3" or "21+" (the caption says they are minutes, so labels fit a phone). */
export function bucketLabel(bucket) {
  if (bucket.maxMinutes === null || bucket.maxMinutes === undefined) return `${bucket.minMinutes}+`;
  return bucket.minMinutes === bucket.maxMinutes ? `${bucket.minMinutes}` : `${bucket.minMinutes}–${bucket.maxMinutes}`;
}

export function histogram(buckets) {
  const width = 640;
  const height = 240;
  const top = 24;
  const bottom = 40;
  const most = Math.max(1, ...buckets.map((b) => b.posts));
  const slot = width / Math.max(1, buckets.length);
  const bars = buckets.map((bucket, i) => {
    const barHeight = ((height - top - bottom) * bucket.posts) / most;
    const x = i * slot + slot * 0.1;
    const y = height - bottom - barHeight;
    const label = bucketLabel(bucket);
    const posts = bucket.posts === 1 ? '1 post' : `${bucket.posts} posts`;
    return svg('g', { class: 'bucket', 'data-min': bucket.minMinutes, 'data-max': bucket.maxMinutes ?? '', 'data-posts': bucket.posts },
      svg('title', {}, `${label} min: ${posts}`),
      svg('rect', { class: 'bar', x, y, width: slot * 0.8, height: Math.max(barHeight, bucket.posts ? 1 : 0) }),
      svg('text', { class: 'count', x: x + slot * 0.4, y: y - 6, 'text-anchor': 'middle' }, bucket.posts),
      svg('text', { class: 'label', x: x + slot * 0.4, y: height - bottom + 18, 'text-anchor': 'middle' }, label));
  });
  return h('figure', { class: 'chart histogram' },
    svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'histogram-caption' },
      svg('line', { class: 'axis', x1: 0, x2: width, y1: height - bottom, y2: height - bottom }),
      bars),
    h('figcaption', { id: 'histogram-caption' }, 'Posts by reading time (minutes)'));
}

export function minutesByTheme(themes) {
  const most = Math.max(1, ...themes.map((t) => t.totalMinutes));
  const rows = themes.map((theme) => {
    const bar = h('span', { class: 'bar' });
    // CSSOM, not a style attribute: allowed by a CSP without 'unsafe-inline'.
    bar.style.width = `${(100 * theme.totalMinutes) / most}%`;
    return h('li', { class: 'theme-bar', 'data-slug': theme.slug, 'data-minutes': theme.totalMinutes },
      h('span', { class: 'name' }, theme.name),
      h('span', { class: 'track' }, bar),
      h('span', { class: 'value' }, `${theme.totalMinutes} min`));
  });
  return h('figure', { class: 'chart by-theme' },
    h('ul', {}, rows),
    h('figcaption', {}, 'Minutes of reading by theme'));
}
