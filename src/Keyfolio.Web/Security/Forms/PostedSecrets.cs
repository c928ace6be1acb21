using Keyfolio.Web.Api.Models;

namespace Keyfolio.Web.Security.Forms;

/// <summary>
/// The secret fields of this request's form (<see cref="SecretFormFields"/>), each in a pinned buffer: the page takes
/// the one it needs and disposes it once the attempt is made; whatever is not taken is zeroed when the request ends.
/// </summary>
public sealed class PostedSecrets : IDisposable
{
    private readonly Dictionary<string, SecretText> _secrets = new(StringComparer.Ordinal);

    /// <summary>The value posted in <paramref name="field"/>, now the caller's to dispose; null when none was posted.</summary>
    public SecretText? Take(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return _secrets.Remove(field, out var secret) ? secret : null;
    }

    internal void Add(string field, SecretText secret)
    {
        if (!_secrets.TryAdd(field, secret))
        {
            secret.Dispose();
            throw new InvalidOperationException("A secret field is taken from a form once.");
        }
    }

    public void Dispose()
    {
        foreach (var secret in _secrets.Values)
        {
            secret.Dispose();
        }

        _secrets.Clear();
    }

    public override string ToString() => "PostedSecrets { *** }";
}
