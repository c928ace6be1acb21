using System.Reflection;
using Keyfolio.Exchanges.Logging;
using Microsoft.Extensions.Logging;

namespace Keyfolio.Web.Tests.Hosting;

/// <summary>Every logging method of Keyfolio takes its event id from the one list, and no two share one.</summary>
public sealed class EventIdTests
{
    private static readonly Assembly[] Keyfolio =
    [
        typeof(KeyfolioEventIds).Assembly,
        typeof(Keyfolio.Vault.VaultService).Assembly,
        typeof(Keyfolio.Core.KeyfolioCoreOptions).Assembly,
        typeof(Keyfolio.Web.KeyfolioWebOptions).Assembly,
    ];

    [Fact]
    public void Each_logging_method_uses_an_id_of_the_list_and_each_id_once()
    {
        var listed = typeof(KeyfolioEventIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!, StringComparer.Ordinal);
        var used = Keyfolio
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m.DeclaringType!.Name + "." + m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.True(used.Count >= 19, used.Count + " logging methods found");
        Assert.All(used, m => Assert.True(listed.ContainsValue(m.Attribute!.EventId), $"{m.Method} logs with event id {m.Attribute!.EventId}, which is not in KeyfolioEventIds."));
        Assert.Equal(used.Count, used.Select(m => m.Attribute!.EventId).Distinct().Count());
        Assert.Equal(listed.Count, listed.Values.Distinct().Count());
    }
}
