namespace Keyfolio.Core.Audit;

/// <summary>
/// Who is acting ("cli", "web 127.0.0.1", "sync"), for the audit entries written on the way, including those of
/// exchange calls made deep inside the connectors. Flows with the async context.
/// </summary>
public static class AuditActor
{
    public const string System = "system";

    private static readonly AsyncLocal<string?> CurrentActor = new();
    private static readonly AsyncLocal<string?> CurrentKey = new();

    public static string Current => CurrentActor.Value ?? System;

    /// <summary>The fingerprint of the API key the current calls are made with.</summary>
    public static string? CurrentKeyFingerprint => CurrentKey.Value;

    /// <summary>Sets the actor until the returned scope is disposed.</summary>
    public static IDisposable Use(string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var previous = CurrentActor.Value;
        CurrentActor.Value = actor;
        return new Scope(previous);
    }

    /// <summary>Names the key of the calls made until the returned scope is disposed.</summary>
    public static IDisposable UseKey(string fingerprint)
    {
        var previous = CurrentKey.Value;
        CurrentKey.Value = fingerprint;
        return new KeyScope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => CurrentActor.Value = previous;
    }

    private sealed class KeyScope(string? previous) : IDisposable
    {
        public void Dispose() => CurrentKey.Value = previous;
    }
}
