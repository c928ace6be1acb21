namespace Keyfolio.Exchanges.QrCodes;

/// <summary>
/// An exchange's own text form of a key's QR code, when it is neither JSON nor <c>key:secret</c>: the text ends in
/// <see cref="KeyMarker"/>, the key, <see cref="SecretMarker"/> and the secret, with no white space among them. It is
/// read over the characters, so the secret never becomes a string.
/// </summary>
public sealed record QrTextForm(string KeyMarker, string SecretMarker)
{
    /// <summary>
    /// Where the key and the secret are in <paramref name="text"/>, when it has this form: the key runs from the first
    /// key marker of the text's last unbroken run to its last secret marker, the secret from there to the end.
    /// </summary>
    public bool TryRead(ReadOnlySpan<char> text, out Range key, out Range secret)
    {
        key = default;
        secret = default;
        var start = text.Length;
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        var run = text[start..];
        var marker = run.IndexOf(KeyMarker, StringComparison.Ordinal);
        if (marker < 0)
        {
            return false;
        }

        // Both the key and the secret hold at least one character.
        var keyStart = marker + KeyMarker.Length;
        var secretMarker = run[..^1].LastIndexOf(SecretMarker, StringComparison.Ordinal);
        if (secretMarker <= keyStart)
        {
            return false;
        }

        key = new Range(start + keyStart, start + secretMarker);
        secret = new Range(start + secretMarker + SecretMarker.Length, text.Length);
        return true;
    }
}
