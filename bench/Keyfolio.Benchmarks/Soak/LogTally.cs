using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Benchmarks.Soak;

/// <summary>
/// Counts the server's warnings and errors instead of writing them, keeping for each error its category, event and
/// exception type (never the message), so a long run's output stays readable and its errors can still be named.
/// </summary>
internal sealed class LogTally : ILoggerProvider
{
    private long _warnings;
    private long _errors;

    public long Warnings => Interlocked.Read(ref _warnings);

    public long Errors => Interlocked.Read(ref _errors);

    public ConcurrentDictionary<string, long> ErrorKinds { get; } = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => new Counter(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Counter(LogTally tally, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Interlocked.Increment(ref tally._warnings);
            }
            else if (logLevel > LogLevel.Warning)
            {
                Interlocked.Increment(ref tally._errors);
                var kind = $"{category} {eventId.Id} {eventId.Name} {exception?.GetType().Name}";
                tally.ErrorKinds.AddOrUpdate(kind, 1, (_, count) => count + 1);
            }
        }
    }
}
