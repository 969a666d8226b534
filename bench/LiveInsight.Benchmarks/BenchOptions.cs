using System.Globalization;

namespace LiveInsight.Benchmarks;

/// <summary>
/// Command-line options; every path defaults to its place in the repository. Only <see cref="Parse"/> makes one, so the
/// defaults are stated there, once.
/// </summary>
public sealed record BenchOptions
{
    public required string Root { get; init; }
    public required string Output { get; init; }
    public required string JsonOutput { get; init; }

    /// <summary>
    /// A document visits.mjs printed earlier, to read instead of driving Chromium (for work on the report only;
    /// the report then says the realistic figures were not measured in this run).
    /// </summary>
    public required string? VisitsFile { get; init; }
    public required string AotBootstrap { get; init; }
    public required string JitBootstrapDll { get; init; }
    public required string HostDll { get; init; }
    public required string Configuration { get; init; }
    public required int ColdStartRuns { get; init; }
    public required int ThroughputEvents { get; init; }
    public required int ThroughputConcurrency { get; init; }
    public required int ThroughputRepetitions { get; init; }

    /// <summary>Lag probes of the stats section: posts whose time to show in the stats API is measured.</summary>
    public required int LagProbes { get; init; }

    /// <summary>
    /// <c>stats</c> runs only the stats section and prints it, writing no report (for work on that section);
    /// <c>cpu</c> does the same for the handler-CPU section.
    /// </summary>
    public required string? Only { get; init; }

    /// <summary>Unix time at which `make bench` started, so the report can state the whole run's duration.</summary>
    public required double? MakeStartedAt { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'. Options: --root --out --configuration --aot --jit --host " +
                    "--cold-runs --events --concurrency --repetitions --make-started --json --visits --lag-probes --only");
            }

            values[args[i][2..]] = args[++i];
        }

        // A mistyped section must not fall through to the whole bench, which rewrites BENCHMARKS.md.
        if (values.TryGetValue("only", out var only) && only is not ("stats" or "cpu"))
        {
            throw new ArgumentException($"--only takes 'stats' or 'cpu', not '{only}'.");
        }

        var root = values.TryGetValue("root", out var r) ? Path.GetFullPath(r) : FindRoot();
        var configuration = values.GetValueOrDefault("configuration", "Release");
        var rid = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        string PathOf(string key, string fallback) => Path.GetFullPath(values.TryGetValue(key, out var value) ? value : Path.Combine(root, fallback));
        int IntOf(string key, int fallback) => values.TryGetValue(key, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        return new BenchOptions
        {
            Root = root,
            Configuration = configuration,
            Output = PathOf("out", "BENCHMARKS.md"),
            JsonOutput = PathOf("json", "BENCHMARKS.json"),
            VisitsFile = values.TryGetValue("visits", out var visits) ? Path.GetFullPath(visits) : null,
            AotBootstrap = PathOf("aot", $"artifacts/function/{rid}/bootstrap"),
            JitBootstrapDll = PathOf("jit", $"src/LiveInsight.Function/bin/{configuration}/net10.0/bootstrap.dll"),
            HostDll = PathOf("host", $"src/LiveInsight.LocalHost/bin/{configuration}/net10.0/LiveInsight.LocalHost.dll"),
            ColdStartRuns = IntOf("cold-runs", 7),
            ThroughputEvents = IntOf("events", 2000),
            ThroughputConcurrency = IntOf("concurrency", 8),
            ThroughputRepetitions = IntOf("repetitions", 3),
            LagProbes = IntOf("lag-probes", 20),
            Only = values.GetValueOrDefault("only"),
            MakeStartedAt = values.TryGetValue("make-started", out var started) ? double.Parse(started, CultureInfo.InvariantCulture) : null,
        };
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveInsight.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run from inside the repository, or pass --root.");
    }
}
