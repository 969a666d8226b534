using System.Collections.Concurrent;
using System.Globalization;
using LiveInsight.Testing.DynamoDb;

namespace LiveInsight.Testing.LocalHost;

/// <summary>
/// The real local host (<c>dotnet LiveInsight.LocalHost.dll</c>) as a child process on a free port, on
/// tables of its own in a DynamoDB Local, for the end-to-end tests and the throughput benchmark. Its stdout
/// is kept line by line for log assertions; it is killed on dispose.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private LocalHostProcess(Process process, int port, string tablePrefix, TableNames tables, DynamoDbLocal dynamo)
    {
        _process = process;
        Port = port;
        TablePrefix = tablePrefix;
        Tables = tables;
        Dynamo = dynamo;
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Reader = new TableReader(dynamo.Client, tables);
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stdout.Enqueue(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>The prefix of the table names, for <see cref="DynamoDbLocal.CreateTablesAsync"/> after a restart.</summary>
    public string TablePrefix { get; }

    public TableNames Tables { get; }

    /// <summary>The host's own Stats table (STATS_TABLE), which its local aggregator keeps.</summary>
    public string StatsTable => TablePrefix + "LiveInsight-Stats";

    public DynamoDbLocal Dynamo { get; }

    /// <summary>The API stage: <c>http://127.0.0.1:port/prod/</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/prod/");

    /// <summary>A client whose base address is <see cref="BaseAddress"/>.</summary>
    public HttpClient Http { get; }

    public TableReader Reader { get; }

    /// <summary>Every line the host has written to stdout so far.</summary>
    public IReadOnlyList<string> StdoutLines => [.. _stdout];

    /// <summary>
    /// Starts a host on fresh tables. <paramref name="environment"/> adds to or overrides the defaults; a
    /// null value removes a variable.
    /// </summary>
    /// <param name="hostAssembly">The host's dll; by default <see cref="HostAssembly"/>.</param>
    public static async Task<LocalHostProcess> StartAsync(
        DynamoDbLocal dynamo, IReadOnlyDictionary<string, string?>? environment = null, string? hostAssembly = null)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        hostAssembly ??= HostAssembly();
        var prefix = "host" + Guid.NewGuid().ToString("N")[..10] + "-";
        // The same naming as DynamoDbLocal.CreateTablesAsync, so a test can recreate these tables by prefix.
        var tables = await dynamo.CreateTablesAsync(prefix).ConfigureAwait(false);
        var port = FreeTcpPort.Pick();

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(hostAssembly)!,
        };
        start.ArgumentList.Add(hostAssembly);
        foreach (var inherited in new[] { "ALLOWED_ORIGINS", "LIVEINSIGHT_BIND", "DYNAMODB_PORT", "AWS_LAMBDA_FUNCTION_NAME", "LOG_LEVEL", "ASPNETCORE_URLS", "SESSION_TIMEOUT_MINUTES", "SESSION_MAX_HOURS", "SESSION_REFRESH_SECONDS" })
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["LIVEINSIGHT_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["DYNAMODB_ENDPOINT"] = dynamo.ServiceUrl;
        start.Environment["AWS_REGION"] = "us-east-1";
        foreach (var (name, value) in TableEnvironment.Of(tables))
        {
            start.Environment[name] = value;
        }

        // Each host rolls up into a Stats table of its own (it creates it), so hosts never count each other's events.
        start.Environment["STATS_TABLE"] = prefix + "LiveInsight-Stats";

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        var host = new LocalHostProcess(process, port, prefix, tables, dynamo);
        try
        {
            await host.WaitUntilAnsweringAsync().ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return host;
    }

    /// <summary>
    /// Waits until a stdout line after the first <paramref name="skip"/> lines satisfies
    /// <paramref name="match"/> (stdout arrives asynchronously, after the HTTP answer).
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, int skip = 0, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(10)))
        {
            var line = _stdout.Skip(skip).FirstOrDefault(match);
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(25).ConfigureAwait(false);
        }

        throw new TimeoutException($"No matching stdout line. Last lines:{Environment.NewLine}{string.Join(Environment.NewLine, _stdout.TakeLast(10))}");
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The local host exited with code {_process.ExitCode}.{Environment.NewLine}{Output()}");
            }

            try
            {
                // The dashboard page: public whatever STATS_API_KEY says, and served only once the tables exist.
                using var response = await Http.GetAsync("dashboard").ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"The local host did not answer within {StartTimeout}.{Environment.NewLine}{Output()}");
    }

    private string Output() =>
        $"stdout:{Environment.NewLine}{string.Join(Environment.NewLine, _stdout)}{Environment.NewLine}stderr:{Environment.NewLine}{string.Join(Environment.NewLine, _stderr)}";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    /// <summary>The dotnet that runs these tests, so the host runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";

    /// <summary>
    /// src/LiveInsight.LocalHost/bin/&lt;Configuration&gt;/net10.0/LiveInsight.LocalHost.dll, in the configuration
    /// these tests were built in (read from this assembly's own output path).
    /// </summary>
    public static string HostAssembly()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = baseDirectory.Name;
        var configuration = baseDirectory.Parent?.Name ?? "Release";
        for (var dir = baseDirectory; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveInsight.sln")))
            {
                var dll = Path.Combine(dir.FullName, "src", "LiveInsight.LocalHost", "bin", configuration, framework, "LiveInsight.LocalHost.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new FileNotFoundException($"The local host is not built in {configuration}: run `dotnet build -c {configuration}`.", dll);
            }
        }

        throw new InvalidOperationException($"No LiveInsight.sln above {AppContext.BaseDirectory}.");
    }
}
