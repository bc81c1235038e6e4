// Building the page from API data without ever parsing that data as HTML: text goes in as text
// nodes, so a title holding <script> shows as those characters. The two exceptions the spec allows
// are the post's sanitized html (post.js) and the <mark> of snippets (markedText below).

/** An element with attributes (never event handlers: the CSP allows no inline script) and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) throw new Error(`no inline handlers: ${name}`);
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...nodes(children));
  return element;
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** An SVG element: attributes are geometry and data, never style text. */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  }
  element.append(...nodes(children));
  return element;
}

function nodes(children) {
  return children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false)
    .map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));
}

/**
 * A snippet as the API marks it (escaped text with <mark>…</mark> around matched words) rebuilt
 * node by node: only <mark> survives as an element, anything else becomes its text.
 */
export function markedText(snippet) {
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${snippet}`, 'text/html');
  const fragment = document.createDocumentFragment();
  for (const node of parsed.body.childNodes) {
    fragment.append(node.nodeName === 'MARK' ? h('mark', {}, node.textContent) : document.createTextNode(node.textContent));
  }
  return fragment;
}

/** A link inside the page: a query string on this same document, followed without a reload. */
export function pageLink(params, ...children) {
  return h('a', { href: pageHref(params), 'data-nav': true }, ...children);
}

export function pageHref(params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, value);
  }
  const text = query.toString();
  return text ? `?${text}` : './';
}

export function replaceChildren(parent, ...children) {
  parent.replaceChildren(...nodes(children));
}
