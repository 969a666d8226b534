using LiveInsight.Contracts.Routing;

namespace LiveInsight.Contracts.Tests.Routing;

/// <summary>The export and erasure routes in the one route table.</summary>
public sealed class UserDataRoutesTests
{
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
