using System.Reflection;

namespace Keyfolio.Web.Components;

/// <summary>The assemblies whose routable components the router serves besides this one.</summary>
internal sealed class PageAssemblies(IReadOnlyList<Assembly> additional)
{
    public IReadOnlyList<Assembly> Additional { get; } = additional;
}
