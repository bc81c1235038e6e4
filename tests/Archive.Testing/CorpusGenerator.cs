using System.Globalization;
using System.Text;

namespace Archive.Testing;

/// <summary>
/// A deterministic corpus shaped like content/thread_0311.md: the same front-matter fields,
/// yearless weekday dates, 12 themes with a skewed (Zipf) distribution, bodies of 150 to 3,000
/// words (log-normal, median near 600) with some markdown, and about 2% with mojibake. With a rich
/// vocabulary (bench/search.sh), one body word in eight is drawn instead from 20,000 made-up words
/// with a Zipf distribution, so that words have the long tail of document frequencies real text
/// has and a post's rarest words can find it.
/// </summary>
public sealed class CorpusGenerator(int seed, bool richVocabulary = false)
{
    public const double MojibakeShare = 0.02;

    private static readonly string[] Themes =
    [
        "Cold War History", "Soviet Economy", "Decolonization", "Labor History", "Science & Technology", "uncategorized",
        "Diplomacy", "Revolutions", "Empire", "Agriculture", "Urban History", "Media",
    ];

    private static readonly string[] Words = (
        "the of and to in a that was it as for with on by were had his which their from at this but not be they have are " +
        "war state party soviet union government policy power economy workers industry peace treaty empire army people " +
        "history plan reform trade labor strike revolution colonial independence nation border city land farm grain " +
        "coal steel railway port bank price wage market capital factory union council minister congress election vote " +
        "after before during while although because however therefore meanwhile finally first second later early " +
        "britain france germany poland italy japan china india russia america spain hungary romania estonia latvia " +
        "signed agreed refused declared invaded occupied negotiated collapsed expanded built planned argued wrote " +
        "long short large small new old great little young strong weak clear hard simple open closed public private " +
        "decade century year month winter summer spring autumn morning night moment period era generation " +
        "agreement conference alliance crisis conflict victory defeat siege blockade airlift pact front line " +
        "historians sources archives memoirs documents letters telegrams speeches reports records figures").Split(' ');

    private static readonly string[] Mojibake = ["ðŸ§µ", "â€™", "â€œ", "â€\u009d", "Ã©", "â€”"];

    /// <summary>Writes <paramref name="count"/> posts as thread_NNNNN.md and returns their paths.</summary>
    public IReadOnlyList<string> Write(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var paths = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var post = Post(random, i, richVocabulary);
            var path = Path.Combine(folder, $"thread_{i:D5}.md");
            File.WriteAllBytes(path, post);
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>One post's bytes (UTF-8, LF), with mojibake written as the owner's broken files have it.</summary>
    public static byte[] Post(Random random, int index, bool richVocabulary = false)
    {
        var words = WordCountFor(random);
        var theme = Themes[Zipf(random, Themes.Length)];
        var broken = random.NextDouble() < MojibakeShare;
        var title = Sentence(random, 2 + random.Next(5)).TrimEnd('.');
        var day = new DateOnly(2020, 1, 1).AddDays(random.Next(365 * 4));
        var body = Body(random, words, broken, richVocabulary);
        var text = new StringBuilder()
            .Append("---\n")
            .Append("title: \"").Append(title).Append("\"\n")
            .Append("date: ").Append(day.ToString("ddd MMM d", CultureInfo.InvariantCulture)).Append('\n')
            .Append("description: \"").Append(Sentence(random, 12 + random.Next(12)).TrimEnd('.')).Append("...\"\n")
            .Append("thread_id: thread_").Append(index.ToString("D5", CultureInfo.InvariantCulture)).Append('\n')
            .Append("word_count: ").Append(words).Append('\n')
            .Append("reading_time: ").Append(Math.Max(1, (words + 199) / 200)).Append('\n')
            .Append("primary_theme: ").Append(theme).Append('\n')
            .Append("---\n\n# ").Append(title).Append("\n\n")
            .Append(body);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Log-normal around 600 words, kept within 150–3,000.</summary>
    public static int WordCountFor(Random random)
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return (int)Math.Clamp(Math.Round(Math.Exp(Math.Log(600) + 0.6 * normal)), 150, 3000);
    }

    private static int Zipf(Random random, int n)
    {
        var total = 0.0;
        for (var k = 1; k <= n; k++)
        {
            total += 1.0 / k;
        }

        var target = random.NextDouble() * total;
        for (var k = 1; k <= n; k++)
        {
            target -= 1.0 / k;
            if (target <= 0)
            {
                return k - 1;
            }
        }

        return n - 1;
    }

    // Exactly `words` whitespace-separated tokens, in paragraphs, with emphasis, links and mojibake
    // that never change the count (markup wraps a word; a link's text is one word).
    private static string Body(Random random, int words, bool broken, bool richVocabulary)
    {
        var body = new StringBuilder(words * 7);
        var inParagraph = 0;
        var paragraphLength = 40 + random.Next(120);
        for (var w = 0; w < words; w++)
        {
            var word = richVocabulary && random.Next(8) == 0 ? RareWord(random) : Words[random.Next(Words.Length)];
            var roll = random.Next(100);
            if (roll < 2)
            {
                word = $"*{word}*";
            }
            else if (roll < 3)
            {
                word = $"[{word}](https://example.org/{word})";
            }

            if (broken && random.Next(60) == 0)
            {
                word += Mojibake[random.Next(Mojibake.Length)];
            }

            body.Append(word);
            inParagraph++;
            if (inParagraph >= paragraphLength && w < words - 1)
            {
                body.Append(".\n\n");
                inParagraph = 0;
                paragraphLength = 40 + random.Next(120);
            }
            else
            {
                body.Append(' ');
            }
        }

        return body.ToString().TrimEnd() + ".\n";
    }

    private static readonly string[] Syllables =
        "ka lo mi ren tu sa vel dor ni pa quo zen bri tal mos fen gar hul jin kel lum nor pet rus sil tor ulm var wyn yst".Split(' ');

    /// <summary>20,000 made-up words (three or four syllables), and their cumulative Zipf weights.</summary>
    private static readonly Lazy<(string[] Words, double[] Cumulative)> Rare = new(() =>
    {
        var words = new string[20_000];
        var cumulative = new double[words.Length];
        var total = 0.0;
        for (var k = 0; k < words.Length; k++)
        {
            var n = Syllables.Length;
            words[k] = Syllables[k % n] + Syllables[(k / n) % n] + Syllables[(k / (n * n)) % n] + (k >= n * n * n ? Syllables[k / (n * n * n) % n] : string.Empty);
            total += 1.0 / (k + 1);
            cumulative[k] = total;
        }

        return (words, cumulative);
    });

    private static string RareWord(Random random)
    {
        var (words, cumulative) = Rare.Value;
        var index = Array.BinarySearch(cumulative, random.NextDouble() * cumulative[^1]);
        return words[Math.Min(words.Length - 1, index < 0 ? ~index : index)];
    }

    private static string Sentence(Random random, int words)
    {
        var sentence = string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
        return char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".";
    }
}
