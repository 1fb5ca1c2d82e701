using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Data;

namespace Rapport.Web.Features.Identity;

/// <summary>The current user of a request or circuit, looked up once.</summary>
internal sealed class CurrentUserService(AuthenticationStateProvider authentication, IDbContextFactory<RapportDbContext> dbFactory)
{
    private Task<SignedInUser?>? user;

    public Task<SignedInUser?> GetAsync(CancellationToken cancellationToken = default) => user ??= LoadAsync(cancellationToken);

    private async Task<SignedInUser?> LoadAsync(CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await UserLookup.FindAsync(db, state.User, cancellationToken);
    }
}
