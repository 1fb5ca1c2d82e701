extern alias cli;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using cli::Rapport.Cli.Infrastructure;
using Rapport.Core.Identity;
using Rapport.Web.Tests.Infrastructure;

namespace Rapport.Web.Tests.Auth;

public sealed class TokenTests(RapportApplicationFactory app) : IClassFixture<RapportApplicationFactory>
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private HttpClient ClientWith(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunCliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Api_RevokedToken_Returns401()
    {
        var client = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(Url("/api/v1/accounts"))).StatusCode);
        var tokenId = await app.ScalarAsync<long>("SELECT id FROM api_tokens WHERE user_id = $1", client.User.Id);

        var revoke = await client.Http.DeleteAsync(Url($"/api/v1/tokens/{tokenId}"));

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await HttpAssert.ProblemAsync(await client.Http.GetAsync(Url("/api/v1/accounts")), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_ExpiredToken_Returns401()
    {
        var client = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);
        await app.ExecuteAsync("UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1", client.User.Id);

        var response = await client.Http.GetAsync(Url("/api/v1/accounts"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Api_ValidToken_RecordsLastUse()
    {
        var client = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);

        await client.Http.GetAsync(Url("/api/v1/accounts"));

        Assert.NotNull(await app.ScalarAsync<DateTime?>("SELECT last_used_at FROM api_tokens WHERE user_id = $1", client.User.Id));
    }

    [Fact]
    public async Task Api_StoredToken_IsOnlyItsHash()
    {
        var client = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);

        var hash = await app.ScalarAsync<byte[]>("SELECT token_hash FROM api_tokens WHERE user_id = $1", client.User.Id);
        var prefix = await app.ScalarAsync<string>("SELECT prefix FROM api_tokens WHERE user_id = $1", client.User.Id);

        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(client.Token)), hash);
        Assert.Equal(client.Token[..12], prefix);
        Assert.Matches("^rpt_[A-Za-z0-9_-]{43}$", client.Token);
    }

    [Fact]
    public async Task CreateToken_ViaApi_ReturnsTokenOnceThatWorks()
    {
        var client = await app.CreateAuthenticatedClientAsync(UserRole.Analyst);

        var created = await HttpAssert.JsonAsync(await client.Http.PostAsJsonAsync(Url("/api/v1/tokens"), new { name = "reporting", expiresDays = 30 }),
            HttpStatusCode.Created);

        using var second = ClientWith(created.GetProperty("token").GetString()!);
        var me = await HttpAssert.JsonAsync(await second.GetAsync(Url("/api/v1/me")));
        Assert.Equal(client.User.Email, me.GetProperty("email").GetString());
        var list = await HttpAssert.JsonAsync(await client.Http.GetAsync(Url("/api/v1/tokens")));
        Assert.Equal(2, list.GetProperty("totalCount").GetInt32());
        Assert.DoesNotContain("\"token\"", list.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_ViaApiWithoutName_Returns400NamingName()
    {
        var client = await app.CreateAuthenticatedClientAsync(UserRole.Analyst);

        var response = await client.Http.PostAsJsonAsync(Url("/api/v1/tokens"), new { name = " " });

        await HttpAssert.FieldErrorAsync(response, "name");
    }

    [Fact]
    public async Task RevokeToken_OfAnotherUser_Returns404ForNonAdmins()
    {
        var owner = await app.CreateAuthenticatedClientAsync(UserRole.Analyst);
        var other = await app.CreateAuthenticatedClientAsync(UserRole.AccountManager);
        var tokenId = await app.ScalarAsync<long>("SELECT id FROM api_tokens WHERE user_id = $1", owner.User.Id);

        var response = await other.Http.DeleteAsync(Url($"/api/v1/tokens/{tokenId}"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync(Url("/api/v1/me"))).StatusCode);
    }

    [Fact]
    public async Task Users_AsNonAdmin_Returns403()
    {
        var analyst = await app.CreateAuthenticatedClientAsync(UserRole.Analyst);

        await HttpAssert.ProblemAsync(await analyst.Http.GetAsync(Url("/api/v1/users")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Users_AdminCreatesUserWithoutPassword_GetsOneTimePassword()
    {
        var admin = await app.CreateAuthenticatedClientAsync(UserRole.Admin);
        var email = $"new-{Guid.NewGuid():N}@test.rapport";

        var created = await HttpAssert.JsonAsync(await admin.Http.PostAsJsonAsync(Url("/api/v1/users"), new { email, role = "account_manager" }),
            HttpStatusCode.Created);

        Assert.True(created.GetProperty("user").GetProperty("mustChangePassword").GetBoolean());
        var password = created.GetProperty("generatedPassword").GetString()!;
        Assert.NotNull((await app.LoginAsync(email, password)).AuthCookie);
        var duplicate = await admin.Http.PostAsJsonAsync(Url("/api/v1/users"), new { email, role = "viewer" });
        await HttpAssert.ProblemAsync(duplicate, HttpStatusCode.Conflict);
        await HttpAssert.FieldErrorAsync(await admin.Http.PostAsJsonAsync(Url("/api/v1/users"), new { email = "x@y.z", role = "boss" }), "role");
    }

    [Fact]
    public async Task CliTokensCreate_Json_YieldsTokenThatWorksAgainstTheApi()
    {
        var user = await app.CreateUserAsync(UserRole.Analyst);

        var (exitCode, stdout, stderr) = await RunCliAsync(
            "tokens", "create", "--user", user.Email, "--name", "ci export", "--json", "--connection", app.ConnectionString);

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["token"], json.RootElement.EnumerateObject().Select(p => p.Name));
        using var client = ClientWith(json.RootElement.GetProperty("token").GetString()!);
        var body = await HttpAssert.JsonAsync(await client.GetAsync(Url("/api/v1/accounts?pageSize=1")));
        Assert.Equal(1, body.GetProperty("pageSize").GetInt32());
    }

    [Fact]
    public async Task CliTokensRevoke_ByPrefix_TokenStopsWorking()
    {
        var client = await app.CreateAuthenticatedClientAsync(UserRole.Viewer);

        var (exitCode, stdout, stderr) = await RunCliAsync("tokens", "revoke", client.Token[..12], "--connection", app.ConnectionString);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Revoked token", stdout, StringComparison.Ordinal);
        await HttpAssert.ProblemAsync(await client.Http.GetAsync(Url("/api/v1/me")), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CliTokensCreate_UnknownUser_Exits2NamingTheOption()
    {
        var (exitCode, _, stderr) = await RunCliAsync(
            "tokens", "create", "--user", "ghost@test.rapport", "--name", "x", "--connection", app.ConnectionString);

        Assert.Equal(2, exitCode);
        Assert.Contains("--user", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CliUsersAdd_WithPassword_UserCanLogIn()
    {
        var email = $"cli-{Guid.NewGuid():N}@test.rapport";

        var (exitCode, stdout, stderr) = await RunCliAsync(
            "users", "add", email, "--role", "account_manager", "--password", "a long cli password", "--name", "Cli User", "--connection", app.ConnectionString);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains($"Created user {email} (account_manager)", stdout, StringComparison.Ordinal);
        var (response, cookie) = await app.LoginAsync(email, "a long cli password", "/");
        LoginForms.AssertRedirect(response, "/");
        Assert.NotNull(cookie);
    }

    [Fact]
    public async Task CliUsersAdd_WithoutPassword_PrintsOneTimePasswordThatMustBeChanged()
    {
        var email = $"cli-{Guid.NewGuid():N}@test.rapport";

        var (exitCode, stdout, stderr) = await RunCliAsync("users", "add", email, "--role", "viewer", "--json", "--connection", app.ConnectionString);

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var password = json.RootElement.GetProperty("generatedPassword").GetString()!;
        Assert.True(json.RootElement.GetProperty("mustChangePassword").GetBoolean());
        var (response, cookie) = await app.LoginAsync(email, password);
        LoginForms.AssertRedirect(response, "/change-password");
        Assert.NotNull(cookie);
    }

    [Theory]
    [InlineData("--role", "boss", "--role")]
    [InlineData("--password", "short", "--password")]
    public async Task CliUsersAdd_InvalidOption_Exits2NamingIt(string option, string value, string named)
    {
        var (exitCode, _, stderr) = await RunCliAsync(
            "users", "add", $"bad-{Guid.NewGuid():N}@test.rapport", "--role", option == "--role" ? value : "viewer",
            option == "--password" ? "--password" : "--name", option == "--password" ? value : "Somebody", "--connection", app.ConnectionString);

        Assert.Equal(2, exitCode);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CliUsersList_Json_ListsTheUsers()
    {
        var user = await app.CreateUserAsync(UserRole.Analyst);

        var (exitCode, stdout, stderr) = await RunCliAsync("users", "list", "--json", "--connection", app.ConnectionString);

        Assert.True(exitCode == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Contains(json.RootElement.GetProperty("users").EnumerateArray(),
            u => u.GetProperty("email").GetString() == user.Email && u.GetProperty("role").GetString() == "analyst");
    }
}
