using Microsoft.AspNetCore.Components;

namespace Keyfolio.Web.Tests.Harness;

/// <summary>A page that fails while rendering, to see what the error page shows.</summary>
[Route("/probe/broken-page")]
public sealed class ThrowingPage : ComponentBase
{
    protected override void OnInitialized() => throw new InvalidOperationException("Rendering failed near " + TestProbes.Canary);
}
