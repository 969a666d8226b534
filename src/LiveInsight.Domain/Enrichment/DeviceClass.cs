namespace LiveInsight.Domain.Enrichment;

/// <summary>The kind of device an event came from, stored as its name (<c>Desktop</c>, <c>Mobile</c>, <c>Tablet</c>).</summary>
public enum DeviceClass
{
    Desktop,
    Mobile,
    Tablet,
}

/// <summary>The stored names of <see cref="DeviceClass"/>, without the allocation of <see cref="Enum.ToString()"/>.</summary>
public static class DeviceClasses
{
    public const string Desktop = "Desktop";
    public const string Mobile = "Mobile";
    public const string Tablet = "Tablet";

    public static string Name(this DeviceClass device) => device switch
    {
        DeviceClass.Mobile => Mobile,
        DeviceClass.Tablet => Tablet,
        _ => Desktop,
    };

    /// <summary>The class a stored name stands for, ignoring case; null for anything else.</summary>
    public static DeviceClass? FromName(string? name) => name switch
    {
        _ when string.Equals(name, Desktop, StringComparison.OrdinalIgnoreCase) => DeviceClass.Desktop,
        _ when string.Equals(name, Mobile, StringComparison.OrdinalIgnoreCase) => DeviceClass.Mobile,
        _ when string.Equals(name, Tablet, StringComparison.OrdinalIgnoreCase) => DeviceClass.Tablet,
        _ => null,
    };
}
