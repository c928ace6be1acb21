namespace Keyfolio.Exchanges;

/// <summary>
/// Why a call failed: the category, what the exchange itself said (its code, message and HTTP status — never anything
/// from the request), and an explanation and a fix for people. Everything here is safe to log, store and show.
/// </summary>
public sealed record Diagnosis
{
    public required DiagnosisCategory Category { get; init; }

    public required ExchangeId Exchange { get; init; }

    /// <summary>The exchange's own error code (<c>-2015</c>, <c>50105</c>, <c>api-signature-not-valid</c>, …), when it sent one.</summary>
    public string? ExchangeCode { get; init; }

    /// <summary>The exchange's own message, when it sent one.</summary>
    public string? ExchangeMessage { get; init; }

    public int? HttpStatus { get; init; }

    /// <summary>For <see cref="DiagnosisCategory.RateLimited"/>: when calls may resume.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>This host's address as the exchange saw it, when the exchange named it (OKX 50110, HTX IP errors).</summary>
    public string? CallerIp { get; init; }

    /// <summary>For <see cref="DiagnosisCategory.BadFormat"/>: the field at fault (<c>apiKey</c>, <c>secret</c>, <c>passphrase</c>;
    /// for a key created through OAuth also <c>label</c> or <c>ip</c>).</summary>
    public string? Field { get; init; }

    /// <summary>For <see cref="DiagnosisCategory.ClockSkew"/>: the offset measured between the exchange's clock and ours.</summary>
    public TimeSpan? ClockOffset { get; init; }

    /// <summary>Other causes the exchange's answer cannot rule out (Binance <c>-2015</c> names three).</summary>
    public IReadOnlyList<DiagnosisCategory> OtherPossibleCauses { get; init; } = [];

    public required LocalizedText Explanation { get; init; }

    public required LocalizedText Fix { get; init; }

    /// <summary>
    /// What the exchange said, for people: its name as it writes it, its code and its message (<c>OKX 50105: Passphrase
    /// error</c>); null when it sent no code.
    /// </summary>
    public string? ExchangeWords =>
        ExchangeCode is null
            ? null
            : $"{ExchangeCatalog.Get(Exchange).DisplayName} {ExchangeCode}" + (ExchangeMessage is null ? string.Empty : ": " + ExchangeMessage);

    public override string ToString() =>
        $"{Category} on {Exchange.ToName()}" +
        (HttpStatus is { } status ? $" (HTTP {status})" : string.Empty) +
        (ExchangeCode is null ? string.Empty : $" code {ExchangeCode}") +
        (ExchangeMessage is null ? string.Empty : $": {ExchangeMessage}") +
        (RetryAt is { } retryAt ? $"; retry at {retryAt:O}" : string.Empty);
}
