namespace LiveInsight.Infra;

/// <summary>
/// What every LiveInsight function construct is given alike: the one Native AOT package (<see cref="FunctionPackage"/>),
/// the architecture it was compiled for, and how long its logs are kept. The stack makes one and hands it to each.
/// </summary>
public sealed class PackagedFunctionProps
{
    /// <summary>The Native AOT package; one binary serves every function, chosen by its handler.</summary>
    public required Code Code { get; init; }

    /// <summary>Must match the architecture the <c>bootstrap</c> was compiled for.</summary>
    public required Architecture Architecture { get; init; }

    public required RetentionDays LogRetention { get; init; }
}
