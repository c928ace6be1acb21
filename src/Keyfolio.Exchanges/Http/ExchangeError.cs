namespace Keyfolio.Exchanges.Http;

/// <summary>An exchange's refusal as a connector classified it, before the transport adds status, time and texts.</summary>
internal sealed record ExchangeError(
    DiagnosisCategory Category,
    string? Code = null,
    string? Message = null,
    LocalizedText? Fix = null,
    string? CallerIp = null,
    DateTimeOffset? RetryAt = null,
    IReadOnlyList<DiagnosisCategory>? OtherPossibleCauses = null,
    LocalizedText? Explanation = null,
    string? Field = null);
