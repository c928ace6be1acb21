using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Keyfolio.Benchmarks.Web;

/// <summary>Times each request inside the server, from the first middleware to the last byte written.</summary>
internal sealed class ServerTimings : IStartupFilter
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _milliseconds = new(StringComparer.Ordinal);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            var started = Stopwatch.GetTimestamp();
            await inner(context);
            _milliseconds.GetOrAdd(context.Request.Path.Value ?? string.Empty, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        });
        next(app);
    };

    public IReadOnlyList<double> Take(string path) =>
        _milliseconds.TryRemove(path, out var values) ? [.. values.Order()] : [];
}
