using System.Text.Json.Serialization;

namespace Archive.Core.Stored;

/// <summary>Source-generated metadata of what Archive stores as JSON; <see cref="ArchiveJson"/> applies the settings.</summary>
[JsonSerializable(typeof(StoredSummary))]
[JsonSerializable(typeof(StoredContent))]
internal sealed partial class StoredJsonContext : JsonSerializerContext;
