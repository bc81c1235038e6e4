using System.Text;
using Archive.Core.Model;
using Archive.Core.Parsing;
using CsCheck;

namespace Archive.Core.Tests;

/// <summary>
/// Generated hostile documents: deep nesting in YAML and markdown, alias bombs, huge runs of one
/// construct, random bytes, in every encoding. Each must be a post or a rejection with a reason of
/// its own, and never an exception (the parser catches only its input's faults). No clock is
/// asserted (see bench/hostile.sh). The unit tier runs a short sample; bench/fuzz.sh runs the long
/// one (<c>ARCHIVE_FUZZ_ITERATIONS</c>).
/// </summary>
public class HostileFuzzTests
{
    /// <summary>Documents per run: a short sample unless <c>ARCHIVE_FUZZ_ITERATIONS</c> asks for more.</summary>
    private static readonly int Iterations =
        int.TryParse(Environment.GetEnvironmentVariable("ARCHIVE_FUZZ_ITERATIONS"), out var asked) && asked > 0 ? asked : 40;

    private static readonly string[] MarkdownPieces =
    [
        "*", "_", "**a", "~~", "[", "]", "](", "[a](", "![", "# a\n", "a\n=\n", ">", "> ", "- ", "1. ", "`", "```\n", "<a",
        "http://a.b ", "www.a.b ", "](a.png)", "](../b.md#c)", "](/x/%2e%2e/y.md)", "](../../../z.gif)", "|", "a|b\n-|-\n", "\n", "\n\n", "[^1]", "[^1]: a\n", "&amp;", "\\", "    ", "*a_ ", "<!--more-->\n", "x",
    ];

    private static readonly Gen<string> DeepYaml =
        Gen.Select(Gen.Int[1, 400], Gen.OneOf(Gen.Const(("[", "]")), Gen.Const(("{a: ", "}")), Gen.Const(("[{a: ", "}]"))), (depth, pair) =>
            "title: T\nx: " + Repeat(pair.Item1, depth) + Repeat(pair.Item2, depth));

    private static readonly Gen<string> DeepBlockYaml =
        Gen.Int[1, 120].Select(depth => "title: T\nx:\n" + string.Concat(Enumerable.Range(1, depth).Select(i => new string(' ', i) + "- \n").Take(depth)) + new string(' ', depth + 1) + "- v");

    private static readonly Gen<string> AliasYaml =
        Gen.Select(Gen.Int[1, 12], Gen.Int[1, 12], Gen.Bool, (levels, fanOut, selfReference) =>
        {
            var yaml = new StringBuilder("title: T\nl0: &l0 " + (selfReference ? "[*l0]" : "lol") + "\n");
            for (var level = 1; level <= levels; level++)
            {
                yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", fanOut))}]\n");
            }

            return yaml.ToString();
        });

    private static readonly Gen<string> FrontMatter = Gen.OneOf(DeepYaml, DeepBlockYaml, AliasYaml, Gen.Const("title: T"));

    private static readonly Gen<string> Body =
        Gen.Select(Pick(MarkdownPieces).Array[1, 4], Gen.Int[1, 20_000], (pieces, times) => Repeat(string.Concat(pieces), times));

    private static readonly Gen<Encoding> Encodings = Pick<Encoding>(
        [new UTF8Encoding(true), new UTF8Encoding(false), new UnicodeEncoding(false, true), new UnicodeEncoding(true, true),
         new UTF32Encoding(false, true), new UTF32Encoding(true, true), Encoding.Latin1]); // Latin-1: bytes that are not UTF-8

    private static readonly Gen<byte[]> Documents = Gen.Select(FrontMatter, Body, Encodings, (yaml, body, encoding) =>
    {
        var text = $"---\n{yaml}\n---\n\n{body}\n";
        return encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();
    });

    private static readonly Gen<byte[]> RandomBytes = Gen.Byte.Array[0, 4_000];

    [Fact]
    public void Hostile_documents_are_posts_or_rejections_with_a_reason_of_their_own() =>
        Gen.Frequency((5, Documents), (1, RandomBytes)).Sample(bytes =>
        {
            var result = Parse.Bytes(bytes);
            return result.Outcome == ParseOutcome.Accepted
                ? result.Post is not null
                : result.Reason is { Length: > 0 };
        }, iter: Iterations, threads: 1);

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    private static Gen<T> Pick<T>(T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);
}
