namespace Keyfolio.Exchanges.QrCodes;

/// <summary>The shapes exchanges give the text of a key's QR code.</summary>
public enum QrPayloadFormat
{
    /// <summary>Nothing recognisable.</summary>
    Unrecognised,

    /// <summary>A JSON object with <c>apiKey</c>/<c>key</c> and <c>secretKey</c>/<c>secret</c>, maybe a passphrase.</summary>
    Json,

    /// <summary>The text form one exchange gives its QR codes, as its descriptor's
    /// <see cref="ExchangeDescriptor.QrText"/> declares it.</summary>
    ExchangeText,

    /// <summary><c>key:secret</c>.</summary>
    KeyColonSecret,
}
