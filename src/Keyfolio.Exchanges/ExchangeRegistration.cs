using Keyfolio.Exchanges.Http;

namespace Keyfolio.Exchanges;

/// <summary>One exchange as <see cref="ExchangeCatalog"/> lists it: its descriptor and how its connector is made on the
/// shared transport.</summary>
internal sealed record ExchangeRegistration(ExchangeDescriptor Descriptor, Func<ExchangeTransport, IExchangeConnector> CreateConnector);
