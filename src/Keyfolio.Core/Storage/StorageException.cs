namespace Keyfolio.Core.Storage;

/// <summary>The database cannot be used as it is; the message says why and what to do.</summary>
public sealed class StorageException : Exception
{
    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
