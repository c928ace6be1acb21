using System.Security.Cryptography;
using Keyfolio.Core.Access;
using Keyfolio.Core.Connections;
using Keyfolio.Exchanges;
using Keyfolio.Vault;

namespace Keyfolio.Web.Connections;

/// <summary>
/// The secret and passphrase a QR code gave the connect form, held on the server for that form so they never go back
/// to the browser: the page carries only a random ticket, bound to the session and the exchange, valid for
/// <see cref="Lifetime"/>, dropped once the key is connected, and every ticket is dropped (its values zeroed) when the
/// vault locks. The values are held in pinned buffers and never become strings.
/// </summary>
public sealed class ScannedKeys
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ScannedKeys(TimeProvider time, VaultAccess vault)
    {
        ArgumentNullException.ThrowIfNull(vault);
        _time = time;
        vault.StateChanged += (_, change) =>
        {
            if (change.State == VaultState.Locked)
            {
                Clear();
            }
        };
    }

    /// <summary>
    /// Holds what a scan (or the person before it) gave, keeping what <paramref name="previousTicket"/> held for the
    /// fields not given now (empty); returns the ticket for the page, or null when nothing is held.
    /// </summary>
    public string? Hold(string session, ExchangeId exchange, ReadOnlySpan<char> secret, ReadOnlySpan<char> passphrase, string? previousTicket)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_lock)
        {
            var previous = Take(previousTicket, session, exchange);
            var held = new Held(session, exchange, _time.GetUtcNow() + Lifetime, Chars(secret) ?? previous?.Secret, Chars(passphrase) ?? previous?.Passphrase);
            if (previous is not null)
            {
                Zero(previous.Secret, held.Secret);
                Zero(previous.Passphrase, held.Passphrase);
            }

            if (held.Secret is null && held.Passphrase is null)
            {
                return null;
            }

            var ticket = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            _held[ticket] = held;
            return ticket;
        }
    }

    /// <summary>Which secret fields <paramref name="ticket"/> holds for this session and exchange (none when it is unknown or expired).</summary>
    public IReadOnlyList<CredentialFieldKind> HeldFields(string? ticket, string session, ExchangeId exchange)
    {
        lock (_lock)
        {
            return Find(ticket, session, exchange) is { } held
                ? [.. (held.Secret is null ? [] : new[] { CredentialFieldKind.Secret }), .. held.Passphrase is null ? [] : new[] { CredentialFieldKind.Passphrase }]
                : [];
        }
    }

    /// <summary>
    /// The key's credentials, each secret field as typed now or, where none was typed, as <paramref name="ticket"/>
    /// holds it; <paramref name="passphraseWasHeld"/> says the passphrase is the held one. The caller disposes them.
    /// </summary>
    public KeyCredentials Credentials(string? ticket, string session, ExchangeId exchange, string apiKey, ReadOnlySpan<char> typedSecret, ReadOnlySpan<char> typedPassphrase, out bool passphraseWasHeld)
    {
        lock (_lock)
        {
            var held = Find(ticket, session, exchange);
            passphraseWasHeld = typedPassphrase.IsEmpty && held?.Passphrase is not null;
            return new KeyCredentials(
                apiKey,
                typedSecret.IsEmpty ? held?.Secret : typedSecret,
                typedPassphrase.IsEmpty ? held?.Passphrase : typedPassphrase);
        }
    }

    /// <summary>Forgets the held passphrase (the exchange said it is wrong), keeping the secret.</summary>
    public void ForgetPassphrase(string? ticket)
    {
        lock (_lock)
        {
            if (ticket is not null && _held.TryGetValue(ticket, out var held) && held.Passphrase is { } passphrase)
            {
                Array.Clear(passphrase);
                held.Passphrase = null;
            }
        }
    }

    /// <summary>Forgets everything <paramref name="ticket"/> held.</summary>
    public void Drop(string? ticket)
    {
        lock (_lock)
        {
            if (ticket is not null && _held.Remove(ticket, out var held))
            {
                held.Zero();
            }
        }
    }

    private void Clear()
    {
        lock (_lock)
        {
            foreach (var held in _held.Values)
            {
                held.Zero();
            }

            _held.Clear();
        }
    }

    private Held? Find(string? ticket, string session, ExchangeId exchange)
    {
        var now = _time.GetUtcNow();
        foreach (var expired in _held.Where(h => h.Value.ExpiresAt <= now).Select(h => h.Key).ToList())
        {
            _held.Remove(expired, out var old);
            old?.Zero();
        }

        return ticket is not null && _held.TryGetValue(ticket, out var held) && held.Session == session && held.Exchange == exchange ? held : null;
    }

    private Held? Take(string? ticket, string session, ExchangeId exchange)
    {
        var held = Find(ticket, session, exchange);
        if (held is not null)
        {
            _held.Remove(ticket!);
        }

        return held;
    }

    private static char[]? Chars(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return null;
        }

        var chars = GC.AllocateArray<char>(value.Length, pinned: true);
        value.CopyTo(chars);
        return chars;
    }

    private static void Zero(char[]? old, char[]? kept)
    {
        if (old is not null && !ReferenceEquals(old, kept))
        {
            Array.Clear(old);
        }
    }

    /// <summary>One ticket's values (a class, not a record: its ToString is redacted).</summary>
    private sealed class Held(string session, ExchangeId exchange, DateTimeOffset expiresAt, char[]? secret, char[]? passphrase)
    {
        public string Session { get; } = session;

        public ExchangeId Exchange { get; } = exchange;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public char[]? Secret { get; } = secret;

        public char[]? Passphrase { get; set; } = passphrase;

        public void Zero()
        {
            if (Secret is not null)
            {
                Array.Clear(Secret);
            }

            if (Passphrase is not null)
            {
                Array.Clear(Passphrase);
            }
        }

        public override string ToString() => "Held { Secret = ***, Passphrase = *** }";
    }
}
