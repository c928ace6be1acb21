using BenchmarkDotNet.Running;
using Keyfolio.Benchmarks.Simulator;

if (args.Length > 0 && args[0] == "simulator-throughput")
{
    return await SimulatorThroughput.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
