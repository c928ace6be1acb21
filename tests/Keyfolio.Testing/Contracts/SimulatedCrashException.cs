namespace Keyfolio.Testing.Contracts;

/// <summary>
/// Thrown by a store opened to crash at a given write step, in place of that step: what a process killed
/// there would leave behind is what the store holds afterwards.
/// </summary>
public sealed class SimulatedCrashException(int step) : Exception($"Simulated crash at write step {step}.")
{
    public int Step { get; } = step;
}
