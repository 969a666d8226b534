using System.Xml.Linq;

namespace LiveInsight.Contracts.Tests.Layout;

/// <summary>
/// The layout rules the architecture depends on, checked on the repository itself so that a change that
/// breaks one fails the build instead of waiting for a reviewer: the shared names stay free of packages,
/// the domain stays free of AWS, the CDK app does not pull in the runtime's SDK, nothing depends on a test
/// project, and no source file grows past what one reader can hold.
/// </summary>
public sealed class RepositoryLayoutTests
{
    private const int MaxSourceLines = 400;

    private static readonly string Root = FindRoot();

    [Fact]
    public void SourceFiles_UnderSrcAndInfra_AreAtMost400Lines()
    {
        var tooLong = SourceFiles("src", "infra")
            .Select(path => (Path: Relative(path), Lines: File.ReadLines(path).Count()))
            .Where(f => f.Lines > MaxSourceLines)
            .Select(f => $"{f.Path} ({f.Lines} lines)")
            .ToList();

        Assert.True(tooLong.Count == 0, "Split these files by job: " + string.Join(", ", tooLong));
    }

    [Fact]
    public void NoProject_ReferencesATestProject()
    {
        var offenders = Projects()
            .SelectMany(p => ProjectReferences(p).Select(r => (Project: Relative(p), Reference: r)))
            .Where(x => Path.GetFileNameWithoutExtension(x.Reference).EndsWith(".Tests", StringComparison.Ordinal))
            .Select(x => $"{x.Project} -> {x.Reference}")
            .ToList();

        Assert.True(offenders.Count == 0, "Shared test support belongs in tests/LiveInsight.Testing: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Contracts_ReferencesNoPackageAndNoProject()
    {
        var project = ProjectFile("src/LiveInsight.Contracts/LiveInsight.Contracts.csproj");

        Assert.Empty(PackageReferences(project));
        Assert.Empty(ProjectReferences(project));
    }

    [Fact]
    public void Domain_ReferencesNoPackageAndOnlyContracts()
    {
        var project = ProjectFile("src/LiveInsight.Domain/LiveInsight.Domain.csproj");

        Assert.Empty(PackageReferences(project));
        Assert.Equal(["LiveInsight.Contracts"], ProjectReferences(project).Select(Path.GetFileNameWithoutExtension));
    }

    [Fact]
    public void CdkApp_ReferencesOnlyContracts_SoItNeverPullsInTheAwsSdkOrTheDomain()
    {
        var project = ProjectFile("infra/LiveInsight.Infra/LiveInsight.Infra.csproj");

        Assert.Equal(["LiveInsight.Contracts"], ProjectReferences(project).Select(Path.GetFileNameWithoutExtension));
    }

    private static IEnumerable<string> SourceFiles(params string[] folders) =>
        folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path));

    private static IEnumerable<string> Projects() =>
        new[] { "src", "infra", "tests", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path));

    private static bool IsBuildOutput(string path)
    {
        var parts = Path.GetRelativePath(Root, path).Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj") || parts.Contains("node_modules");
    }

    private static string ProjectFile(string relative) => Path.Combine(Root, relative);

    private static IReadOnlyList<string> ProjectReferences(string project) => Items(project, "ProjectReference")
        .Select(include => include.Replace('\\', '/'))
        .ToList();

    private static IReadOnlyList<string> PackageReferences(string project) => Items(project, "PackageReference").ToList();

    private static IEnumerable<string> Items(string project, string itemType) =>
        XDocument.Load(project).Descendants(itemType)
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>();

    private static string Relative(string path) => Path.GetRelativePath(Root, path);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveInsight.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LiveInsight.sln not found above " + AppContext.BaseDirectory);
    }
}
