namespace LiveInsight.Domain.Tests.UserAgents;

/// <summary>
/// Real browsers' User-Agents with what each says, kept as data in <c>desktop.tsv</c> and <c>mobile.tsv</c> beside
/// this file (copied to the output): a hundred rows read better as a table than as C# literals.
/// </summary>
internal static class UserAgentCorpus
{
    public static TheoryData<string, string?, string?, string?, string?, DeviceClass> Desktop { get; } = Load("desktop.tsv");

    public static TheoryData<string, string?, string?, string?, string?, DeviceClass> Mobile { get; } = Load("mobile.tsv");

    /// <summary>Every User-Agent of both tables, desktop first.</summary>
    public static IReadOnlyList<string> UserAgents { get; } = [.. Desktop.Concat(Mobile).Select(row => (string)row[0])];

    private static TheoryData<string, string?, string?, string?, string?, DeviceClass> Load(string file)
    {
        var rows = new TheoryData<string, string?, string?, string?, string?, DeviceClass>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "UserAgents", file)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var field = line.Split('\t');
            if (field.Length != 6)
            {
                throw new FormatException($"{file}: expected 6 tab-separated fields, found {field.Length} in: {line}");
            }

            rows.Add(field[0], OrNull(field[1]), OrNull(field[2]), OrNull(field[3]), OrNull(field[4]), Enum.Parse<DeviceClass>(field[5]));
        }

        return rows;
    }

    private static string? OrNull(string field) => field.Length == 0 ? null : field;
}
