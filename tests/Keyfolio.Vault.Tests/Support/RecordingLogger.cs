using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Vault.Tests.Support;

/// <summary>Keeps every line logged to it, with its level and event id; <see cref="FirstWarning"/> completes with the first warning or worse.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly TaskCompletionSource<LoggedEntry> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<LoggedEntry> Entries { get; } = new();

    /// <summary>The first entry at warning level or above: the vault logs its ordinary decisions at information level.</summary>
    public Task<LoggedEntry> FirstWarning => _first.Task;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = new LoggedEntry(logLevel, eventId.Id, formatter(state, exception), exception);
        Entries.Enqueue(entry);
        if (logLevel >= LogLevel.Warning)
        {
            _first.TrySetResult(entry);
        }
    }
}

internal sealed record LoggedEntry(LogLevel Level, int EventId, string Message, Exception? Exception);
