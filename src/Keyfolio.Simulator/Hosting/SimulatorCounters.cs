namespace Keyfolio.Simulator;

/// <summary>What one exchange has answered since start (or the last reset).</summary>
public sealed record SimulatorCounters(long Requests, long TooManyRequests, long Banned);
