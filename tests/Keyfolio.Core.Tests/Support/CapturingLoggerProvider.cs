using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Core.Tests.Support;

/// <summary>Keeps every log line written at any level (category, level, [event id]: message), so tests can prove what a
/// log says and what never reaches it.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Lines.Enqueue($"{category} {logLevel} [{eventId.Id}]: {formatter(state, exception)} {exception}");
    }
}
