namespace Keyfolio.Core.Storage;

/// <summary>
/// The database server cannot be reached or refused the connection (PostgreSQL): nothing is wrong with the data, and
/// the command can be run again once the server answers. The message names the server, never its password.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException(string message, string fix, Exception? innerException)
        : base(message, innerException)
    {
        Fix = fix;
    }

    /// <summary>What to check or do.</summary>
    public string Fix { get; }
}
