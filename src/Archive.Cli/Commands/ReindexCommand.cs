using System.CommandLine;
using Archive.Storage;
using Archive.Storage.Ingestion;
using Spectre.Console;

namespace Archive.Cli.Commands;

/// <summary><c>archive reindex</c>: reconciles the container with the index once and prints what it did.</summary>
public static class ReindexCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("reindex", "Ingest what is missing or changed, remove what was deleted, recompute the totals");
        common.AddTo(command);
        common.SetAction(command, async (parse, configuration, cancellationToken) =>
        {
            await using var services = ArchiveServices.Build(configuration, parse.GetValue(common.Verbose));
            await services.GetRequiredService<ArchiveStore>().EnsureCreatedAsync(cancellationToken);
            Print(await services.GetRequiredService<Reconciler>().ReconcileAsync(recomputeTotals: true, cancellationToken));
            return 0;
        });
        return command;
    }

    private static void Print(ReconcileReport report)
    {
        var table = new Table().AddColumns("blobs", "added", "updated", "unchanged", "rejected", "ignored", "removed", "failed", "totals repaired");
        table.AddRow(new[] { report.Blobs, report.Added, report.Updated, report.Unchanged, report.Rejected, report.Ignored, report.Removed, report.Failed, report.TotalsRepaired }
            .Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        AnsiConsole.Write(table);
        foreach (var change in report.Changes)
        {
            AnsiConsole.MarkupLineInterpolated($"{change.Outcome.ToString().ToLowerInvariant()}: {change.Blob}{(change.Reason is null ? string.Empty : " — " + change.Reason)}");
        }
    }
}
