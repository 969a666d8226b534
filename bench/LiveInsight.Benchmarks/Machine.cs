using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace LiveInsight.Benchmarks;

/// <summary>The machine the figures were measured on, as the report states it.</summary>
public sealed record Machine(
    int Cores,
    string CpuModel,
    string MemoryTotal,
    string Os,
    string DotnetSdk,
    string Runtime,
    string Java,
    string DynamoDbLocal,
    string LoadAverageAtStart,
    DateTimeOffset Date)
{
    public static Machine Describe(string dynamoDbLocalDirectory) => new(
        Environment.ProcessorCount,
        ProcFirst("/proc/cpuinfo", "model name") ?? "unknown",
        ProcFirst("/proc/meminfo", "MemTotal") ?? "unknown",
        OsRelease(),
        Run("dotnet", "--version") ?? "unknown",
        RuntimeInformation.FrameworkDescription,
        (Run("java", "-version") ?? "unknown").Split('\n')[0],
        Path.GetFileName(dynamoDbLocalDirectory),
        LoadAverage(),
        DateTimeOffset.UtcNow);

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string? ProcFirst(string file, string key)
    {
        try
        {
            return File.ReadLines(file)
                .Where(l => l.StartsWith(key, StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string OsRelease()
    {
        try
        {
            var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            return line?["PRETTY_NAME=".Length..].Trim('"') ?? RuntimeInformation.OSDescription;
        }
        catch (IOException)
        {
            return RuntimeInformation.OSDescription;
        }
    }

    private static string? Run(string file, string argument)
    {
        try
        {
            var start = new ProcessStartInfo(file, argument) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Cores} cores ({CpuModel}), {MemoryTotal} RAM, {Os}; .NET SDK {DotnetSdk}, {Runtime}; {Java}; DynamoDB Local {DynamoDbLocal}");
}
