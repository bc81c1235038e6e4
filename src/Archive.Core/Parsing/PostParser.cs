using System.Text.Json.Nodes;
using Archive.Core.Dates;
using Archive.Core.Markdown;
using Archive.Core.Model;
using Archive.Core.Parsing;
using Archive.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Archive.Core.Parsing;

/// <summary>
/// One uploaded blob to a post or a rejection, as the contract's §1–§3 define. Never throws on
/// content: whatever the bytes, the answer is a post, a rejection with its reason, or "ignored";
/// an exception is a bug (the property tests feed it arbitrary bytes and front matter).
/// </summary>
public sealed class PostParser(ParserOptions options)
{
    public const string DefaultTheme = "uncategorized";

    /// <param name="resolved">
    /// What the blobs the post references are now (§11), looked up by the caller after a first
    /// parse named them (<see cref="Post.References"/>); null: none looked up, each is missing.
    /// </param>
    public ParseResult Parse(string blobName, ReadOnlySpan<byte> content, DateTimeOffset lastModified, IReadOnlyDictionary<string, ResolvedReference>? resolved = null)
    {
        var hash = ContentHash.Of(content);
        if (!PostBlobName.IsPost(blobName))
        {
            return ParseResult.Ignored($"'{blobName}': {PostBlobName.NotMarkdown}", hash);
        }

        if (content.Length > options.MaxBlobBytes)
        {
            return ParseResult.Rejected($"blob is {content.Length} bytes, over the size limit of {options.MaxBlobBytes} bytes", hash);
        }

        var text = TextDecoder.Decode(content, out var fellBack);

        // Only the input's own faults are caught. Anything else is a fault of the program, not of the
        // post: it surfaces as an exception (the ingest fails, is logged as the error it is, and counts
        // towards quarantine), never as a rejection that blames the owner's file.
        try
        {
            return ParseText(blobName, text, fellBack, hash, lastModified, resolved);
        }
        catch (InputLimitException limit)
        {
            return ParseResult.Rejected(limit.Message, hash);
        }
        catch (InsufficientExecutionStackException)
        {
            // Only reachable if a limit above is set higher than the stack allows; never a crash.
            return ParseResult.Rejected("nested too deeply to be parsed", hash);
        }
    }

    private ParseResult ParseText(string blobName, string text, bool fellBack, string hash, DateTimeOffset lastModified, IReadOnlyDictionary<string, ResolvedReference>? resolved)
    {
        var split = FrontMatterSplit.From(text, out var splitError);
        if (splitError is not null)
        {
            return ParseResult.Rejected(splitError, hash);
        }

        FrontMatter frontMatter;
        try
        {
            frontMatter = ReadFrontMatter(split.Yaml, options, out var shapeError);
            if (shapeError is not null)
            {
                return ParseResult.Rejected(shapeError, hash);
            }
        }
        catch (YamlException error)
        {
            return ParseResult.Rejected(YamlErrors.Describe(error, split.Yaml!, firstYamlLine: 2), hash);
        }

        var warnings = new List<string>();
        var repaired = new RepairTracker(fellBack);

        if (!frontMatter.IsScalar("title"))
        {
            return ParseResult.Rejected("'title' must be text, not a list or a mapping", hash);
        }

        foreach (var field in TextOnlyFields)
        {
            if (frontMatter.IsCollection(field))
            {
                warnings.Add($"'{field}' must be a single value, not a list or a mapping; it was ignored");
            }
        }

        var declaredTitle = repaired.Repair(frontMatter.Text("title")?.Trim());
        var markdown = repaired.Repair(split.Body)!;
        var body = MarkdownRenderer.Render(markdown, split.Yaml is null ? null : declaredTitle ?? string.Empty, options, blobName, resolved);
        var title = SummaryFields.Limit(
            SummaryFields.Clean(split.Yaml is null ? body.FirstHeading : declaredTitle, "title", warnings)?.Trim(), "title", InputLimits.MaxTitleCharacters);
        if (string.IsNullOrWhiteSpace(title))
        {
            return ParseResult.Rejected(
                split.Yaml is null ? "no title: no front matter and no '#' heading" : "no title: front matter has no non-empty 'title'",
                hash);
        }

        var idSource = frontMatter.Text("thread_id")?.Trim();
        var id = string.IsNullOrEmpty(idSource) ? PostBlobName.DefaultId(blobName) : idSource;
        if (!PostId.IsValid(id))
        {
            var origin = string.IsNullOrEmpty(idSource) ? "taken from the blob name" : "in 'thread_id'";
            return ParseResult.Rejected(
                $"id '{Shorten(id)}' ({origin}) is not valid: use letters, digits, '_' and '-', at most {PostId.MaxLength} characters",
                hash);
        }

        var dateText = SummaryFields.Limit(SummaryFields.Clean(frontMatter.Text("date")?.Trim(), "date", warnings), "date", InputLimits.MaxDateCharacters);
        var date = PostDateParser.Read(dateText, lastModified);
        AddIfAny(warnings, date.Warning);

        var (themeSlug, themeName) = Theme(
            SummaryFields.Limit(SummaryFields.Clean(frontMatter.Text("primary_theme")?.Trim(), "primary_theme", warnings), "primary_theme", InputLimits.MaxThemeCharacters),
            warnings);
        var wordCount = WordCounter.Count(body.Text);
        var readingTime = WordCounter.ReadingMinutes(wordCount, options.WordsPerMinute);
        var declared = new DeclaredCounts(
            DeclaredNumber(frontMatter, "word_count", warnings),
            DeclaredNumber(frontMatter, "reading_time", warnings));
        WarnIfDifferent(warnings, "word_count", declared.WordCount, wordCount);
        WarnIfDifferent(warnings, "reading_time", declared.ReadingTime, readingTime);

        var description = SummaryFields.Limit(
            SummaryFields.Clean(repaired.Repair(frontMatter.Text("description")?.Trim()), "description", warnings), "description", InputLimits.MaxDescriptionCharacters);
        var excerptLeavesHeading = false;
        if (string.IsNullOrEmpty(description))
        {
            description = body.TextBeforeMore is { } beforeMore ? Excerpt.CollapseWhitespace(beforeMore) : Excerpt.From(body.ExcerptText);
            excerptLeavesHeading = !ReferenceEquals(body.ExcerptText, body.Text) || body.TextBeforeMore is not null;
        }

        // What the served version depends on beyond its bytes: the references as they rendered, and
        // an excerpt cut by a rule of rendering 3 (a first heading other than the title left out), so
        // that the next reconcile serves such posts anew and leaves every other post as it was.
        var beyondBytes = body.ReferenceFingerprint + (excerptLeavesHeading ? "\nexcerpt: " + description : null);

        var tags = Tags(frontMatter, repaired, warnings);
        var titleSlug = Slug.From(title);
        var post = new Post
        {
            Id = id,
            Slug = titleSlug.Length > 0 ? titleSlug : id,
            Title = title.Trim(),
            Date = date.Date,
            DateText = dateText,
            DateInferred = date.Inferred,
            Description = description,
            ThemeSlug = themeSlug,
            ThemeName = themeName,
            Tags = tags,
            WordCount = wordCount,
            ReadingTime = readingTime,
            EncodingRepaired = repaired.Changed,
            Draft = Draft(frontMatter, warnings),
            Html = body.Html,
            Markdown = markdown,
            Text = body.Text,
            Declared = declared,
            Extra = frontMatter.Extra,
            Warnings = [.. warnings, .. body.Warnings],
            Blob = blobName,
            ContentHash = hash,
            RenderHash = beyondBytes.Length == 0
                ? hash
                : ContentHash.Of(System.Text.Encoding.UTF8.GetBytes($"{hash}\n{Rendering.Version}\n{beyondBytes}")),
            References = body.References,
            Media = body.Media,
            Image = ListImage(body.Media),
        };
        CheckSummarySize(post);
        return ParseResult.Accepted(post);
    }

    /// <summary>The first served image as lists show it, when it fits a summary (a blob name may be 1,024 characters, escaped three times as long).</summary>
    private static PostImage? ListImage(IReadOnlyList<PostMedia> media) =>
        media.Count > 0 && media[0].Image.Url.Length <= MaxListImageUrl
            ? new PostImage(media[0].Image.Url, media[0].Alt.Length <= InputLimits.MaxTitleCharacters ? media[0].Alt : media[0].Alt[..InputLimits.MaxTitleCharacters], media[0].Image.Width, media[0].Image.Height)
            : null;

    private const int MaxListImageUrl = 1_200;

    /// <summary>Fields that are text when given; a list or a mapping in their place is ignored with a warning.</summary>
    private static readonly string[] TextOnlyFields = ["date", "thread_id", "primary_theme", "description", "draft"];

    /// <summary>The summary is stored as JSON in a table property, five of them together in a scope's longest posts (measured with the longest ingest time).</summary>
    private static void CheckSummarySize(Post post)
    {
        var length = System.Text.Json.JsonSerializer.Serialize(Stored.StoredSummary.From(post, DateTimeOffset.MaxValue), Stored.ArchiveJson.Options).Length;
        if (length > InputLimits.MaxSummaryCharacters)
        {
            throw new InputLimitException(
                $"title, description and tags take {length} characters as stored; at most {InputLimits.MaxSummaryCharacters} fit");
        }
    }

    private static FrontMatter ReadFrontMatter(string? yaml, ParserOptions options, out string? shapeError)
    {
        shapeError = null;
        if (yaml is null)
        {
            return FrontMatter.Empty;
        }

        var stream = new YamlStream();
        try
        {
            // Bounded on the event stream: the representation model recurses once per level.
            stream.Load(new BoundedYamlParser(new Parser(new StringReader(yaml)), options.MaxNestingDepth, options.MaxYamlValues));
        }
        catch (InvalidOperationException error)
        {
            // YamlDotNet fails this way (no position) on a flow collection left open at the end;
            // the last event it could read is where the problem starts.
            var mark = YamlErrors.LastReadableMark(yaml);
            throw new YamlException(mark, mark, "the front matter ends inside an unclosed '[', '{' or quote", error);
        }
        catch (ArgumentException error)
        {
            // YamlDotNet refuses some input with an ArgumentException and no position: a tag that is not a
            // URI (!!b]b), or a key left empty that its representation model cannot take (" : z"). The
            // input's fault, named where reading stopped.
            var mark = YamlErrors.LastReadableMark(yaml);
            throw new YamlException(mark, mark, "the front matter holds what YAML cannot read here (a tag that is not a URI, or a key left empty)", error);
        }

        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        switch (root)
        {
            case null:
            case YamlScalarNode scalar when YamlJson.IsNull(scalar):
                return FrontMatter.Empty;
            case YamlMappingNode mapping:
                return FrontMatter.From(mapping, new YamlJson.Budget(options.MaxYamlValues, options.MaxBlobBytes, options.MaxNestingDepth));
            default:
                shapeError = "front matter must be a YAML mapping of fields (key: value), not a " +
                    (root is YamlSequenceNode ? "list" : "single value");
                return FrontMatter.Empty;
        }
    }

    private static (string Slug, string Name) Theme(string? declared, List<string> warnings)
    {
        var name = declared?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return (DefaultTheme, DefaultTheme);
        }

        var slug = Slug.From(name);
        if (slug.Length == 0)
        {
            warnings.Add($"primary_theme '{name}' has no letters or digits; the post is '{DefaultTheme}'");
            return (DefaultTheme, DefaultTheme);
        }

        return (slug, name);
    }

    private static List<string> Tags(FrontMatter frontMatter, RepairTracker repaired, List<string> warnings)
    {
        switch (frontMatter.Node("tags"))
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                var tags = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } value } scalar && !YamlJson.IsNull(scalar))
                    {
                        tags.Add(Tag(repaired.Repair(value)!, warnings));
                    }
                    else
                    {
                        warnings.Add("a tag that is not text was left out");
                    }
                }

                return tags.Count <= InputLimits.MaxTags
                    ? tags
                    : throw new InputLimitException($"{tags.Count} tags; at most {InputLimits.MaxTags} are allowed");
            case YamlScalarNode scalar when YamlJson.IsNull(scalar):
                return [];
            case YamlScalarNode { Value: { } single }:
                return [Tag(repaired.Repair(single)!, warnings)];
            default:
                warnings.Add("'tags' must be a list of text; it was left out");
                return [];
        }
    }

    private static string Tag(string tag, List<string> warnings) =>
        SummaryFields.Limit(SummaryFields.Clean(tag, "tags", warnings), "tags", InputLimits.MaxTagCharacters)!;

    private static bool Draft(FrontMatter frontMatter, List<string> warnings)
    {
        if (frontMatter.Node("draft") is not YamlScalarNode scalar || YamlJson.IsNull(scalar))
        {
            return false;
        }

        if (YamlJson.AsBool(scalar) is { } draft)
        {
            return draft;
        }

        warnings.Add($"draft '{scalar.Value}' is not true or false; the post is not a draft");
        return false;
    }

    private static int? DeclaredNumber(FrontMatter frontMatter, string field, List<string> warnings)
    {
        if (frontMatter.Node(field) is not { } node || (node is YamlScalarNode s && YamlJson.IsNull(s)))
        {
            return null;
        }

        if (node is YamlScalarNode scalar && YamlJson.AsInteger(scalar) is { } n and >= 0 and <= int.MaxValue)
        {
            return (int)n;
        }

        warnings.Add($"{field} is not a whole number; it was ignored");
        return null;
    }

    private static void WarnIfDifferent(List<string> warnings, string field, int? declared, int computed)
    {
        if (declared is { } d && d != computed)
        {
            warnings.Add($"declared {field} {d} differs from the computed {computed}");
        }
    }

    private static void AddIfAny(List<string> warnings, string? warning)
    {
        if (warning is not null)
        {
            warnings.Add(warning);
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>Repairs mojibake in each text it is given and remembers whether any was repaired.</summary>
    private sealed class RepairTracker(bool alreadyRepaired)
    {
        public bool Changed { get; private set; } = alreadyRepaired;

        public string? Repair(string? text)
        {
            if (text is null)
            {
                return null;
            }

            var result = MojibakeRepair.Repair(text);
            Changed |= !ReferenceEquals(result, text);
            return result;
        }
    }
}
