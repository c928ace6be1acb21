using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault.Tests.Kdf;

public sealed class KdfParametersTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(599_999, false)]
    [InlineData(600_000, true)]
    [InlineData(1_000_000, true)]
    [InlineData(int.MaxValue, false)]
    public void PBKDF2_iterations_below_the_floor_are_not_acceptable(int iterations, bool acceptable) =>
        Assert.Equal(acceptable, KdfParameters.Pbkdf2(iterations).IsAcceptable);

    [Theory]
    [InlineData(19_456, 2, true)]
    [InlineData(19_455, 2, false)]
    [InlineData(65_536, 1, false)]
    [InlineData(65_536, 3, true)]
    [InlineData(4 * 1024 * 1024, 3, true)]
    [InlineData(4 * 1024 * 1024 + 1, 3, false)]
    [InlineData(65_536, 1_001, false)]
    public void Argon2id_below_OWASPs_floor_or_implausibly_high_is_not_acceptable(int memoryKiB, int iterations, bool acceptable) =>
        Assert.Equal(acceptable, KdfParameters.Argon2id(memoryKiB, iterations).IsAcceptable);

    [Fact]
    public void New_vaults_default_to_Argon2id_at_or_above_OWASPs_first_recommendation()
    {
        var defaults = KdfParameters.Default;

        Assert.Equal((KdfAlgorithm.Argon2id, 1), (defaults.Algorithm, defaults.Parallelism));
        Assert.True(defaults.MemoryKiB >= 64 * 1024, "at least 64 MiB");
        Assert.True(defaults.Iterations >= 3, "at least 3 passes");
        Assert.Equal(16, defaults.SaltSize);
        Assert.Equal("argon2id", defaults.Name);
    }

    [Fact]
    public void A_vault_is_upgraded_from_PBKDF2_or_weaker_Argon2id_and_never_downgraded()
    {
        var target = KdfParameters.Argon2id(131_072, 6);

        Assert.True(KdfParameters.Pbkdf2(100_000_000).IsWeakerThan(target));
        Assert.True(KdfParameters.Argon2id(65_536, 6).IsWeakerThan(target));
        Assert.True(KdfParameters.Argon2id(131_072, 5).IsWeakerThan(target));
        Assert.False(target.IsWeakerThan(target));
        Assert.False(KdfParameters.Argon2id(262_144, 8).IsWeakerThan(target));
        Assert.False(target.IsWeakerThan(KdfParameters.Floor));
    }
}
