using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Keyfolio.Exchanges.Tests;

public sealed class ExchangeClientOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_time_out_after_ten_seconds()
    {
        var options = new ExchangeClientOptions();

        Assert.True(new ExchangeClientOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
    }

    [Fact]
    public void Invalid_settings_are_named_with_the_fix()
    {
        var options = new ExchangeClientOptions { Timeout = TimeSpan.Zero, MaxRetries = 9 };
        options.HostOverrides.Add(new ExchangeHostOverride { Exchange = ExchangeId.Gate, BaseUrl = new Uri("ftp://x") });

        var result = new ExchangeClientOptionsValidator().Validate(null, options);

        Assert.Equal(3, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("Timeout must be", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("gate", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_options_fail_when_the_connectors_are_resolved()
    {
        using var services = new ServiceCollection().AddKeyfolioExchanges(o => o.MaxRetries = -1).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ExchangeConnectors>());
    }

    [Fact]
    public void One_line_registers_every_connector()
    {
        using var services = new ServiceCollection().AddKeyfolioExchanges().BuildServiceProvider();

        Assert.Equal(ExchangeIds.All, services.GetServices<IExchangeConnector>().Select(c => c.Descriptor.Id));
    }

    [Fact]
    public void Without_dependency_injection_invalid_options_are_refused()
    {
        Assert.Throws<OptionsValidationException>(() => ExchangeConnectors.Create(new ExchangeClientOptions { MaxRetries = 99 }));
    }
}
