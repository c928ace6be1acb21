using Keyfolio.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Keyfolio.Cli.Tests.EndToEnd;

/// <summary>
/// A vault header changed in the database behind Keyfolio's back (any field: the format, the key derivation, the salt,
/// the wrapped key, the seal itself) is answered "the vault header was altered" with its own exit code, for the right
/// password and a wrong one alike; put back, a wrong password is a wrong password again and the right one works.
/// </summary>
public sealed class AlteredHeaderTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    // Header format 3 (docs/security.md): version 4, KDF 29, passes 30, salt 40, password wrap 60, last byte of the seal.
    private static readonly int[] Positions = [4, 29, 33, 40, 60, 100, -1];

    [Fact]
    public async Task Every_altered_field_exits_12_saying_so_and_never_says_wrong_password()
    {
        using var world = new CliWorld(fixture.Simulator);
        Assert.Equal(0, (await world.RunAsync("init")).ExitCode);
        Assert.Equal(0, (await world.ConnectAsync("Gate main")).ExitCode);
        var wrongFile = world.PasswordFile + ".wrong";
        CliWorld.WriteOwnerOnly(wrongFile, "not-the-master-password-7\n");
        var original = await ReadHeaderAsync(world);
        try
        {
            foreach (var position in Positions)
            {
                var altered = original.ToArray();
                altered[position < 0 ? altered.Length + position : position] ^= 0x01;
                await WriteHeaderAsync(world, altered);

                foreach (var run in new[] { await world.RunAsync("check", "Gate main"), await world.RunAsync("check", "Gate main", "--password-file", wrongFile) })
                {
                    Assert.True(run.ExitCode == ExitCodes.HeaderAltered, $"byte {position}: {run}");
                    Assert.Contains("The vault header was altered", run.Error, StringComparison.Ordinal);
                    Assert.DoesNotContain("password is wrong", run.Error, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
                }
            }

            var json = await world.RunAsync("check", "Gate main", "--json");
            Assert.Equal(ExitCodes.HeaderAltered, json.ExitCode);
            Assert.Contains("vaultHeaderAltered", json.Output + json.Error, StringComparison.Ordinal);

            await WriteHeaderAsync(world, original);
            var wrong = await world.RunAsync("check", "Gate main", "--password-file", wrongFile);
            var right = await world.RunAsync("check", "Gate main");

            Assert.True(wrong.ExitCode == ExitCodes.WrongPassword, wrong.ToString());
            Assert.True(right.ExitCode == 0, right.ToString());
        }
        finally
        {
            File.Delete(wrongFile);
        }
    }

    private static async Task<byte[]> ReadHeaderAsync(CliWorld world)
    {
        await using var connection = new SqliteConnection("Data Source=" + Path.Combine(world.Home, "keyfolio.db") + ";Pooling=False");
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT header FROM vault_header WHERE id = 1";
        return (byte[])(await read.ExecuteScalarAsync())!;
    }

    private static async Task WriteHeaderAsync(CliWorld world, byte[] header)
    {
        await using var connection = new SqliteConnection("Data Source=" + Path.Combine(world.Home, "keyfolio.db") + ";Pooling=False");
        await connection.OpenAsync();
        await using var write = connection.CreateCommand();
        write.CommandText = "UPDATE vault_header SET header = @header WHERE id = 1";
        write.Parameters.AddWithValue("@header", header);
        Assert.Equal(1, await write.ExecuteNonQueryAsync());
    }
}
