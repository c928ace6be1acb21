using Keyfolio.Core.Connections;
using Keyfolio.Exchanges;

namespace Keyfolio.Core.Demo;

/// <summary>One sample connection for the demo: where it connects, its label and its key. The caller owns the credentials.</summary>
public sealed record DemoConnection(ExchangeEndpoint Endpoint, string Label, KeyCredentials Credentials);
