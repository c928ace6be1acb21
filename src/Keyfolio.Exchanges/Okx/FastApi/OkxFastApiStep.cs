namespace Keyfolio.Exchanges.Okx.FastApi;

/// <summary>The Fast API requests, each of which reads OKX's refusals in its own light.</summary>
internal enum OkxFastApiStep
{
    /// <summary>The authorization code exchanged for tokens.</summary>
    ExchangeCode,

    /// <summary>The refresh token exchanged for new tokens.</summary>
    Refresh,

    /// <summary>The key created with the access token.</summary>
    CreateKey,
}
