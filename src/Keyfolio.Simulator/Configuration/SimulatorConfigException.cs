namespace Keyfolio.Simulator;

/// <summary>The simulator configuration is not valid; the message names the JSON path and the fix.</summary>
public sealed class SimulatorConfigException : Exception
{
    public SimulatorConfigException()
    {
    }

    public SimulatorConfigException(string message)
        : base(message)
    {
    }

    public SimulatorConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
