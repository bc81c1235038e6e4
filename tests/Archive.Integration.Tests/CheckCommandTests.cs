namespace Archive.Integration.Tests;

/// <summary><c>archive check</c> as authors run it before uploading.</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public async Task Check_of_the_content_folder_accepts_every_post()
    {
        var content = Path.Combine(AppContext.BaseDirectory, "content");
        var cli = await ArchiveCli.RunAsync("check", content);
        Assert.True(cli.ExitCode == 0, cli.Output);
        Assert.Contains("thread_0311", cli.Output, StringComparison.Ordinal);
        Assert.Contains("595", cli.Output, StringComparison.Ordinal);
        Assert.Contains($"{Directory.EnumerateFiles(content).Count()} posts would be accepted, 0 rejected", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_lists_every_rejection_and_exits_non_zero()
    {
        var folder = Directory.CreateTempSubdirectory("archive-check-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "good.md"), Posts.Make("good", "Good"));
        await File.WriteAllTextAsync(Path.Combine(folder, "twin.md"), Posts.Make("good", "Twin"));
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.md"), "---\ntitle: [x\n---\n");
        var cli = await ArchiveCli.RunAsync("check", folder);
        Assert.Equal(1, cli.ExitCode);
        Assert.Contains("invalid YAML in front matter at line 2", cli.Output, StringComparison.Ordinal);
        Assert.Contains("id 'good' is already used by", cli.Output, StringComparison.Ordinal);
        Assert.Contains("1 posts would be accepted, 2 rejected", cli.Output, StringComparison.Ordinal);
    }
}
