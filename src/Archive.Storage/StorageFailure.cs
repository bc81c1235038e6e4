using Azure;

namespace Archive.Storage;

/// <summary>
/// Errors that mean storage could not be reached or failed (a 503; every blob would fail alike), as
/// opposed to a bug or a problem of one entity (a 500, or that one blob's failure).
/// </summary>
public static class StorageFailure
{
    public static bool Is(Exception error) => error switch
    {
        RequestFailedException { Status: 0 or >= 500 } => true,
        // Storage answers but is not set up (nothing created the table or a container yet): every request would fail alike.
        RequestFailedException { ErrorCode: "TableNotFound" or "ContainerNotFound" or "QueueNotFound" } => true,
        HttpRequestException or TimeoutException or System.Net.Sockets.SocketException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(Is),
        _ => error.InnerException is { } inner && Is(inner),
    };

    /// <summary>How long the service asked to wait (<c>Retry-After</c> seconds, or <c>x-ms-retry-after-ms</c>), when it did.</summary>
    public static TimeSpan? RetryAfter(Exception error)
    {
        if (Find(error) is not { } failed || failed.GetRawResponse() is not { } response)
        {
            return null;
        }

        if (response.Headers.TryGetValue("x-ms-retry-after-ms", out var ms) && double.TryParse(ms, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(Math.Min(milliseconds, 300_000));
        }

        return response.Headers.TryGetValue("Retry-After", out var value) && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, 300))
            : null;
    }

    /// <summary>A short cause for logs and health: the service's status and error code, or the exception's kind.</summary>
    public static string Describe(Exception error) =>
        Find(error) is { } failed ? $"{failed.Status} {failed.ErrorCode}".TrimEnd() : error.GetType().Name;

    private static RequestFailedException? Find(Exception? error) => error switch
    {
        null => null,
        RequestFailedException failed => failed,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Find).FirstOrDefault(f => f is not null),
        _ => Find(error.InnerException),
    };
}
