using Keyfolio.Core.Storage;

namespace Keyfolio.Architecture.Tests;

/// <summary>
/// Dependencies point one way: host (Cli, Web) → application (Core) → (Exchanges, Vault).
/// The simulator is an independent oracle and depends on nothing of ours.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly ProjectGraph Graph = ProjectGraph.Load();

    private static readonly string[] SourceProjects =
    [
        "Keyfolio.Exchanges",
        "Keyfolio.Vault",
        "Keyfolio.Core",
        "Keyfolio.Web",
        "Keyfolio.Cli",
        "Keyfolio.Simulator",
    ];

    [Fact]
    public void Every_project_of_the_design_exists_with_its_test_project()
    {
        foreach (var name in SourceProjects)
        {
            Assert.True(Graph.Projects.ContainsKey(name), name + " is missing.");
            Assert.True(Graph.Projects.ContainsKey(name + ".Tests"), name + ".Tests is missing.");
            Assert.Equal("src/" + name + "/", Graph.Projects[name].RelativeDirectory);
        }
    }

    [Theory]
    [InlineData("Keyfolio.Exchanges")]
    [InlineData("Keyfolio.Vault")]
    [InlineData("Keyfolio.Simulator")]
    public void Leaf_projects_reference_none_of_our_projects(string name) =>
        Assert.Empty(Graph.Projects[name].ProjectReferences);

    [Fact]
    public void Core_references_only_the_exchanges_and_the_vault() =>
        Assert.All(
            Graph.Projects["Keyfolio.Core"].ProjectReferences,
            reference => Assert.Contains(reference, new[] { "Keyfolio.Exchanges", "Keyfolio.Vault" }));

    [Fact]
    public void Core_does_not_reference_AspNetCore()
    {
        var core = Graph.Projects["Keyfolio.Core"];
        Assert.DoesNotContain(core.FrameworkReferences, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(core.PackageReferences, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Equal("Microsoft.NET.Sdk", core.Sdk);

        var compiled = typeof(DataDirectory).Assembly.GetReferencedAssemblies();
        Assert.DoesNotContain(compiled, a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Keyfolio.Cli")]
    [InlineData("Keyfolio.Web")]
    public void Only_the_command_line_references_a_host(string host)
    {
        var referencing = Graph.Projects.Values
            .Where(p => p.IsSource && p.ProjectReferences.Contains(host))
            .Select(p => p.Name);
        var allowed = host == "Keyfolio.Web" ? new[] { "Keyfolio.Cli" } : [];
        Assert.Equal(allowed, referencing.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_the_command_line_hosts_the_simulator()
    {
        var referencing = Graph.Projects.Values
            .Where(p => p.IsSource && p.ProjectReferences.Contains("Keyfolio.Simulator"))
            .Select(p => p.Name);
        Assert.Equal(["Keyfolio.Cli"], referencing);
    }

    [Fact]
    public void The_graph_has_no_cycles()
    {
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);

        void Visit(string name, Stack<string> path)
        {
            if (done.Contains(name))
            {
                return;
            }

            Assert.True(visiting.Add(name), "Reference cycle: " + string.Join(" → ", path.Reverse().Append(name)));
            path.Push(name);
            foreach (var next in Graph.Projects.TryGetValue(name, out var p) ? p.ProjectReferences : [])
            {
                Visit(next, path);
            }

            path.Pop();
            visiting.Remove(name);
            done.Add(name);
        }

        foreach (var name in Graph.Projects.Keys)
        {
            Visit(name, new Stack<string>());
        }
    }
}
