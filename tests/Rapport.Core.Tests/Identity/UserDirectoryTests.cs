using Microsoft.EntityFrameworkCore;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Testing;

namespace Rapport.Core.Tests.Identity;

public sealed class UserDirectoryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private RapportDbContext NewContext() => new(DataServiceCollectionExtensions.CreateOptions(database.DataSource));

    private static string Email() => $"u-{Guid.NewGuid():N}@test.rapport";

    [Fact]
    public async Task CreateUserAsync_DuplicateEmailInOtherCase_IsConflict()
    {
        await using var db = NewContext();
        var users = new UserDirectory(db, TimeProvider.System);
        var email = Email();
        Assert.True((await users.CreateUserAsync(new NewUser(email, "viewer", "long enough password"))).Succeeded);

        var again = await users.CreateUserAsync(new NewUser(email.ToUpperInvariant(), "analyst", "long enough password"));

        Assert.Equal(ErrorKind.Conflict, again.Error?.Kind);
        Assert.Equal("email", again.Error?.Field);
    }

    [Fact]
    public async Task CreateUserAsync_NoPassword_GeneratesOneThatMustBeChanged()
    {
        await using var db = NewContext();
        var users = new UserDirectory(db, TimeProvider.System);
        var email = Email();

        var created = (await users.CreateUserAsync(new NewUser(email, "account_manager"))).Value!;

        Assert.NotNull(created.GeneratedPassword);
        Assert.True(created.User.MustChangePassword);
        Assert.Equal(UserRole.AccountManager, created.User.Role);
        Assert.NotNull(await users.AuthenticateByPasswordAsync(email, created.GeneratedPassword!));
    }

    [Fact]
    public async Task AuthenticateByTokenAsync_RevokedOrExpired_ReturnsNull()
    {
        var now = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var clock = new FixedClock(now);
        await using var db = NewContext();
        var users = new UserDirectory(db, clock);
        var email = Email();
        await users.CreateUserAsync(new NewUser(email, "viewer", "long enough password"));
        var expiring = (await users.CreateTokenAsync(email, "short-lived", expiresInDays: 1)).Value!;
        var revoked = (await users.CreateTokenAsync(email, "revoked")).Value!;
        Assert.NotNull(await users.AuthenticateByTokenAsync(expiring.Plaintext));
        Assert.True((await users.RevokeTokenAsync(revoked.Token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Succeeded);

        clock.Now = now.AddDays(2);

        Assert.Null(await users.AuthenticateByTokenAsync(expiring.Plaintext));
        Assert.Null(await users.AuthenticateByTokenAsync(revoked.Plaintext));
    }

    [Fact]
    public async Task AuthenticateByTokenAsync_RepeatedUse_UpdatesLastUsedAtAtMostEveryFewMinutes()
    {
        var now = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var clock = new FixedClock(now);
        await using var db = NewContext();
        var users = new UserDirectory(db, clock);
        var email = Email();
        await users.CreateUserAsync(new NewUser(email, "viewer", "long enough password"));
        var token = (await users.CreateTokenAsync(email, "t")).Value!;

        await users.AuthenticateByTokenAsync(token.Plaintext);
        clock.Now = now.AddMinutes(1);
        await users.AuthenticateByTokenAsync(token.Plaintext);
        var afterOneMinute = await db.ApiTokens.Where(t => t.Id == token.Token.Id).Select(t => t.LastUsedAt).SingleAsync();
        clock.Now = now.AddMinutes(10);
        await users.AuthenticateByTokenAsync(token.Plaintext);
        var afterTenMinutes = await db.ApiTokens.Where(t => t.Id == token.Token.Id).Select(t => t.LastUsedAt).SingleAsync();

        Assert.Equal(now, afterOneMinute);
        Assert.Equal(now.AddMinutes(10), afterTenMinutes);
    }

    [Fact]
    public async Task CreateTokenAsync_BadExpiry_IsInvalidNamingTheField()
    {
        await using var db = NewContext();
        var users = new UserDirectory(db, TimeProvider.System);
        var email = Email();
        await users.CreateUserAsync(new NewUser(email, "viewer", "long enough password"));

        var result = await users.CreateTokenAsync(email, "t", expiresInDays: 0);

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Equal("expiresDays", result.Error?.Field);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
