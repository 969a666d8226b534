namespace LiveInsight.Contracts.Routing;

/// <summary>The HTTP methods the API uses, spelled as API Gateway and the proxy event spell them.</summary>
public static class HttpMethods
{
    public const string Get = "GET";
    public const string Post = "POST";
    public const string Delete = "DELETE";
    public const string Options = "OPTIONS";
}
