namespace LiveInsight.Domain.Events;

/// <summary>
/// Every size and shape limit the collector enforces. API Gateway accepts bodies up to 10 MB, so these
/// are our own line of defence; they are documented in docs/api.md ("Limits and errors"). Input over a
/// limit is rejected, never truncated, so what is stored is exactly what was sent.
/// </summary>
public static class EventLimits
{
    public const int MaxSingleBodyBytes = 32 * 1024;
    public const int MaxBatchBodyBytes = 512 * 1024;
    public const int MaxBatchEvents = 100;

    public const int MaxUserIdLength = 128;
    public const int MaxUrlLength = 2048;
    public const int MaxClientEventIdLength = 64;

    /// <summary>
    /// <c>screen.width</c> is in CSS pixels, so it shrinks as the device pixel ratio grows and grows as the page
    /// is zoomed out: an 8K display (7680 px) at Chrome's smallest zoom (25 %) reports 30720. 32768 admits every
    /// real screen and still refuses garbage; 0 and negatives are never a screen. See ADR 0019.
    /// </summary>
    public const int MinScreenWidth = 1;
    public const int MaxScreenWidth = 32768;

    public const int MaxPropertyCount = 50;
    /// <summary>The properties object is level 1; an object or array inside it is level 2, and so on.</summary>
    public const int MaxPropertyDepth = 3;
    public const int MaxPropertyKeyLength = 128;
    public const int MaxPropertyStringLength = 1024;
    public const int MaxPropertyArrayLength = 50;

    /// <summary>Parsing depth for the whole body: an event (1) + properties (up to 3) + slack for a clear error.</summary>
    public const int MaxJsonDepth = 8;
}
