using BenchmarkDotNet.Running;
using Keyfolio.Benchmarks.Simulator;

if (args.Length > 0 && args[0] == "simulator-throughput")
{
    return await SimulatorThroughput.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "core-refresh-seven")
{
    return await Keyfolio.Benchmarks.Core.RefreshBenchmark.SevenAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "core-refresh-bulk")
{
    return await Keyfolio.Benchmarks.Core.RefreshBenchmark.BulkAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "nodes-refresh")
{
    return await Keyfolio.Benchmarks.Core.NodesRefreshBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "web")
{
    return await Keyfolio.Benchmarks.Web.WebBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "soak")
{
    return await Keyfolio.Benchmarks.Soak.SoakBenchmark.RunAsync(args[1..]);
}

if (args.Length > 1 && args[0] == "cli-balances")
{
    return await Keyfolio.Benchmarks.Cli.BalancesStartup.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
