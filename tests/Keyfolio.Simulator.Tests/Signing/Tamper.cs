namespace Keyfolio.Simulator.Tests.Signing;

/// <summary>What a test changes in a correctly signed request, after signing it.</summary>
public enum Tamper
{
    None,
    Secret,
    Key,
    Passphrase,
    Path,
    Query,
    Body,
    Timestamp,
}
