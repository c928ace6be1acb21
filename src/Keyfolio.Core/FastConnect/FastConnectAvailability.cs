using Keyfolio.Exchanges.Okx.FastApi;

namespace Keyfolio.Core.FastConnect;

/// <summary>Whether Fast connect can be offered, and if not, each setting that keeps it from working.</summary>
public sealed record FastConnectAvailability(IReadOnlyList<OkxFastApiSettingProblem> Problems)
{
    public bool IsAvailable => Problems.Count == 0;
}
