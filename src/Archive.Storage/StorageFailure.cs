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
}
