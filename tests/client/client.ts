// A small client of the Archive API, typed by a client generated from the served OpenAPI document
// (openapi-typescript → generated/schema.d.ts). GeneratedClientTests compiles it with tsc --noEmit:
// a field the API renames or retypes breaks this build.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema";

type PostSummary = components["schemas"]["PostSummary"];
type Problem = components["schemas"]["Problem"];

const archive = createClient<paths>({ baseUrl: "http://localhost:7071/api" });

function fail(problem: Problem): never {
  throw new Error(`${problem.status} ${problem.title}: ${problem.detail}`);
}

/** Every post of a theme, oldest first, page by page. */
export async function allPosts(theme: string): Promise<PostSummary[]> {
  const posts: PostSummary[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await archive.GET("/posts", { params: { query: { theme, sort: "oldest", limit: 100, cursor } } });
    if (error) fail(error);
    posts.push(...data.items);
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
  return posts;
}

/** A post as a reader shows it. */
export async function readPost(id: string): Promise<{ title: string; html: string; words: number; text?: string | null; theme: string }> {
  const { data, error } = await archive.GET("/posts/{id}", { params: { path: { id }, query: { format: "text" } } });
  if (error) fail(error);
  return { title: data.title, html: data.html, words: data.wordCount, text: data.text, theme: data.theme.name };
}

/** Themes with their sizes, and the archive's reading-time summary. */
export async function overview(): Promise<string[]> {
  const themes = await archive.GET("/themes");
  if (themes.error) fail(themes.error);
  const reading = await archive.GET("/reading-time", { params: { query: {} } });
  if (reading.error) fail(reading.error);
  const median: number = reading.data.medianMinutes;
  const longest: string[] = reading.data.longest.map((p) => p.title);
  return themes.data.items.map((t) => `${t.name}: ${t.posts} posts, ${t.readingMinutes} min (median ${median}; ${longest.length} longest)`);
}

/** What the owner checks after an upload. */
export async function rejections(key: string): Promise<string[]> {
  const { data, error } = await archive.GET("/admin/rejections", { headers: { "x-functions-key": key } });
  if (error) fail(error);
  const health = await archive.GET("/health");
  const served: number = health.data?.posts ?? 0;
  return data.items.map((r) => `${r.blob}: ${r.reason} (${served} served)`);
}

/** A copy kept in sync (§9): apply every page of /changes in order, return the token to go on from next time. */
export async function sync(copy: Map<string, PostSummary>, since?: string): Promise<string> {
  let token = since;
  for (;;) {
    const { data, error } = await archive.GET("/changes", { params: { query: { since: token, limit: 1000 } } });
    if (error) fail(error);
    for (const item of data.items) {
      if (item.type === "upsert" && item.post) copy.set(item.post.id.toLowerCase(), item.post);
      else if (item.type === "delete" && item.id) copy.delete(item.id.toLowerCase());
    }
    token = data.nextToken;
    if (!data.hasMore) return token;
  }
}
