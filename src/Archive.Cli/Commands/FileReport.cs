using System.Globalization;
using Archive.Api.Contracts;
using Archive.Core.Parsing;
using Archive.Storage.Reading;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary>
/// What became of each file an upload or a sync sent: one line per file (served with its id,
/// words and minutes; draft; rejected with the reason; ...), a summary, and the exit code:
/// 1 when anything was rejected or failed, 3 when processing did not finish in time.
/// </summary>
public static class FileReport
{
    /// <param name="deleted">Blobs a sync deleted (its summary names them too).</param>
    public static async Task<int> PrintAsync(
        IReadOnlyList<PostUploader.Outcome> outcomes, IReadOnlyList<string> problems, ArchiveApiClient? api, CancellationToken cancellationToken, int deleted = 0)
    {
        var deletedText = deleted > 0 ? $"; {deleted} deleted" : string.Empty;
        var failed = problems.Count + outcomes.Count(o => o.Result == PostUploader.Failed);
        foreach (var problem in problems)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]failed[/]     {problem}");
        }

        foreach (var outcome in outcomes.Where(o => o.Result == PostUploader.Failed))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]failed[/]     {outcome.Item.Path}: {outcome.Error}");
        }

        var sent = outcomes.Where(o => o.Result != PostUploader.Failed).OrderBy(o => o.Item.BlobName, StringComparer.Ordinal).ToList();
        if (api is null)
        {
            AnsiConsole.MarkupLineInterpolated(
                $"{sent.Count(o => o.Result == PostUploader.Uploaded)} uploaded, {sent.Count(o => o.Result == PostUploader.Unchanged)} unchanged (skipped), {failed} failed{deletedText}; processing not awaited");
            return failed == 0 ? 0 : CliError.Failed;
        }

        var (states, timedOut) = await api.WaitAsync(sent.ToDictionary(o => o.Item.BlobName, o => o.Hash), cancellationToken);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var outcome in sent)
        {
            var name = outcome.Item.BlobName;
            var unchanged = outcome.Result == PostUploader.Unchanged ? " [grey](unchanged)[/]" : string.Empty;
            if (!states.TryGetValue(name, out var state))
            {
                AnsiConsole.MarkupLineInterpolated($"[yellow]pending[/]    {name} (not processed within the timeout)");
                Count(counts, "pending");
                continue;
            }

            Count(counts, state.State.ToString().ToLowerInvariant());
            switch (state.State)
            {
                case BlobStateKind.Served when state.Id is null:
                    AnsiConsole.MarkupLine($"[green]served[/]     {Markup.Escape(name)} (image){unchanged}");
                    break;
                case BlobStateKind.Served:
                    var post = await api.PostAsync(state.Id!, cancellationToken);
                    var figures = post is null ? string.Empty : string.Create(CultureInfo.CurrentCulture, $" ({post.WordCount:N0} words, {post.ReadingTime} min)");
                    AnsiConsole.MarkupLine($"[green]served[/]     {Markup.Escape(name)} → {Markup.Escape(state.Id!)}{Markup.Escape(figures)}{unchanged}");
                    foreach (var warning in post is null ? [] : Warnings(post))
                    {
                        AnsiConsole.MarkupLineInterpolated($"           [yellow]warning:[/] {warning}");
                    }

                    break;
                case BlobStateKind.Draft:
                    AnsiConsole.MarkupLine($"[blue]draft[/]      {Markup.Escape(name)} → {Markup.Escape(state.Id!)} (not listed until draft is false){unchanged}");
                    break;
                case BlobStateKind.Rejected:
                    var kept = state.Id is { } id ? $"; the earlier version of {id} stays served" : string.Empty;
                    AnsiConsole.MarkupLine($"[red]rejected[/]   {Markup.Escape(name)}: {Markup.Escape(state.Reason ?? string.Empty)}{Markup.Escape(kept)}{unchanged}");
                    break;
                default:
                    AnsiConsole.MarkupLineInterpolated($"{state.State.ToString().ToLowerInvariant(),-10} {name} {state.Reason}");
                    break;
            }
        }

        var rejected = counts.GetValueOrDefault("rejected");
        if (failed > 0)
        {
            counts["failed"] = failed;
        }

        AnsiConsole.MarkupLineInterpolated($"{sent.Count + failed} files: {string.Join(", ", counts.Select(c => $"{c.Value} {c.Key}"))}{deletedText}");
        return rejected + failed > 0 ? CliError.Failed : timedOut.Count > 0 ? CliError.TimedOut : 0;
    }

    /// <summary>What the owner may want to fix in a served post: its warnings, and a year the date did not give (§2).</summary>
    private static IEnumerable<string> Warnings(PostDetail post)
    {
        if (post.DateInferred)
        {
            yield return $"the date '{post.DateText}' has no year: {post.Date} was taken (the latest year, not after the upload, that fits); write the year if it is another";
        }

        foreach (var warning in post.Warnings)
        {
            yield return warning;
        }
    }

    /// <summary>The files of a folder that were left out, each named once (only markdown files are posts, and images their media).</summary>
    public static void PrintIgnored(IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            AnsiConsole.MarkupLineInterpolated($"ignored    {file}: {PostBlobName.NotMarkdown}");
        }
    }

    private static void Count(SortedDictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
