namespace Archive.Api.Http;

/// <summary>Collects the first invalid query value, so a request gets one clear reason.</summary>
public sealed class InvalidValue
{
    public string? Message { get; private set; }

    public void Set(string message) => Message ??= message;

    public T Set<T>(string message)
        where T : struct
    {
        Set(message);
        return default;
    }
}
