using System.Net;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Api;

public sealed class OpenApiTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>
{
    [Fact]
    public async Task OpenApiDocument_Authenticated_ListsAccountsAndTheBearerScheme()
    {
        var client = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);

        var document = await HttpAssert.JsonAsync(await client.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/accounts", "/api/v1/accounts/{id}", "/api/v1/contacts", "/api/v1/orders", "/api/v1/interactions", "/api/v1/contracts" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"missing {path}");
        }
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(document.GetProperty("security")[0].TryGetProperty("Bearer", out _));
        Assert.False(paths.TryGetProperty("/account/login", out _));
    }

    [Fact]
    public async Task OpenApiDocument_Anonymous_Returns401()
    {
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
