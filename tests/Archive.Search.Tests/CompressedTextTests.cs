using Archive.Search;

namespace Archive.Search.Tests;

/// <summary>The text the search index keeps per post (for snippets and related posts), and what a damaged copy reads as.</summary>
public sealed class CompressedTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Plain words, a pact and a treaty.")]
    [InlineData("🧵 A thread: Molotov–Ribbentrop, Île-de-France, 東京駅, a\u0000nul")]
    public void A_text_reads_back_as_it_was_written(string text) =>
        Assert.Equal(text, CompressedText.Decompress(CompressedText.Compress(text)));

    [Fact]
    public void A_long_repetitive_text_reads_back_whole() =>
        Assert.Equal(new string('a', 1_000_000), CompressedText.Decompress(CompressedText.Compress(new string('a', 1_000_000))));

    [Fact]
    public void A_damaged_value_reads_as_no_text()
    {
        var written = CompressedText.Compress("The non-aggression pact was signed in August.");
        Assert.Null(CompressedText.Decompress([1, 2]));
        Assert.Null(CompressedText.Decompress(written.AsSpan(0, written.Length - 3)));
        Assert.Null(CompressedText.Decompress([.. written[..4], .. new byte[] { 0xFF, 0xFF, 0xFF }]));

        // A length no post has (negative, or gigabytes) is refused before anything is allocated for it.
        Assert.Null(CompressedText.Decompress([.. BitConverter.GetBytes(-1), .. written[4..]]));
        Assert.Null(CompressedText.Decompress([.. BitConverter.GetBytes(int.MaxValue), .. written[4..]]));

        // Longer than it says: not the text either.
        Assert.Null(CompressedText.Decompress([.. BitConverter.GetBytes(BitConverter.ToInt32(written) - 1), .. written[4..]]));
    }
}
