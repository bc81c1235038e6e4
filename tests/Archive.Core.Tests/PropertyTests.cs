using System.Text;
using Archive.Core.Model;
using Archive.Core.Text;
using CsCheck;

namespace Archive.Core.Tests;

/// <summary>Properties over generated input: the parser is total, repair is safe, counting is exact.</summary>
public class PropertyTests
{
    // Characters that correct text is made of, none of which can continue a UTF-8 sequence
    // when read as Windows-1252 (so no run of them looks like mojibake).
    private static readonly string CorrectAlphabet =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()-\n" +
        "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ" +
        "ĀăĐŁżАБВгдеж日本語中文カタカナひらがな한국어" + "🧵😀";

    private static readonly Gen<string> CorrectText =
        Gen.Char[new string(CorrectAlphabet.Where(c => !char.IsSurrogate(c)).Distinct().ToArray())].Array[0, 80]
            .Select(Gen.OneOf("", "🧵", "😀"), (chars, emoji) => new string(chars) + emoji);

    [Fact]
    public void Parser_never_throws_on_arbitrary_bytes() =>
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            var result = Parse.Bytes(bytes);
            return result.Outcome == ParseOutcome.Accepted ? result.Post is not null : result.Reason is not null;
        }, iter: 2000);

    [Fact]
    public void Parser_never_throws_on_arbitrary_front_matter() =>
        Gen.String[Gen.Char["-:.[]{}'\"&*!|>#%@`, \n\tabcz019é"], 0, 200].Sample(yaml =>
        {
            var result = Parse.Text("---\n" + yaml + "\n---\n# Heading\n\nbody");
            return result.Outcome is ParseOutcome.Accepted or ParseOutcome.Rejected;
        }, iter: 2000);

    [Fact]
    public void Repair_is_idempotent() =>
        Gen.String.Sample(text =>
        {
            var once = MojibakeRepair.Repair(text);
            return MojibakeRepair.Repair(once) == once;
        }, iter: 5000);

    [Fact]
    public void Repair_leaves_text_without_mojibake_unchanged() =>
        CorrectText.Sample(text => MojibakeRepair.Repair(text) == text, iter: 5000);

    [Fact]
    public void Repair_undoes_a_windows_1252_misreading() =>
        CorrectText.Sample(text =>
        {
            var garbled = Windows1252.Decode(Encoding.UTF8.GetBytes(text));
            return MojibakeRepair.Repair(garbled) == text;
        }, iter: 5000);

    [Fact]
    public void Word_count_of_generated_bodies_equals_an_independent_count()
    {
        var latinWord = Gen.Char['a', 'z'].Array[1, 12].Select(c => (Text: new string(c), Words: 1));
        var cjkRun = Gen.Char["日本語中文カタカナひらがな한국어"].Array[1, 4].Select(c => (Text: new string(c), Words: c.Length));
        var token = Gen.Frequency((4, latinWord), (1, cjkRun));
        var separator = Gen.OneOf(" ", "  ", "\n", " \n", "\t", "\n\n");
        token.Select(separator).Array[1, 300].Sample(parts =>
        {
            var body = string.Concat(parts.Select(p => p.Item1.Text + p.Item2));
            var expected = parts.Sum(p => p.Item1.Words);
            var post = Parse.Accepted(Parse.Post("title: Generated", body));
            return post.WordCount == expected;
        }, iter: 300);
    }
}
