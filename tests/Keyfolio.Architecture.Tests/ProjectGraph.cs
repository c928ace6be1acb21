using System.Xml.Linq;

namespace Keyfolio.Architecture.Tests;

/// <summary>The projects of the solution as their project files declare them.</summary>
internal sealed class ProjectGraph
{
    private ProjectGraph(string root, IReadOnlyDictionary<string, ProjectFile> projects)
    {
        Root = root;
        Projects = projects;
    }

    public string Root { get; }

    /// <summary>Projects by name (<c>Keyfolio.Core</c>, <c>Keyfolio.Core.Tests</c>, …).</summary>
    public IReadOnlyDictionary<string, ProjectFile> Projects { get; }

    public static ProjectGraph Load()
    {
        var root = FindRepositoryRoot();
        var projects = Directory
            .EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules"))
            .Select(path => ProjectFile.Load(root, path))
            .ToDictionary(project => project.Name, StringComparer.Ordinal);
        return new ProjectGraph(root, projects);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Keyfolio.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Keyfolio.slnx was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>One project file: where it sits and what it references.</summary>
internal sealed record ProjectFile(
    string Name,
    string RelativeDirectory,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> FrameworkReferences,
    IReadOnlyList<string> PackageReferences,
    string Sdk)
{
    public bool IsSource => RelativeDirectory.StartsWith("src/", StringComparison.Ordinal);

    public static ProjectFile Load(string root, string path)
    {
        var document = XDocument.Load(path);
        var project = document.Root ?? throw new InvalidOperationException(path + " is empty.");

        IReadOnlyList<string> Includes(string element) => project
            .Descendants(element)
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .ToList();

        var directory = Path.GetRelativePath(root, Path.GetDirectoryName(path)!).Replace('\\', '/');
        var referenced = Includes("ProjectReference")
            .Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')))
            .ToList();

        return new ProjectFile(
            Path.GetFileNameWithoutExtension(path),
            directory + "/",
            referenced,
            Includes("FrameworkReference"),
            Includes("PackageReference"),
            (string?)project.Attribute("Sdk") ?? string.Empty);
    }
}
