namespace LiveInsight.Domain.UserAgents;

/// <summary>
/// Whether a User-Agent regex timed out on this thread since the last <see cref="Reset"/>. A timeout answers
/// "not a bot" or "no match", which is a guess, not a reading: <see cref="UserAgentCache"/> returns such a profile
/// but does not keep it, so one slow moment on a busy machine cannot fix a wrong answer for the instance's life.
/// Per thread, because a parse runs synchronously on the thread that asked.
/// </summary>
internal static class RegexTimeouts
{
    [ThreadStatic]
    private static bool t_occurred;

    public static bool Occurred => t_occurred;

    public static void Reset() => t_occurred = false;

    public static void Record() => t_occurred = true;
}
