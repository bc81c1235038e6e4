"""Queries for bench/search.sh, from a generated corpus folder.

  search_queries.py mix CORPUS OUT [SEED]  a mix of one-word, three-word, phrase and filtered queries (paths below /api)
  search_queries.py quality CORPUS API  500 random posts: the three body words of lowest document frequency
                                        (3+ letters) in the top 3, and the exact title first (unique titles only)
"""
import json, random, re, sys, urllib.parse, urllib.request
from pathlib import Path

WORD = re.compile(r"[^\W_]+")


def posts(folder):
    for path in sorted(Path(folder).glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---", 2)
        fields = dict(re.findall(r'^(\w+): "?(.*?)"?$', front, re.M))
        body = re.sub(r"\]\([^)]*\)", "]", body)
        yield fields, [w.lower() for w in WORD.findall(body)]


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def mix(folder, out, seed=5):
    rng = random.Random(seed)
    all_posts = list(posts(folder))
    lines = []
    for _ in range(2000):
        fields, words = rng.choice(all_posts)
        words = [w for w in words if len(w) >= 3]
        kind = rng.randrange(4)
        if kind == 0:
            q, extra = rng.choice(words), ""
        elif kind == 1:
            q, extra = " ".join(rng.sample(words, 3)), ""
        elif kind == 2:
            i = rng.randrange(len(words) - 1)
            q, extra = f'"{words[i]} {words[i + 1]}"', ""
        else:
            q, extra = rng.choice(words), "&theme=" + slug(fields["primary_theme"])
        lines.append("/api/search?q=" + urllib.parse.quote(q) + extra)
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")


def quality(folder, api):
    rng = random.Random(9)
    all_posts = list(posts(folder))
    df = {}
    for _, words in all_posts:
        for w in set(words):
            df[w] = df.get(w, 0) + 1
    titles = {}
    for fields, _ in all_posts:
        titles[fields["title"].lower()] = titles.get(fields["title"].lower(), 0) + 1

    def ids(q):
        url = f"{api}/search?limit=3&q=" + urllib.parse.quote(q)
        return [i["post"]["id"] for i in json.load(urllib.request.urlopen(url))["items"]]

    sample = rng.sample(all_posts, 500)
    top3 = sum(
        fields["thread_id"] in ids(" ".join(sorted({w for w in words if len(w) >= 3}, key=lambda w: (df[w], w))[:3]))
        for fields, words in sample
    )
    unique = [(f, w) for f, w in sample if titles[f["title"].lower()] == 1]
    first = sum(ids(f["title"])[:1] == [f["thread_id"]] for f, _ in unique)
    print(f"{top3 / len(sample):.3f} {first / max(1, len(unique)):.3f} {len(unique)}")


if __name__ == "__main__":
    {"mix": lambda: mix(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 5), "quality": lambda: quality(sys.argv[2], sys.argv[3])}[sys.argv[1]]()
