using LiveInsight.Contracts.Configuration;

namespace LiveInsight.LocalHost;

/// <summary>Where the built tracker and the demo page live in a checkout.</summary>
internal sealed record LocalAssets(string? TrackerScript, string DemoPage)
{
    public static LocalAssets Locate()
    {
        var root = Environment.GetEnvironmentVariable(LocalHostEnvironment.Root) is { Length: > 0 } configured
            ? configured
            : FindRepositoryRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
        return new LocalAssets(
            Path.Combine(root, "tracker", "dist", "liveinsight.min.js"),
            Path.Combine(root, "tracker", "demo", "index.html"));
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveInsight.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
