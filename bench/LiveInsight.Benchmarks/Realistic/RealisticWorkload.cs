using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace LiveInsight.Benchmarks.Realistic;

/// <summary>One visit as the real tracker sent it, counted at the wire by bench/realistic/visits.mjs.</summary>
public sealed record Visit(
    string Name,
    string Description,
    int Requests,
    int Events,
    int DistinctEvents,
    int PageViews,
    IReadOnlyList<int> EventsPerRequestList,
    int Beacons,
    double RequestBodyBytesMedian,
    double RequestBytesMedian)
{
    public double EventsPerRequest => (double)Events / Requests;

    public double EventsPerPageView => (double)Events / PageViews;

    public double RequestsPerPageView => (double)Requests / PageViews;
}

/// <summary>What the tracker sent in Chromium for each kind of visit, and with what.</summary>
public sealed record RealisticWorkload(string Chromium, string TrackerFile, int TrackerBytes, int TrackerGzipBytes, IReadOnlyList<Visit> Visits, double Seconds)
{
    public const string MultiPage = "mpa";
    public const string QuickMultiPage = "mpa_quick";
    public const string SinglePage = "spa";

    public Visit Of(string name) => Visits.Single(v => v.Name == name);

    /// <summary>Every number of events per request that the tracker actually sent, smallest first.</summary>
    public IReadOnlyList<int> BatchSizes => Visits.SelectMany(v => v.EventsPerRequestList).Distinct().Order().ToList();
}

/// <summary>
/// Section 5's input: runs <c>node bench/realistic/visits.mjs</c> (the real tracker in Chromium through the local
/// stack) and parses the one JSON document it prints. Its progress goes to the bench's own output.
/// </summary>
public static class RealisticVisits
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    public static async Task<RealisticWorkload> RunAsync(string root, TextWriter progress)
    {
        var script = Path.Combine(root, "bench", "realistic", "visits.mjs");
        var start = new ProcessStartInfo("node", [script])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (errors)
            {
                errors.AppendLine(e.Data);
            }

            progress.WriteLine($"  {e.Data}");
        };
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} did not finish within {Timeout.TotalMinutes} minutes.");
        }

        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            string tail;
            lock (errors)
            {
                tail = errors.ToString();
            }

            throw new InvalidOperationException($"{script} failed (exit {process.ExitCode}): {tail[Math.Max(0, tail.Length - 3000)..]}");
        }

        return Parse(output, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Reads the document visits.mjs prints (its keys are the contract between the two).</summary>
    public static RealisticWorkload Parse(string json, double seconds)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var tracker = root.GetProperty("tracker");
        var descriptions = root.GetProperty("workload");
        var visits = root.GetProperty("visits").EnumerateObject().Select(v => new Visit(
            v.Name,
            descriptions.TryGetProperty(v.Name, out var d) ? d.GetString() ?? "" : "",
            v.Value.GetProperty("requests").GetInt32(),
            v.Value.GetProperty("events").GetInt32(),
            v.Value.GetProperty("distinct_events").GetInt32(),
            v.Value.GetProperty("page_views").GetInt32(),
            v.Value.GetProperty("events_per_request_list").EnumerateArray().Select(e => e.GetInt32()).ToList(),
            v.Value.GetProperty("beacons").GetInt32(),
            v.Value.GetProperty("request_body_bytes_median").GetDouble(),
            v.Value.GetProperty("request_bytes_median").GetDouble())).ToList();
        foreach (var visit in visits)
        {
            if (visit.Requests == 0 || visit.PageViews == 0 || visit.EventsPerRequestList.Count != visit.Requests)
            {
                throw new InvalidOperationException($"The realistic visit '{visit.Name}' sent {visit.Requests} requests and {visit.PageViews} page views: nothing to price.");
            }
        }

        return new RealisticWorkload(
            root.GetProperty("chromium").GetString() ?? "",
            tracker.GetProperty("file").GetString() ?? "",
            tracker.GetProperty("bytes").GetInt32(),
            tracker.GetProperty("gzip_bytes").GetInt32(),
            visits,
            seconds);
    }
}
