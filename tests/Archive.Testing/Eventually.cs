using System.Diagnostics;

namespace Archive.Testing;

/// <summary>
/// The one poll loop of the tests: asks until the answer is what is awaited or the time is up, then
/// returns the last answer (the caller asserts on it, so a failure shows what was seen). Bounded in
/// time, never in attempts, so a loaded machine waits longer instead of failing.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var answer = await ask();
            if (done(answer) || clock.Elapsed >= (timeout ?? DefaultTimeout))
            {
                return answer;
            }

            await Task.Delay(Interval);
        }
    }

    public static Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null) => UntilAsync(condition, ok => ok, timeout);

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan? timeout = null) => UntilAsync(() => Task.FromResult(condition()), ok => ok, timeout);
}
