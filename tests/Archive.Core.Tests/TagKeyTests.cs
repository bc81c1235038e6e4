using Archive.Core.Text;

namespace Archive.Core.Tests;

/// <summary>§8 tag keys, which <c>?tag=</c> of the lists and feeds matches.</summary>
public sealed class TagKeyTests
{
    [Theory]
    [InlineData("Île-de-France", "ile-de-france")]
    [InlineData("東京 駅", "東京-駅")]
    [InlineData("  Cold War!! ", "cold-war")]
    [InlineData("C++ / C#", "c-c")]
    [InlineData("Ελληνικά", "ελληνικα")]
    [InlineData("naïve_café", "naive-cafe")]
    [InlineData("ile-de-france", "ile-de-france")]
    [InlineData("!!!", "")]
    public void A_tag_key_is_folded_lower_case_with_one_dash_between_words(string tag, string key) =>
        Assert.Equal(key, TagKey.Of(tag));
}
