// What the page says when it cannot show what was asked for.
import { ApiProblem, ApiUnreachable } from './api.js';
import { h, pageLink } from './dom.js';

export function errorView(error) {
  if (error instanceof ApiUnreachable) {
    return h('section', { class: 'notice unreachable', role: 'alert' },
      h('h1', {}, 'The archive is not reachable'),
      h('p', {}, `Its API at ${error.base} did not answer. Check that it is running (./start.sh starts it locally) and that this network reaches it, then try again.`),
      h('p', {}, h('a', { href: location.href }, 'Try again')));
  }
  if (error instanceof ApiProblem) {
    const notFound = error.status === 404;
    return h('section', { class: 'notice', role: 'alert' },
      h('h1', {}, notFound ? 'Not found' : 'That request was refused'),
      h('p', {}, error.message),
      h('p', {}, pageLink({}, 'Back to the newest posts')));
  }
  console.error(error);
  return h('section', { class: 'notice', role: 'alert' }, h('h1', {}, 'Something went wrong'), h('p', {}, String(error.message || error)));
}

export const loading = () => h('p', { class: 'loading' }, 'Loading…');
