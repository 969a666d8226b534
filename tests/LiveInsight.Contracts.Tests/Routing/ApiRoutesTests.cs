using LiveInsight.Contracts.Routing;

namespace LiveInsight.Contracts.Tests.Routing;

/// <summary>The route table and matching a request path against it, as API Gateway does.</summary>
public sealed class ApiRoutesTests
{
    private const string SessionId = "sess_20250101_0123456789abcdef";

    [Theory]
    [InlineData("/events", "/events")]
    [InlineData("/sessions/active", "/sessions/active")]
    [InlineData("/sessions/" + SessionId, "/sessions/{session_id}")]
    public void Match_APathOfARoute_FindsThatRoutesTemplate(string path, string resource)
    {
        var match = ApiRoutes.Match(path);

        Assert.NotNull(match);
        Assert.Equal(resource, match.Route.Resource);
    }

    [Fact]
    public void Match_ASessionPath_CarriesTheIdAsPathParameter()
    {
        var match = ApiRoutes.Match("/sessions/" + SessionId);

        Assert.Same(ApiRoutes.Session, match!.Route);
        var parameter = Assert.Single(match.PathParameters);
        Assert.Equal(ApiRoutes.SessionIdParameter, parameter.Key);
        Assert.Equal(SessionId, parameter.Value);
    }

    [Theory]
    [InlineData("/sessions/a%20b", "a b")]
    [InlineData("/sessions/a%2Fb", "a/b")]
    [InlineData("/sessions/%73ess_1", "sess_1")]
    [InlineData("/sessions/%00", "\0")]
    [InlineData("/sessions/100%", "100%")]
    public void Match_PathParameters_AreUrlDecoded(string path, string sessionId)
    {
        var match = ApiRoutes.Match(path);

        Assert.Equal(sessionId, match!.PathParameters[ApiRoutes.SessionIdParameter]);
    }

    [Theory]
    [InlineData("/users/u1/export", "/users/{user_id}/export", "u1")]
    [InlineData("/users/u1", "/users/{user_id}", "u1")]
    [InlineData("/users/anon_0123456789abcdef/", "/users/{user_id}", "anon_0123456789abcdef")]
    [InlineData("/users/a%2Fb/export", "/users/{user_id}/export", "a/b")]
    public void APath_ReachesItsRoute_WithTheUserIdDecoded(string path, string resource, string userId)
    {
        var match = ApiRoutes.Match(path);

        Assert.Equal(resource, match?.Route.Resource);
        Assert.Equal(userId, match!.PathParameters[ApiRoutes.UserIdParameter]);
    }

    [Fact]
    public void Match_ALiteralSegment_WinsOverAPathParameter()
    {
        var match = ApiRoutes.Match("/sessions/active");

        Assert.Same(ApiRoutes.ActiveSessions, match!.Route);
        Assert.Empty(match.PathParameters);
    }

    [Theory]
    [InlineData("/events/", "/events")]
    [InlineData("/events//", "/events")]
    [InlineData("/sessions/active/", "/sessions/active")]
    [InlineData("/sessions/abc/", "/sessions/{session_id}")]
    public void Match_IgnoresTrailingSlashes(string path, string resource)
    {
        Assert.Equal(resource, ApiRoutes.Match(path)?.Route.Resource);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("events")]
    [InlineData("/event")]
    [InlineData("/Events")]
    [InlineData("/events/extra")]
    [InlineData("/sessions")]
    [InlineData("/sessions/")]
    [InlineData("/sessions//x")]
    [InlineData("/sessions/a/b")]
    [InlineData("/admin")]
    [InlineData("/prod/events")]
    public void Match_APathNoRouteHas_FindsNothing(string path)
    {
        Assert.Null(ApiRoutes.Match(path));
    }

    [Fact]
    public void ForResource_EachTemplate_IsItsRoute()
    {
        Assert.All(ApiRoutes.All, route => Assert.Same(route, ApiRoutes.ForResource(route.Resource)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/sessions/" + SessionId)]
    [InlineData("/events/")]
    [InlineData("/{proxy+}")]
    public void ForResource_AnythingButATemplate_IsNoRoute(string? resource)
    {
        Assert.Null(ApiRoutes.ForResource(resource));
    }

    [Fact]
    public void EveryTemplate_MatchesItself()
    {
        // So a path no route matches can be handed on as its own resource without ever looking like a route.
        Assert.All(ApiRoutes.All, route => Assert.Same(route, ApiRoutes.Match(route.Resource)?.Route));
    }

    [Fact]
    public void Templates_AreUnique()
    {
        Assert.Equal(ApiRoutes.All.Count, ApiRoutes.All.Select(route => route.Resource).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("/events", "POST, OPTIONS")]
    [InlineData("/sessions/active", "GET, OPTIONS")]
    [InlineData("/sessions/{session_id}", "GET, OPTIONS")]
    public void Allow_ListsTheRoutesMethods(string resource, string allow)
    {
        Assert.Equal(allow, ApiRoutes.ForResource(resource)!.Allow);
    }

    [Fact]
    public void ProxiedMethods_AreAllButOptions()
    {
        Assert.Equal(["POST"], ApiRoutes.Events.ProxiedMethods);
        Assert.Equal(["GET"], ApiRoutes.ActiveSessions.ProxiedMethods);
        Assert.Equal(["GET"], ApiRoutes.Session.ProxiedMethods);
    }

    [Fact]
    public void OnlyEvents_HasItsPreflightAnsweredByTheGateway()
    {
        Assert.Equal([ApiRoutes.Events], ApiRoutes.All.Where(route => route.PreflightAtGateway));
    }

    [Fact]
    public void PathParameterNames_AreTheBracedSegments()
    {
        Assert.Equal([ApiRoutes.SessionIdParameter], ApiRoutes.Session.PathParameterNames);
        Assert.Empty(ApiRoutes.Events.PathParameterNames);
        Assert.Empty(ApiRoutes.ActiveSessions.PathParameterNames);
    }

    [Fact]
    public void ExportIsGetOnly_AndErasureDeleteOnly_NeitherPreflighted()
    {
        Assert.Equal([HttpMethods.Get], ApiRoutes.UserExport.Methods);
        Assert.Equal([HttpMethods.Delete], ApiRoutes.User.Methods);
        Assert.All(ApiRoutes.UserDataRoutes, route => Assert.False(route.PreflightAtGateway));
    }

    [Fact]
    public void OnlyTheUserDataRoutes_AreIamOnly_AndTheyAreInTheTable()
    {
        Assert.Equal(ApiRoutes.UserDataRoutes, ApiRoutes.All.Where(route => route.Access == RouteAccess.Iam));
    }
}
