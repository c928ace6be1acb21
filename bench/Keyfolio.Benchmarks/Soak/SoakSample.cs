using System.Globalization;

namespace Keyfolio.Benchmarks.Soak;

/// <summary>
/// One look at the process during a soak run. The GC heap is <see cref="GCMemoryInfo.HeapSizeBytes"/> as of the last
/// collection and the managed total is <see cref="GC.GetTotalMemory(bool)"/> without forcing one; the outcome counts
/// and simulator requests are totals since the server started.
/// </summary>
internal sealed record SoakSample(
    double Minute,
    double WorkingSetMiB,
    double GcHeapMiB,
    double ManagedMiB,
    int Handles,
    int Threads,
    long Refreshed,
    long Failed,
    long Skipped,
    long Deferred,
    long SimulatorRequests,
    long SimulatorTooMany,
    long ErrorsLogged,
    long Unhandled)
{
    public const string Header =
        "| minute | working set MiB | GC heap MiB | managed MiB | open handles | threads | refreshed | failed | skipped | deferred | simulator requests | errors logged | unhandled |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    /// <summary>The figures whose growth is reported.</summary>
    public static readonly (string Name, Func<SoakSample, double> Figure)[] Figures =
    [
        ("working set MiB", s => s.WorkingSetMiB),
        ("GC heap MiB", s => s.GcHeapMiB),
        ("managed MiB", s => s.ManagedMiB),
        ("open handles", s => s.Handles),
        ("threads", s => s.Threads),
    ];

    /// <summary>A Markdown table row; the counts are since <paramref name="start"/>.</summary>
    public string Row(SoakSample start) => string.Create(CultureInfo.InvariantCulture,
        $"| {Minute:0.0} | {WorkingSetMiB:0.0} | {GcHeapMiB:0.0} | {ManagedMiB:0.0} | {Handles} | {Threads} | {Refreshed - start.Refreshed} | {Failed - start.Failed} | {Skipped - start.Skipped} | {Deferred - start.Deferred} | {SimulatorRequests - start.SimulatorRequests} | {ErrorsLogged - start.ErrorsLogged} | {Unhandled} |");
}
