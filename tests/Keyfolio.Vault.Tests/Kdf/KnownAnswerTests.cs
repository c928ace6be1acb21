using System.Security.Cryptography;
using System.Text;
using Keyfolio.Vault.Kdf;

namespace Keyfolio.Vault.Tests.Kdf;

/// <summary>
/// The primitives the vault derives keys with, against published vectors: PBKDF2-HMAC-SHA256 on the inputs of
/// RFC 6070 (the SHA-256 results as widely cross-checked), and HKDF-SHA256 from RFC 5869 appendix A.
/// </summary>
public sealed class KnownAnswerTests
{
    [Theory]
    [InlineData("password", "salt", 1, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")]
    [InlineData("password", "salt", 2, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43")]
    [InlineData("password", "salt", 4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")]
    [InlineData("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9")]
    [InlineData("pass\0word", "sa\0lt", 4096, "89b69d0516f829893c696226650a8687")]
    public void Pbkdf2_HmacSha256_matches_the_published_vectors(string password, string salt, int iterations, string expectedHex)
    {
        var expected = Convert.FromHexString(expectedHex);
        var actual = new byte[expected.Length];

        Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), actual, iterations, HashAlgorithmName.SHA256);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData( // RFC 5869 A.1
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
        "000102030405060708090a0b0c",
        "f0f1f2f3f4f5f6f7f8f9",
        "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")]
    [InlineData( // RFC 5869 A.2
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f",
        "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
        "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
        "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87")]
    [InlineData( // RFC 5869 A.3
        "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
        "",
        "",
        "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")]
    public void Hkdf_Sha256_matches_RFC_5869(string ikmHex, string saltHex, string infoHex, string prkHex, string okmHex)
    {
        var ikm = Convert.FromHexString(ikmHex);
        var expectedOkm = Convert.FromHexString(okmHex);
        var prk = new byte[32];
        var okm = new byte[expectedOkm.Length];

        HKDF.Extract(HashAlgorithmName.SHA256, ikm, Convert.FromHexString(saltHex), prk);
        HKDF.Expand(HashAlgorithmName.SHA256, prk, okm, Convert.FromHexString(infoHex));

        Assert.Equal(Convert.FromHexString(prkHex), prk);
        Assert.Equal(expectedOkm, okm);
        Assert.Equal(expectedOkm, HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, expectedOkm.Length, Convert.FromHexString(saltHex), Convert.FromHexString(infoHex)));
    }

    [Fact]
    public void The_vault_key_is_HKDF_expand_of_the_PBKDF2_master_key_with_its_purpose_label()
    {
        var salt = Convert.FromHexString("8f3c1d2e4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0");
        var parameters = KdfParameters.Pbkdf2(KdfParameters.Pbkdf2MinimumIterations);
        var masterKey = Rfc2898DeriveBytes.Pbkdf2("ünïcødé pass phrase"u8, salt, parameters.Iterations, HashAlgorithmName.SHA256, 32);
        var expected = HKDF.Expand(HashAlgorithmName.SHA256, masterKey, 32, "keyfolio/vault/kek/v1"u8.ToArray());
        var actual = new byte[32];

        PasswordKeyDerivation.DeriveKey("ünïcødé pass phrase", salt, parameters, PasswordKeyDerivation.VaultKekInfo, actual);

        Assert.Equal(expected, actual);
        Assert.NotEqual(masterKey, actual);
    }

    /// <summary>
    /// Argon2id (version 0x13) known answers computed with the Argon2 reference implementation's command-line tool
    /// (Debian package argon2 0~20171227), independent of libsodium:
    /// <c>printf '%s' PASSWORD | argon2 SALT -id -t T -k M -p 1 -l 32 -r</c>.
    /// </summary>
    [Theory]
    [InlineData("ünïcødé pass phrase", "keyfolio-salt-16", 2, 19_456, "878da60d3b389b42194afa20fa5934827741b1d43c0f44954c6a4164331651c9")]
    [InlineData("correct horse battery staple", "somesaltsomesalt", 3, 65_536, "ff8d56b4e28e52e1e6d9d33c87ec881a6ba8473e135972dc4b56d0e027c1811a")]
    public void The_vault_key_is_HKDF_expand_of_the_Argon2id_master_key_of_the_reference_implementation(
        string password, string salt, int iterations, int memoryKiB, string masterKeyHex)
    {
        var expected = HKDF.Expand(HashAlgorithmName.SHA256, Convert.FromHexString(masterKeyHex), 32, "keyfolio/vault/kek/v1"u8.ToArray());
        var actual = new byte[32];

        PasswordKeyDerivation.DeriveKey(password, Encoding.ASCII.GetBytes(salt), KdfParameters.Argon2id(memoryKiB, iterations), PasswordKeyDerivation.VaultKekInfo, actual);

        Assert.Equal(expected, actual);
    }
}
