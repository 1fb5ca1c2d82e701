using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Common;

namespace Rapport.Core.Surveys;

/// <summary>Input of <see cref="SurveyInvitations.CreateAsync"/>: the accounts whose contacts, and single contacts, to invite.</summary>
public sealed record CreateInvitationsRequest(IReadOnlyList<long>? AccountIds, IReadOnlyList<long>? ContactIds);

/// <summary>
/// Accounts chosen by criteria instead of one by one: all key accounts, all accounts of a segment, or the key accounts
/// of a segment when both are given.
/// </summary>
public sealed record AccountSelection(bool KeyAccounts = false, Segment? Segment = null);

/// <summary>What <see cref="SurveyInvitations.CreateAsync"/> did; contacts already invited to the wave are not invited twice.</summary>
public sealed record InvitationCounts(int Created, int SkippedWithoutConsent, int SkippedInactive, int AlreadyInvited);

/// <summary>An invitation as the API lists it; <paramref name="Link"/> is the respondent URL <c>/s/{token}</c>
/// (null for callers who may not act as the respondent: only survey editors see links).</summary>
public sealed record InvitationRow(long Id, long? ContactId, long AccountId, string Status, string? Link);

/// <summary>An invitation with what a mail merge needs.</summary>
public sealed record MailMergeRow(long InvitationId, string AccountExternalId, string AccountName, string? ContactExternalId,
    string? FirstName, string? LastName, string? Email, string Language, string Status, string Link);

/// <summary>One page of a list (docs/api.md#paging).</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

/// <summary>Inviting contacts to a wave and listing the invitations with their links.</summary>
public sealed class SurveyInvitations(RapportDbContext db, InvitationTokens tokens, TimeProvider time)
{
    /// <summary>Largest page size of lists (docs/api.md#paging).</summary>
    public const int MaxPageSize = 500;

    /// <summary>
    /// Creates one invitation per eligible contact — active, with granted survey consent — of the given accounts and
    /// contacts; contacts already invited to the wave are counted, not invited again.
    /// </summary>
    public async Task<Result<InvitationCounts>> CreateAsync(long waveId, CreateInvitationsRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wave = await db.Waves.AsNoTracking().FirstOrDefaultAsync(w => w.Id == waveId, ct);
        if (wave is null)
        {
            return SurveyErrors.NotFound($"There is no wave {waveId}.");
        }
        if (wave.ClosesOn < DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
        {
            return SurveyErrors.WaveClosed($"Wave '{wave.Name}' closed on {wave.ClosesOn:yyyy-MM-dd}; no more invitations can be created.");
        }
        var accountIds = (request.AccountIds ?? []).Distinct().ToArray();
        var contactIds = (request.ContactIds ?? []).Distinct().ToArray();
        if (accountIds.Length == 0 && contactIds.Length == 0)
        {
            return SurveyErrors.Invalid("Give accountIds or contactIds (or both).", "accountIds");
        }
        var knownAccounts = await db.Accounts.Where(a => accountIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        var missingAccount = accountIds.Except(knownAccounts).Order().ToList();
        if (missingAccount.Count > 0)
        {
            return SurveyErrors.Invalid($"Unknown account id(s): {string.Join(", ", missingAccount.Take(20))}.", "accountIds");
        }
        var knownContacts = await db.Contacts.Where(c => contactIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        var missingContact = contactIds.Except(knownContacts).Order().ToList();
        if (missingContact.Count > 0)
        {
            return SurveyErrors.Invalid($"Unknown contact id(s): {string.Join(", ", missingContact.Take(20))}.", "contactIds");
        }

        var candidates = await db.Contacts.AsNoTracking()
            .Where(c => accountIds.Contains(c.AccountId) || contactIds.Contains(c.Id))
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.AccountId, c.IsActive, c.Language,
                Consent = db.Consents.Any(x => x.ContactId == c.Id && x.Purpose == ConsentPurpose.Surveys && x.Granted),
                Invited = db.Invitations.Any(i => i.WaveId == waveId && i.ContactId == c.Id),
            })
            .ToListAsync(ct);
        int inactive = 0, withoutConsent = 0, already = 0;
        var eligible = new List<(long ContactId, long AccountId, string Language)>();
        foreach (var c in candidates)
        {
            if (!c.IsActive)
            {
                inactive++;
            }
            else if (!c.Consent)
            {
                withoutConsent++;
            }
            else if (c.Invited)
            {
                already++;
            }
            else
            {
                eligible.Add((c.Id, c.AccountId, c.Language));
            }
        }
        if (eligible.Count > 0)
        {
            // The token depends on the invitation id, so the ids are drawn before the rows are written.
            var ids = await db.Database
                .SqlQueryRaw<long>("SELECT nextval(pg_get_serial_sequence('invitations', 'id')) AS \"Value\" FROM generate_series(1, {0})", eligible.Count)
                .ToListAsync(ct);
            for (var i = 0; i < eligible.Count; i++)
            {
                var nonce = InvitationTokens.NewNonce();
                db.Invitations.Add(new Invitation
                {
                    Id = ids[i], WaveId = waveId, AccountId = eligible[i].AccountId, ContactId = eligible[i].ContactId,
                    TokenNonce = nonce, TokenHash = InvitationTokens.Hash(tokens.TokenFor(ids[i], nonce)),
                    Status = InvitationStatus.Pending, Language = eligible[i].Language,
                });
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
                return SurveyErrors.Conflict("Some of these contacts were invited to the wave at the same time by another request; try again.");
            }
            db.ChangeTracker.Clear();
        }
        return Result<InvitationCounts>.Ok(new InvitationCounts(eligible.Count, withoutConsent, inactive, already));
    }

    /// <summary>Invites the eligible contacts of every account matching <paramref name="selection"/>, as <see cref="CreateAsync"/>.</summary>
    public async Task<Result<InvitationCounts>> CreateForSelectionAsync(long waveId, AccountSelection selection, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        if (!selection.KeyAccounts && selection.Segment is null)
        {
            return SurveyErrors.Invalid("Choose key accounts, a segment, or both.", "selection");
        }
        var accounts = db.Accounts.AsNoTracking();
        if (selection.KeyAccounts)
        {
            accounts = accounts.Where(a => a.KeyAccount);
        }
        if (selection.Segment is { } segment)
        {
            accounts = accounts.Where(a => a.Segment == segment);
        }
        var ids = await accounts.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return await db.Waves.AnyAsync(w => w.Id == waveId, ct)
                ? Result<InvitationCounts>.Ok(new InvitationCounts(0, 0, 0, 0))
                : SurveyErrors.NotFound($"There is no wave {waveId}.");
        }
        return await CreateAsync(waveId, new CreateInvitationsRequest(ids, null), ct);
    }

    /// <summary>The invitations of a wave by id, with their links; <paramref name="status"/> filters.</summary>
    public async Task<Result<PagedList<InvitationRow>>> ListAsync(long waveId, int page, int pageSize, InvitationStatus? status = null, CancellationToken ct = default)
    {
        if (page < 1)
        {
            return SurveyErrors.Invalid("page must be at least 1.", "page");
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            return SurveyErrors.Invalid($"pageSize must be between 1 and {MaxPageSize}.", "pageSize");
        }
        if (!await db.Waves.AnyAsync(w => w.Id == waveId, ct))
        {
            return SurveyErrors.NotFound($"There is no wave {waveId}.");
        }
        var query = db.Invitations.AsNoTracking().Where(i => i.WaveId == waveId);
        if (status is not null)
        {
            query = query.Where(i => i.Status == status);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(i => i.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(i => new { i.Id, i.ContactId, i.AccountId, i.Status, i.TokenNonce })
            .ToListAsync(ct);
        return Result<PagedList<InvitationRow>>.Ok(new PagedList<InvitationRow>(
            rows.Select(r => new InvitationRow(r.Id, r.ContactId, r.AccountId, EnumText.ToText(r.Status),
                InvitationTokens.LinkFor(tokens.TokenFor(r.Id, r.TokenNonce)))).ToList(),
            page, pageSize, total));
    }

    /// <summary>Every invitation of a wave with contact data and link, for a mail merge.</summary>
    public async Task<Result<IReadOnlyList<MailMergeRow>>> MailMergeAsync(long waveId, string baseUrl, CancellationToken ct = default)
    {
        if (!await db.Waves.AnyAsync(w => w.Id == waveId, ct))
        {
            return SurveyErrors.NotFound($"There is no wave {waveId}.");
        }
        var rows = await (
                from i in db.Invitations.AsNoTracking()
                join a in db.Accounts on i.AccountId equals a.Id
                join c in db.Contacts on i.ContactId equals c.Id into cs
                from c in cs.DefaultIfEmpty()
                where i.WaveId == waveId
                orderby i.Id
                select new { i.Id, i.TokenNonce, i.Status, i.Language, a.ExternalId, a.Name, Contact = c })
            .ToListAsync(ct);
        var root = baseUrl.TrimEnd('/');
        return Result<IReadOnlyList<MailMergeRow>>.Ok(rows.Select(r => new MailMergeRow(
            r.Id, r.ExternalId, r.Name, r.Contact?.ExternalId, r.Contact?.FirstName, r.Contact?.LastName, r.Contact?.Email,
            r.Language, EnumText.ToText(r.Status), root + InvitationTokens.LinkFor(tokens.TokenFor(r.Id, r.TokenNonce)))).ToList());
    }

    /// <summary>The invitation a token belongs to, or null for unknown or malformed tokens.</summary>
    public static async Task<Invitation?> ResolveAsync(RapportDbContext db, string? token, CancellationToken ct = default)
    {
        if (!InvitationTokens.LooksLikeToken(token))
        {
            return null;
        }
        var hash = InvitationTokens.Hash(token!);
        return await db.Invitations.AsNoTracking().Include(i => i.Wave).FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
    }
}
