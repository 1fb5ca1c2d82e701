using Rapport.Core.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;
using Rapport.Core.Identity;

namespace Rapport.Web.Features.Identity;

/// <summary>A user as the API shows it (never the password hash).</summary>
public sealed record UserItem(long Id, string Email, string DisplayName, UserRole Role, bool IsActive, bool MustChangePassword,
    string PreferredLanguage, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt)
{
    internal static UserItem From(User u) =>
        new(u.Id, u.Email, u.DisplayName, u.Role, u.IsActive, u.MustChangePassword, u.PreferredLanguage, u.CreatedAt, u.LastLoginAt);
}

/// <summary>Create a user; without <see cref="Password"/> one is generated, returned once, and must be changed at first login.</summary>
/// <param name="Role">admin, analyst, account_manager or viewer.</param>
public sealed record UserInput(string? Email, string? Role, string? Password, string? DisplayName);

/// <summary>A created user and the generated one-time password, if any.</summary>
public sealed record CreatedUserResponse(UserItem User, string? GeneratedPassword);

/// <summary>A personal access token as listed (the token itself is shown only when created).</summary>
public sealed record TokenItem(long Id, string Name, string Prefix, string UserEmail, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Create a token for yourself; <see cref="ExpiresDays"/> null never expires.</summary>
public sealed record TokenInput(string? Name, int? ExpiresDays);

/// <summary>A created token: <see cref="Token"/> is shown this one time only.</summary>
public sealed record CreatedTokenResponse(long Id, string Name, string Prefix, DateTimeOffset? ExpiresAt, string Token);

/// <summary><c>/api/v1/users</c> (admin), <c>/api/v1/me</c>, <c>/api/v1/tokens</c> (own tokens; admins all).</summary>
internal static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", MeAsync).WithTags("Users").WithName("GetCurrentUser");

        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        users.MapGet("/", ListUsersAsync).WithName("ListUsers");
        users.MapPost("/", CreateUserAsync).WithName("CreateUser")
            .Produces<CreatedUserResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        var tokens = api.MapGroup("/tokens").WithTags("Tokens");
        tokens.MapGet("/", ListTokensAsync).WithName("ListTokens").WithSummary("Your tokens; administrators may pass userId or all=true.");
        tokens.MapPost("/", CreateTokenAsync).WithName("CreateToken")
            .Produces<CreatedTokenResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        tokens.MapDelete("/{id:long}", RevokeTokenAsync).WithName("RevokeToken")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    internal static async Task<Results<Ok<UserItem>, ProblemHttpResult>> MeAsync(RapportDbContext db, Caller user, CancellationToken ct)
    {
        var me = await db.Users.FirstOrDefaultAsync(u => u.Id == user.Id, ct);
        return me is null ? ApiProblems.NotFound("user", user.Id) : TypedResults.Ok(UserItem.From(me));
    }

    internal static async Task<Results<Ok<PagedResult<UserItem>>, ValidationProblem>> ListUsersAsync(RapportDbContext db, CancellationToken ct,
        int? page = null, int? pageSize = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await paging.ReadAsync(db.Users, q => q.OrderBy(u => u.Email), ct);
        return TypedResults.Ok(new PagedResult<UserItem>(result.Items.Select(UserItem.From).ToList(), result.Page, result.PageSize, result.TotalCount));
    }

    internal static async Task<IResult> CreateUserAsync(UserInput input, UserDirectory directory, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var result = await directory.CreateUserAsync(new NewUser(input.Email ?? "", input.Role ?? "", input.Password, input.DisplayName), ct);
        if (result.Error is { } failure)
        {
            return failure.ToProblem();
        }
        var created = result.Value!;
        db.AuditLog.Add(new Rapport.Core.Auditing.AuditEntry
        {
            UserId = user.Id, Actor = user.Email, Action = AuditTrail.Create, Entity = "user",
            EntityId = created.User.Id.ToString(CultureInfo.InvariantCulture),
            Details = System.Text.Json.JsonSerializer.SerializeToDocument(new { email = created.User.Email, role = EnumText.ToText(created.User.Role) }),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/users/{created.User.Id}", new CreatedUserResponse(UserItem.From(created.User), created.GeneratedPassword));
    }

    internal static async Task<Results<Ok<PagedResult<TokenItem>>, ValidationProblem, ProblemHttpResult>> ListTokensAsync(
        RapportDbContext db, Caller user, CancellationToken ct, int? page = null, int? pageSize = null, long? userId = null, bool? all = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        if ((userId is not null && userId != user.Id || all == true) && !user.IsAdmin)
        {
            return ApiProblems.Forbidden("Only administrators can list the tokens of other users.");
        }
        long? owner = all == true ? userId : userId ?? user.Id;
        var query = db.ApiTokens.Where(t => owner == null || t.UserId == owner);
        var result = await paging.ReadAsync(query, q => q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new TokenItem(t.Id, t.Name, t.Prefix, t.User!.Email, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt)), ct);
        return TypedResults.Ok(result);
    }

    internal static async Task<IResult> CreateTokenAsync(TokenInput input, UserDirectory directory, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var result = await directory.CreateTokenAsync(user.Id, input.Name ?? "", input.ExpiresDays, ct);
        if (result.Error is { } failure)
        {
            return failure.ToProblem();
        }
        var created = result.Value!;
        db.AuditLog.Add(new Rapport.Core.Auditing.AuditEntry
        {
            UserId = user.Id, Actor = user.Email, Action = AuditTrail.Create, Entity = "api_token",
            EntityId = created.Token.Id.ToString(CultureInfo.InvariantCulture),
            Details = System.Text.Json.JsonSerializer.SerializeToDocument(new { name = created.Token.Name, prefix = created.Token.Prefix }),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/tokens/{created.Token.Id}",
            new CreatedTokenResponse(created.Token.Id, created.Token.Name, created.Token.Prefix, created.Token.ExpiresAt, created.Plaintext));
    }

    internal static async Task<IResult> RevokeTokenAsync(long id, UserDirectory directory, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var result = await directory.RevokeTokenAsync(id.ToString(CultureInfo.InvariantCulture), user.IsAdmin ? null : user.Id, ct);
        if (result.Error is { } failure)
        {
            return failure.ToProblem();
        }
        db.AuditLog.Add(new Rapport.Core.Auditing.AuditEntry
        {
            UserId = user.Id, Actor = user.Email, Action = "revoke", Entity = "api_token", EntityId = id.ToString(CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
