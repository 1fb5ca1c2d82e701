using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Common;

namespace Rapport.Core.Identity;

/// <summary>What <see cref="UserDirectory.CreateUserAsync"/> needs; <see cref="Password"/> null generates one.</summary>
public sealed record NewUser(string Email, string Role, string? Password = null, string? DisplayName = null, bool MustChangePassword = false);

/// <summary>A created user and, when Rapport generated it, the password to hand over (shown once).</summary>
public sealed record CreatedUser(User User, string? GeneratedPassword);

/// <summary>A created token: the plaintext exists only here, the database keeps its hash.</summary>
public sealed record CreatedToken(ApiToken Token, string Plaintext);

/// <summary>Users and personal access tokens (docs/security.md#personal-access-tokens): create, set password, tokens, authentication.</summary>
public sealed class UserDirectory(RapportDbContext db, TimeProvider clock)
{
    /// <summary>Tokens record their use at most this often, so that authentication is one read, not a write per request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    public async Task<Result<CreatedUser>> CreateUserAsync(NewUser request, CancellationToken ct = default)
    {
        var email = request.Email?.Trim() ?? "";
        if (CheckEmail(email) is { } emailError)
        {
            return IdentityErrors.Invalid("email", emailError);
        }
        if (!EnumText.TryParse<UserRole>(request.Role, out var role))
        {
            return IdentityErrors.Invalid("role",
                $"Unknown role '{request.Role}'; expected one of {EnumText.AllowedValues<UserRole>()}.");
        }
        var generated = request.Password is null ? Passwords.Generate() : null;
        var password = request.Password ?? generated!;
        if (Passwords.Check(password) is { } passwordError)
        {
            return IdentityErrors.Invalid("password", passwordError);
        }
        if (await FindByEmailAsync(email, ct) is not null)
        {
            return IdentityErrors.EmailTaken(email);
        }

        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email[..email.IndexOf('@', StringComparison.Ordinal)] : request.DisplayName.Trim();
        var user = new User
        {
            Email = email,
            DisplayName = displayName,
            Role = role,
            MustChangePassword = request.MustChangePassword || generated is not null,
            CreatedAt = clock.GetUtcNow(),
        };
        user.PasswordHash = Passwords.Hash(user, password);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two concurrent creations of the same address: the unique index decides.
            db.Entry(user).State = EntityState.Detached;
            return IdentityErrors.EmailTaken(email);
        }
        return Result<CreatedUser>.Ok(new CreatedUser(user, generated));
    }

    /// <summary>Sets a new password and clears (or sets) the must-change flag.</summary>
    public async Task<Result<User>> SetPasswordAsync(string email, string newPassword, bool mustChange = false, CancellationToken ct = default)
    {
        if (Passwords.Check(newPassword) is { } error)
        {
            return IdentityErrors.Invalid("password", error);
        }
        var user = await db.Users.AsTracking().FirstOrDefaultAsync(u => u.Email.ToLower() == email.Trim().ToLower(), ct);
        if (user is null)
        {
            return IdentityErrors.NotFound("email", $"No user with the e-mail address '{email}'.");
        }
        user.PasswordHash = Passwords.Hash(user, newPassword);
        user.MustChangePassword = mustChange;
        await db.SaveChangesAsync(ct);
        return Result<User>.Ok(user);
    }

    /// <summary>Changes a user's own password after checking the current one.</summary>
    public async Task<Result<User>> ChangePasswordAsync(long userId, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        var user = await db.Users.AsTracking().FirstOrDefaultAsync(u => u.Id == userId && u.IsActive, ct);
        if (user is null)
        {
            return IdentityErrors.NotFound("user", "The user no longer exists.");
        }
        if (!Passwords.Verify(user, currentPassword, out _))
        {
            return IdentityErrors.Invalid("currentPassword", "The current password is wrong.");
        }
        if (Passwords.Check(newPassword) is { } error)
        {
            return IdentityErrors.Invalid("newPassword", error);
        }
        if (newPassword == currentPassword)
        {
            return IdentityErrors.Invalid("newPassword", "The new password must differ from the current one.");
        }
        user.PasswordHash = Passwords.Hash(user, newPassword);
        user.MustChangePassword = false;
        await db.SaveChangesAsync(ct);
        return Result<User>.Ok(user);
    }

    public Task<User?> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        var lower = email.Trim().ToLowerInvariant();
        return db.Users.FirstOrDefaultAsync(u => u.Email.ToLower() == lower, ct);
    }

    public Task<List<User>> ListUsersAsync(CancellationToken ct = default) =>
        db.Users.OrderBy(u => u.Email).ToListAsync(ct);

    /// <summary>The user when the password is right and the user active; null otherwise (with equal timing for unknown users).</summary>
    public async Task<User?> AuthenticateByPasswordAsync(string email, string password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || password.Length > Passwords.MaximumLength)
        {
            return null;
        }
        var user = await db.Users.AsTracking().FirstOrDefaultAsync(u => u.Email.ToLower() == email.Trim().ToLower(), ct);
        if (user is null || !user.IsActive)
        {
            Passwords.VerifyDummy(password);
            return null;
        }
        if (!Passwords.Verify(user, password, out var rehash))
        {
            return null;
        }
        if (rehash)
        {
            user.PasswordHash = Passwords.Hash(user, password);
        }
        user.LastLoginAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>Creates a token for the user with <paramref name="userEmail"/>; <paramref name="expiresInDays"/> null never expires.</summary>
    public async Task<Result<CreatedToken>> CreateTokenAsync(string userEmail, string name, int? expiresInDays = null, CancellationToken ct = default)
    {
        var user = await FindByEmailAsync(userEmail, ct);
        if (user is null)
        {
            return IdentityErrors.NotFound("user", $"No user with the e-mail address '{userEmail}'.");
        }
        return await CreateTokenAsync(user.Id, name, expiresInDays, ct);
    }

    public async Task<Result<CreatedToken>> CreateTokenAsync(long userId, string name, int? expiresInDays = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return IdentityErrors.Invalid("name", "A token needs a name (what it is used for).");
        }
        if (name.Trim().Length > 100)
        {
            return IdentityErrors.Invalid("name", "The token name must have at most 100 characters.");
        }
        if (expiresInDays is < 1 or > 3650)
        {
            return IdentityErrors.Invalid("expiresDays", "The expiry must be between 1 and 3650 days.");
        }
        if (!await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, ct))
        {
            return IdentityErrors.NotFound("user", $"No active user with id {userId}.");
        }
        var now = clock.GetUtcNow();
        var plaintext = TokenCodec.Generate();
        var token = new ApiToken
        {
            UserId = userId,
            Name = name.Trim(),
            TokenHash = TokenCodec.Hash(plaintext),
            Prefix = TokenCodec.Prefix(plaintext),
            CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return Result<CreatedToken>.Ok(new CreatedToken(token, plaintext));
    }

    /// <summary>Tokens of one user (or of all users when <paramref name="userId"/> is null), newest first.</summary>
    public Task<List<ApiToken>> ListTokensAsync(long? userId, CancellationToken ct = default) =>
        db.ApiTokens.Include(t => t.User)
            .Where(t => userId == null || t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .ToListAsync(ct);

    /// <summary>
    /// Revokes the token given by its id or its displayed prefix; <paramref name="ownerId"/> restricts it to one user's
    /// tokens. Revoking twice is fine (the first revocation time stays).
    /// </summary>
    public async Task<Result<ApiToken>> RevokeTokenAsync(string idOrPrefix, long? ownerId = null, CancellationToken ct = default)
    {
        var key = idOrPrefix?.Trim() ?? "";
        IQueryable<ApiToken> query = db.ApiTokens.AsTracking().Where(t => ownerId == null || t.UserId == ownerId);
        if (long.TryParse(key, out var id))
        {
            query = query.Where(t => t.Id == id);
        }
        else if (key.StartsWith(TokenCodec.Scheme, StringComparison.Ordinal) && key.Length >= TokenCodec.PrefixLength)
        {
            var prefix = key[..TokenCodec.PrefixLength];
            query = query.Where(t => t.Prefix == prefix);
        }
        else
        {
            return IdentityErrors.Invalid("token", $"'{key}' is neither a token id nor a token prefix (rpt_…).");
        }
        var matches = await query.Take(2).ToListAsync(ct);
        if (matches.Count == 0)
        {
            return IdentityErrors.NotFound("token", $"No token '{key}'.");
        }
        if (matches.Count > 1)
        {
            return IdentityErrors.Conflict("token", $"The prefix '{key}' matches several tokens; revoke by id.");
        }
        var token = matches[0];
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Result<ApiToken>.Ok(token);
    }

    /// <summary>The active user owning <paramref name="plaintext"/> when the token is known, not revoked and not expired.</summary>
    public async Task<User?> AuthenticateByTokenAsync(string plaintext, CancellationToken ct = default)
    {
        if (!TokenCodec.LooksValid(plaintext))
        {
            return null;
        }
        var hash = TokenCodec.Hash(plaintext);
        var now = clock.GetUtcNow();
        var hit = await db.ApiTokens
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now) && t.User!.IsActive)
            .Select(t => new { t.Id, t.LastUsedAt, t.User })
            .FirstOrDefaultAsync(ct);
        if (hit?.User is null)
        {
            return null;
        }
        if (hit.LastUsedAt is null || hit.LastUsedAt < now - LastUsedResolution)
        {
            var threshold = now - LastUsedResolution;
            await db.ApiTokens
                .Where(t => t.Id == hit.Id && (t.LastUsedAt == null || t.LastUsedAt < threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return hit.User;
    }

    /// <summary>
    /// On a database without users, creates the first administrator with a random one-time password
    /// (must be changed at first login). Returns null when users exist already.
    /// </summary>
    public async Task<CreatedUser?> EnsureAdminAsync(string email, CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return null;
        }
        var result = await CreateUserAsync(new NewUser(email, nameof(UserRole.Admin), DisplayName: "Administrator", MustChangePassword: true), ct);
        if (result.Error is { Kind: ErrorKind.Conflict })
        {
            // Another app server created it in the meantime.
            return null;
        }
        if (result.Error is { } failure)
        {
            throw new InvalidOperationException($"Cannot create the first administrator '{email}': {failure.Message}");
        }
        return result.Value;
    }

    /// <summary>Null when <paramref name="email"/> is a plain address (local@domain), else why not.</summary>
    public static string? CheckEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "An e-mail address is required.";
        }
        if (email.Length > 254)
        {
            return "The e-mail address must have at most 254 characters.";
        }
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1 || email.Any(char.IsWhiteSpace)
            || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !string.IsNullOrEmpty(parsed.DisplayName))
        {
            return $"'{email}' is not a valid e-mail address.";
        }
        return null;
    }
}
