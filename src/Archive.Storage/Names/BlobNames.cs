using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;

namespace Archive.Storage.Names;

/// <summary>
/// Blob names as data (§1): a name is used exactly as stored or not at all. The SDK builds a
/// blob's URL with <see cref="Uri"/>, which removes <c>.</c> and <c>..</c> segments (escaped or
/// not), reads <c>\</c> as <c>/</c> and leaves <c>%</c> for the service to decode: such a name
/// would be read, written or deleted as another blob, so it is refused at the door with a reason.
/// </summary>
public static class BlobNames
{
    /// <summary>Azure's limit on a blob name (learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata).</summary>
    public const int MaxLength = 1024;

    private static readonly BlobContainerClient Probe = new(new Uri("https://account.blob.core.windows.net/posts"));

    /// <summary>Why <paramref name="name"/> cannot be used as stored; null when it can.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0)
        {
            return "the blob name is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"the blob name is over {MaxLength} characters";
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                return $"the blob name holds a control character (U+{(int)c:X4}); rename the file";
            }
        }

        if (name.Contains('\\', StringComparison.Ordinal))
        {
            return "the blob name holds a '\\', which URLs read as '/': it would be read as another blob; rename the file";
        }

        if (name.Split('/').FirstOrDefault(s => s is "." or "..") is { } segment)
        {
            return $"the blob name has a '{segment}' segment, which URLs remove: it would be read as another blob; rename the file";
        }

        if (name[^1] is '/' or '.')
        {
            return $"the blob name ends with '{name[^1]}', which Azure does not keep; rename the file";
        }

        if (name.Contains('%', StringComparison.Ordinal) && Uri.UnescapeDataString(name) != name)
        {
            // The SDK sends '%' as it is, and the service decodes the escape: p%2Fe.md is read as p/e.md.
            return "the blob name holds a percent-escape, which storage decodes: it would be read as another blob; rename the file";
        }

        var read = RoundTrip(name);
        if (read != name)
        {
            return read is null
                ? "the blob name does not make a URL; rename the file"
                : $"the blob name does not survive as a URL (storage would read it as '{Printable(read)}'); rename the file";
        }

        return null;
    }

    public static bool IsUsable(string name) => Problem(name) is null;

    /// <summary>The name as a log line or a terminal may show it: control characters escaped, so that a name cannot forge a line.</summary>
    public static string Printable(string name)
    {
        if (!name.Any(char.IsControl))
        {
            return name;
        }

        var text = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            text.Append(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString());
        }

        return text.ToString();
    }

    /// <summary>The name the service would see for a client built on <paramref name="name"/>: what the URL the SDK sends decodes to.</summary>
    private static string? RoundTrip(string name)
    {
        try
        {
            return new BlobUriBuilder(Probe.GetBlobClient(name).Uri).BlobName;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
