namespace Keyfolio.Simulator;

/// <summary>OKX "Fast API": the OAuth clients the simulator knows and the user who signs in on its consent page.</summary>
public sealed class OkxOAuthSettings
{
    public IList<OkxOAuthClient> Clients { get; set; } = [];

    public OkxOAuthUser User { get; set; } = new();
}

/// <summary>A registered OAuth broker. Holds its client secret, so <see cref="ToString"/> shows only the client id.</summary>
public sealed class OkxOAuthClient
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public string? Name { get; set; }

    /// <summary>
    /// Allowed redirect URIs, compared exactly; a <c>*</c> in place of the port (<c>http://127.0.0.1:*/callback</c>)
    /// matches any port, so loopback apps on free ports can register once.
    /// </summary>
    public IList<string> RedirectUris { get; set; } = [];

    public override string ToString() => $"OKX OAuth client {ClientId}";
}

/// <summary>The OKX user who approves on the consent page; a key created through Fast API opens this account.</summary>
public sealed class OkxOAuthUser
{
    public string Uid { get; set; } = "77000000000000001";

    public string? Label { get; set; }

    public IList<SimulatorBalance> Balances { get; set; } = [];
}
