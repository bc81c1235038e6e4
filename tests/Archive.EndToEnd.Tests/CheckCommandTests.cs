using Archive.Core.Parsing;
namespace Archive.EndToEnd.Tests;

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

    [Fact]
    public async Task Redirected_check_prints_a_line_per_file_names_other_files_and_json_on_request()
    {
        var folder = Directory.CreateTempSubdirectory("archive-check-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "good.md"), Posts.Make("good", "Good", words: 30));
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a post");
        var cli = await ArchiveCli.RunAsync("check", folder);
        Assert.True(cli.ExitCode == 0, cli.Output);
        Assert.Matches(@"accepted  .*good\.md → good \| Good \| .* \| 30 words \| 1 min", cli.Output);
        Assert.DoesNotContain("│", cli.Output, StringComparison.Ordinal);
        Assert.Contains("notes.txt: " + PostBlobName.NotMarkdown, cli.Output, StringComparison.Ordinal);
        Assert.Contains("1 posts would be accepted, 0 rejected, 1 other files ignored", cli.Output, StringComparison.Ordinal);

        var json = await ArchiveCli.RunAsync("check", folder, "--json");
        var document = System.Text.Json.JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal("good", document.GetProperty("files")[0].GetProperty("summary").GetProperty("id").GetString());
        Assert.EndsWith("notes.txt", document.GetProperty("ignored")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_reads_images_as_an_ingest_would_and_warns_of_each_missing_reference()
    {
        var folder = Directory.CreateTempSubdirectory("archive-check-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "maps"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "maps", "hanse.png"), TestImages.Png(1200, 800));
        await File.WriteAllTextAsync(Path.Combine(folder, "fake.png"), "<!doctype html><script>alert(1)</script>");
        await File.WriteAllTextAsync(Path.Combine(folder, "cog.md"), Posts.Make("cog", "The cog"));
        await File.WriteAllTextAsync(Path.Combine(folder, "hanse.md"),
            "---\ntitle: The Hanse\n---\n\n![map of the Hanse](maps/hanse.png) ![](maps/hanse.png)\n\n[the cog](cog.md) and [the stink](stink.md) and ![gone](gone.jpg)\n");
        var cli = await ArchiveCli.RunAsync("check", folder, "--json");
        Assert.Equal(1, cli.ExitCode);
        var files = System.Text.Json.JsonDocument.Parse(cli.Output).RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("blob").GetString()!);
        Assert.Equal(1200, files["maps/hanse.png"].GetProperty("image").GetProperty("width").GetInt32());
        Assert.Equal([480, 960], files["maps/hanse.png"].GetProperty("image").GetProperty("variants").EnumerateArray().Select(v => v.GetInt32()));
        Assert.StartsWith("its bytes are not a PNG", files["fake.png"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        var warnings = files["hanse.md"].GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Equal(
            ["image 'maps/hanse.png' has no alt text", "link to 'stink.md': it does not exist; its text is shown instead", "image 'gone.jpg' does not exist; its alt text is shown instead"],
            warnings);

        // Warnings alone leave the exit code at 0; the lines name the image and what it would be.
        File.Delete(Path.Combine(folder, "fake.png"));
        var lines = await ArchiveCli.RunAsync("check", folder);
        Assert.True(lines.ExitCode == 0, lines.Output);
        Assert.Matches(@"image     .*hanse\.png: image/png 1200×800, 2 variants", lines.Output);
        Assert.Contains("2 posts would be accepted, 0 rejected, 1 images would be uploaded", lines.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_fits_80_columns_with_every_id_and_date_whole()
    {
        var folder = Directory.CreateTempSubdirectory("archive-check-").FullName;
        foreach (var i in Enumerable.Range(1, 3))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, $"snow{i}.md"),
                $"---\ntitle: \"The snow of a long winter in the north that never ended {i}\"\nthread_id: thread_snow_{i}\ndate: Sep 8\nprimary_theme: Economic History\n---\n\nSnow and ice.\n");
        }

        var cli = await ArchiveCli.RunAsync(folder, new Dictionary<string, string> { ["COLUMNS"] = "80" }, "check", ".", "--table");
        Assert.True(cli.ExitCode == 0, cli.Output);
        var lines = cli.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        foreach (var i in Enumerable.Range(1, 3))
        {
            // The id, the date (its inferred year marked) and the theme whole on the row; only the title wraps.
            var row = lines.Single(l => l.StartsWith($"thread_snow_{i} ", StringComparison.Ordinal));
            Assert.Matches(@"^thread_snow_\d\s+The snow .*\s\d{4}-09-08\*\s+economic-history\s+\d+\s+1\s*$", row);
        }

        Assert.Contains("* no year in the date", cli.Output, StringComparison.Ordinal);

        // Narrower than the whole cells: one line per file, never a cell cut in two.
        var narrow = await ArchiveCli.RunAsync(folder, new Dictionary<string, string> { ["COLUMNS"] = "50" }, "check", ".", "--table");
        Assert.Matches(@"accepted  .*snow1\.md → thread_snow_1 \|", narrow.Output);
    }

    [Fact]
    public async Task Check_reads_and_validates_settings_as_the_hosts_do()
    {
        var folder = Directory.CreateTempSubdirectory("archive-check-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "good.md"), Posts.Make("good", "Good", words: 30));
        var zero = await ArchiveCli.RunAsync(folder, new Dictionary<string, string> { ["Archive__WordsPerMinute"] = "0" }, "check", ".");
        Assert.NotEqual(0, zero.ExitCode);
        Assert.Contains("WordsPerMinute", zero.Output, StringComparison.Ordinal);

        var slow = await ArchiveCli.RunAsync(folder, new Dictionary<string, string> { ["Archive__WordsPerMinute"] = "10" }, "check", ".");
        Assert.True(slow.ExitCode == 0, slow.Output);
        Assert.Contains("| 30 words | 3 min", slow.Output, StringComparison.Ordinal);
    }
}
