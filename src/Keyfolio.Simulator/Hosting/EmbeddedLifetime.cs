using Microsoft.Extensions.Hosting;

namespace Keyfolio.Simulator.Hosting;

/// <summary>
/// The simulator runs inside another program (the CLI, the web demo, tests), which owns Ctrl+C and
/// SIGTERM; the default console lifetime would take those signals away from it.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
