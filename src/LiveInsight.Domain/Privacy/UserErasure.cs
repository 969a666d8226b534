namespace LiveInsight.Domain.Privacy;

/// <summary>What one erasure request did.</summary>
/// <param name="Deleted">What this request deleted.</param>
/// <param name="Complete">
/// A fresh look found nothing of the user left. False: the time budget ran out first; calling again continues.
/// </param>
public sealed record ErasureResult(string UserId, ErasureCounts Deleted, bool Complete);

/// <summary>How much one erasure request may do.</summary>
/// <param name="Budget">
/// No new step starts after this much time, so that the request answers well inside the handler's request budget
/// (the last step still runs to its end).
/// </param>
/// <param name="StepSize">Items of one kind per step: one index page, one batch read, a few batch deletes.</param>
public sealed record ErasureLimits(TimeSpan Budget, int StepSize)
{
    /// <summary>
    /// 5 s of steps inside the API's 10 s request budget: a step of 100 events is a query, two batch reads and
    /// about eight batch deletes, well under a second unless DynamoDB throttles, and the rest is the margin for that.
    /// </summary>
    public static ErasureLimits Default { get; } = new(TimeSpan.FromSeconds(5), 100);
}

/// <summary>
/// Erases everything stored under one user id, step by step until nothing is left or the budget is spent. The
/// one owner of "is the erasure complete?": only a step that found nothing left says so.
/// </summary>
public sealed class UserErasure(IUserDataStore store, TimeProvider clock, ErasureLimits limits)
{
    public async Task<ErasureResult> EraseAsync(string userId, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var deleted = ErasureCounts.None;
        while (true)
        {
            var step = await store.EraseStepAsync(userId, limits.StepSize, cancellationToken).ConfigureAwait(false);
            deleted += step.Deleted;
            if (step.NothingLeft)
            {
                return new ErasureResult(userId, deleted, Complete: true);
            }

            if (clock.GetElapsedTime(started) >= limits.Budget)
            {
                return new ErasureResult(userId, deleted, Complete: false);
            }
        }
    }
}

/// <summary>Export page sizes and which user ids can exist at all.</summary>
public static class UserDataRequests
{
    /// <summary>
    /// Items per export page unless asked otherwise, and at most: an item holds at most a 32 KB event, so even 100
    /// of the largest stay well inside Lambda's 6 MB response.
    /// </summary>
    public const int DefaultExportLimit = 50;

    public const int MaxExportLimit = 100;

    /// <summary>Why <paramref name="userId"/> cannot be one the collector stored; null when it could be.</summary>
    public static string? ProblemWith(string? userId) =>
        userId is null ? "must not be empty or blank" : Events.EventValidator.UserIdShapeProblem(userId);
}
