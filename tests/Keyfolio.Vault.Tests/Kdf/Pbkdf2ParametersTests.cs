using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault.Tests.Kdf;

public sealed class Pbkdf2ParametersTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(599_999, false)]
    [InlineData(600_000, true)]
    [InlineData(1_000_000, true)]
    [InlineData(int.MaxValue, false)]
    public void Iterations_below_the_floor_are_not_acceptable(int iterations, bool acceptable) =>
        Assert.Equal(acceptable, new Pbkdf2Parameters(iterations).IsAcceptable);

    [Fact]
    public void New_vaults_default_to_one_million_iterations() =>
        Assert.Equal(1_000_000, Pbkdf2Parameters.Default.Iterations);
}
