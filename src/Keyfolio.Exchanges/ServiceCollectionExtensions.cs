using Keyfolio.Exchanges.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Keyfolio.Exchanges;

public static class ServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the connectors use; its logging keeps URI and header redaction on.</summary>
    public const string HttpClientName = "Keyfolio.Exchanges";

    /// <summary>
    /// Registers <see cref="ExchangeConnectors"/> and every <see cref="IExchangeConnector"/>, with validated
    /// <see cref="ExchangeClientOptions"/>. An <see cref="IExchangeCallObserver"/> registered in the container is told
    /// about every signed call; an <see cref="INonceStore"/> registered in it gives the nonces, instead of the state
    /// directory's files.
    /// </summary>
    public static IServiceCollection AddKeyfolioExchanges(this IServiceCollection services, Action<ExchangeClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ExchangeClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExchangeClientOptions>, ExchangeClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(ExchangeHttpHandler.Create)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(provider =>
        {
            var factory = provider.GetRequiredService<IHttpClientFactory>();
            return ExchangeConnectors.Create(
                () => factory.CreateClient(HttpClientName),
                provider.GetRequiredService<IOptions<ExchangeClientOptions>>().Value,
                provider.GetRequiredService<ILoggerFactory>(),
                provider.GetService<IExchangeCallObserver>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetService<INonceStore>());
        });
        foreach (var exchange in ExchangeIds.All)
        {
            services.AddSingleton(provider => provider.GetRequiredService<ExchangeConnectors>()[exchange]);
        }

        return services;
    }
}
