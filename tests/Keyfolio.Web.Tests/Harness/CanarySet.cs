using System.Collections.Concurrent;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>The secrets of one test app that no answer may ever carry, in clear or URL-encoded.</summary>
public sealed class CanarySet
{
    private readonly ConcurrentDictionary<string, byte> _values = new(StringComparer.Ordinal);

    public void Add(string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            _values.TryAdd(secret, 0);
            _values.TryAdd(Uri.EscapeDataString(secret), 0);
        }
    }

    public string? FoundIn(string text) => _values.Keys.FirstOrDefault(secret => text.Contains(secret, StringComparison.Ordinal));

    public int Count => _values.Count;
}
