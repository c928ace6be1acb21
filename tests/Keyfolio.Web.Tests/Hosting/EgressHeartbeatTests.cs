using Keyfolio.Exchanges;
using Keyfolio.Web.Tests.Harness;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Web.Tests.Hosting;

/// <summary>
/// A node behind a shared egress address records itself before the app serves, takes the share the live nodes give it,
/// and removes its row when it stops; a node without the setting writes nothing.
/// </summary>
public sealed class EgressHeartbeatTests : IDisposable
{
    private const string Gateway = "nat-gateway-1";
    private readonly string _directory = Directory.CreateTempSubdirectory("keyfolio-web-egress-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_node_behind_a_shared_address_counts_the_live_nodes_as_it_starts_and_leaves_as_it_stops()
    {
        using (var alone = KeyfolioWebFactory.Over(_directory, core => core.SharedEgressAddress = Gateway))
        {
            Assert.Equal(1, alone.Service<ExchangeConnectors>().EgressAddressShare);
            Assert.Equal([Gateway], await AddressesAsync());
        }

        Assert.Empty(await AddressesAsync());

        // Another node behind the address was seen just now (the app's clock starts at the factory's time).
        using (var factory = KeyfolioWebFactory.Over(_directory))
        {
            await AnotherNodeSeenAsync(factory.Time.GetUtcNow());
            Assert.Equal(1, factory.Service<ExchangeConnectors>().EgressAddressShare);
        }

        using (var shared = KeyfolioWebFactory.Over(_directory, core => core.SharedEgressAddress = Gateway))
        {
            Assert.Equal(2, shared.Service<ExchangeConnectors>().EgressAddressShare);
            Assert.Equal([Gateway, Gateway], await AddressesAsync());
        }

        Assert.Equal([Gateway], await AddressesAsync());
    }

    private async Task<List<string>> AddressesAsync()
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT shared_address FROM egress_nodes ORDER BY holder";
        await using var reader = await command.ExecuteReaderAsync();
        var addresses = new List<string>();
        while (await reader.ReadAsync())
        {
            addresses.Add(reader.GetString(0));
        }

        return addresses;
    }

    private async Task AnotherNodeSeenAsync(DateTimeOffset at)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO egress_nodes (holder, shared_address, last_seen_at) VALUES ('other-node/1/00000000', @address, @seen)";
        command.Parameters.AddWithValue("@address", Gateway);
        command.Parameters.AddWithValue("@seen", (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        await command.ExecuteNonQueryAsync();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "keyfolio.db"), Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
