// The archive's public API, found as the spec's §10 says: the base URL a config.json beside the
// page names (written at deploy, when the API lives on another origin), else this origin's /api.

/** The API did not answer, or answered that it cannot serve (5xx): the page says so plainly. */
export class ApiUnreachable extends Error {
  constructor(base, cause) {
    super(`The archive's API at ${base} could not be reached.`, { cause });
    this.base = base;
  }
}

/** The API answered with a problem (4xx): its title and detail say what was wrong with the request. */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The API answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
}

let base;

/** The API's base URL without a trailing slash, read once per page load. */
export function apiBase() {
  base ??= readConfig();
  return base;
}

async function readConfig() {
  const here = new URL(document.baseURI);
  try {
    const response = await fetch(new URL('config.json', here), { cache: 'no-cache' });
    if (response.ok) {
      const config = await response.json();
      if (typeof config.apiBaseUrl === 'string' && config.apiBaseUrl.trim()) {
        return new URL(config.apiBaseUrl.trim(), here).href.replace(/\/+$/, '');
      }
    }
  } catch {
    // No config.json (or not JSON): the API is on this origin.
  }
  return `${here.origin}/api`;
}

/** GET {base}{path}?params as JSON; the browser's HTTP cache revalidates by ETag. */
export async function getJson(path, params = {}) {
  const root = await apiBase();
  const url = new URL(root + path);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  let response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (error) {
    throw new ApiUnreachable(root, error);
  }
  if (response.status >= 500) throw new ApiUnreachable(root, new Error(`HTTP ${response.status}`));
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // A problem without a JSON body: the status says enough.
    }
    throw new ApiProblem(response.status, problem);
  }
  return response.json();
}

/** A post's URL segment: ids are ASCII words, but nothing here trusts that. */
export const postPath = (id) => `/posts/${encodeURIComponent(id)}`;
