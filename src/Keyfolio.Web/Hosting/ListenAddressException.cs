namespace Keyfolio.Web.Hosting;

/// <summary>An address Keyfolio was asked to listen on is malformed or not allowed; the message says how to fix it.</summary>
public sealed class ListenAddressException : Exception
{
    public ListenAddressException()
    {
    }

    public ListenAddressException(string message)
        : base(message)
    {
    }

    public ListenAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
