namespace LiveInsight.Domain.Events;

/// <summary>One reason an event was refused, tied to the field it concerns.</summary>
/// <param name="Field">The JSON field, e.g. <c>page_url</c> or <c>properties.plan</c>; <c>body</c> for the whole payload.</param>
/// <param name="Problem">A human sentence a client developer can act on.</param>
public sealed record FieldProblem(string Field, string Problem);
