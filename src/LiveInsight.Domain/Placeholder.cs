namespace LiveInsight.Domain;
internal static class Placeholder { }
