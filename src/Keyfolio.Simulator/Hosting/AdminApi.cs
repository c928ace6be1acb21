using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keyfolio.Simulator.Hosting;

/// <summary>
/// The admin endpoint on its own port: the powers of <see cref="SimulatorControl"/> over HTTP, with JSON
/// bodies (docs/simulator.md lists the routes).
/// </summary>
internal sealed class AdminApi(SimulatorControl control)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var parts = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            switch (method, parts)
            {
                case ("PUT", ["faults"]):
                    control.SetFault(await ReadAsync<SimulatorFault>(context).ConfigureAwait(false));
                    break;
                case ("DELETE", ["faults"]):
                    control.ClearAllFaults();
                    break;
                case ("DELETE", ["faults", var exchange]):
                    control.ClearFaults(exchange);
                    break;
                case ("PUT", ["exchanges", var exchange, "clock"]):
                    control.SetClockOffset(exchange, TimeSpan.FromMilliseconds((await ReadAsync<ClockBody>(context).ConfigureAwait(false)).OffsetMs));
                    break;
                case ("PUT", ["exchanges", var exchange, "restricted-location"]):
                    control.SetRestrictedLocation(exchange, (await ReadAsync<SwitchBody>(context).ConfigureAwait(false)).Enabled);
                    break;
                case ("POST", ["exchanges", var exchange, "keys", var apiKey, "revoke"]):
                    control.RevokeKey(exchange, Uri.UnescapeDataString(apiKey));
                    break;
                case ("PUT", ["exchanges", var exchange, "keys", var apiKey, "permissions"]):
                    control.SetPermissions(exchange, Uri.UnescapeDataString(apiKey), (await ReadAsync<PermissionsBody>(context).ConfigureAwait(false)).Permissions);
                    break;
                case ("PUT", ["exchanges", var exchange, "keys", var apiKey, "balances"]):
                    control.SetBalances(exchange, Uri.UnescapeDataString(apiKey), (await ReadAsync<BalancesBody>(context).ConfigureAwait(false)).Balances);
                    break;
                case ("GET", ["exchanges", var exchange, "counters"]):
                    await context.Response.WriteAsJsonAsync(control.GetCounters(exchange), JsonOptions, context.RequestAborted).ConfigureAwait(false);
                    return;
                case ("DELETE", ["exchanges", var exchange, "counters"]):
                    control.ResetCounters(exchange);
                    break;
                default:
                    await ProblemAsync(context, 404, "No such admin route; docs/simulator.md lists them.").ConfigureAwait(false);
                    return;
            }

            context.Response.StatusCode = 204;
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or SimulatorConfigException or JsonException)
        {
            await ProblemAsync(context, ex is KeyNotFoundException ? 404 : 400, ex.Message).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpContext context)
        where T : class =>
        await context.Request.ReadFromJsonAsync<T>(JsonOptions, context.RequestAborted).ConfigureAwait(false)
            ?? throw new JsonException("The request body is empty; send a JSON object.");

    private static Task ProblemAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = message }, JsonOptions, context.RequestAborted);
    }

    private sealed record ClockBody(long OffsetMs);

    private sealed record SwitchBody(bool Enabled);

    private sealed record PermissionsBody(IReadOnlyList<string> Permissions);

    private sealed record BalancesBody(IReadOnlyList<SimulatorBalance> Balances);
}
