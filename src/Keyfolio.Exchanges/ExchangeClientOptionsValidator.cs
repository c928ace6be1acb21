using Microsoft.Extensions.Options;

namespace Keyfolio.Exchanges;

/// <summary>Refuses options the connectors cannot work with, naming the setting and the fix.</summary>
public sealed class ExchangeClientOptionsValidator : IValidateOptions<ExchangeClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ExchangeClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{nameof(options.Timeout)} must be between 0 and 5 minutes (it is {options.Timeout}).");
        }

        if (options.MaxRetries is < 0 or > 5)
        {
            failures.Add($"{nameof(options.MaxRetries)} must be between 0 and 5 (it is {options.MaxRetries}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{nameof(options.RetryBaseDelay)} must be between 0 and 30 seconds (it is {options.RetryBaseDelay}).");
        }

        if (options.MaxRateLimitWait < TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.MaxRateLimitWait)} cannot be negative.");
        }

        if (options.ClockResyncInterval <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.ClockResyncInterval)} must be positive.");
        }

        foreach (var hostOverride in options.HostOverrides)
        {
            if (BaseUrlPolicy.Problem(hostOverride.BaseUrl, $"{nameof(options.HostOverrides)}: the base URL for {hostOverride.Exchange.ToName()}") is { } problem)
            {
                failures.Add(problem.ToString());
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
