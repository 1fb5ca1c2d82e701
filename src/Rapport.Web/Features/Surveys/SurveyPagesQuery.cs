using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.MasterData;
using Rapport.Core.Surveys;
using Rapport.Core.Surveys.Mail;

namespace Rapport.Web.Features.Surveys;

/// <summary>A survey's design page: the design, its waves and the master data to choose from.</summary>
internal sealed record SurveyDesignView(
    SurveyDefinition Survey, IReadOnlyList<WaveSummary> Waves, IReadOnlyList<BusinessPhase> AllPhases, IReadOnlyList<Touchpoint> AllTouchpoints,
    IReadOnlyList<string> CompetitorNames);

/// <summary>An invitation row of the wave page; <see cref="Link"/> only for users who may see links.</summary>
internal sealed record InvitationLine(long Id, long AccountId, string AccountName, string AccountExternalId, string? ContactName,
    BuyingRole? Role, string Language, InvitationStatus Status, string? Link);

/// <summary>An account offered for invitation: eligible contacts (active, with survey consent) and those already invited.</summary>
internal sealed record AccountPick(long Id, string ExternalId, string Name, Segment Segment, bool KeyAccount, int Eligible, int Invited);

/// <summary>The wave page: the wave, its status counts, one page of invitations and the account search.</summary>
internal sealed record WaveView(
    long Id, string Name, DateOnly OpensOn, DateOnly ClosesOn, WaveState State, long SurveyId, string SurveyName, bool Anonymous,
    ProgressGroup Counts, IReadOnlyList<InvitationLine> Invitations, int InvitationPage, int InvitationPages,
    IReadOnlyList<AccountPick> Accounts, int AccountMatches);

/// <summary>Reads what the survey pages show. Account managers see invitations and progress of their own accounts only (docs/security.md#roles-and-account-access).</summary>
internal sealed class SurveyPagesQuery(
    IDbContextFactory<RapportDbContext> dbFactory, InvitationTokenCache tokens, IOptions<SmtpOptions> smtp, TimeProvider time)
{
    public const int SurveysPerPage = 20;
    public const int InvitationsPerPage = 50;
    public const int AccountsShown = 50;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<PagedList<SurveySummary>> ListAsync(int page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await SurveyCatalog.ListAsync(db, Math.Max(1, page), SurveysPerPage, ct)).Value!;
    }

    public async Task<SurveyDesignView?> DesignAsync(long surveyId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var survey = await SurveyDefinition.LoadAsync(db, surveyId, ct);
        if (survey is null)
        {
            return null;
        }
        var chosenPhases = survey.Phases.Select(p => p.Id).ToHashSet();
        var chosenTouchpoints = survey.Touchpoints.Select(t => t.Id).ToHashSet();
        // Inactive master data stays on offer only where the survey already uses it.
        var phases = (await db.BusinessPhases.AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync(ct))
            .Where(p => p.IsActive || chosenPhases.Contains(p.Id)).ToList();
        var touchpoints = (await db.Touchpoints.AsNoTracking().OrderBy(t => t.SortOrder).ToListAsync(ct))
            .Where(t => t.IsActive || chosenTouchpoints.Contains(t.Id)).ToList();
        var chosenCompetitors = survey.Phases.SelectMany(p => p.Competitors).ToHashSet(StringComparer.Ordinal);
        var competitors = (await db.Competitors.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Name, c.IsActive }).ToListAsync(ct))
            .Where(c => c.IsActive || chosenCompetitors.Contains(c.Name)).Select(c => c.Name).ToList();
        return new SurveyDesignView(survey, await SurveyCatalog.WavesOfAsync(db, surveyId, ct), phases, touchpoints, competitors);
    }

    /// <param name="search">Name or external id of accounts to offer for invitation (editors only).</param>
    public async Task<WaveView?> WaveAsync(long waveId, Caller user, bool editor, string? search, int page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var wave = await db.Waves.AsNoTracking().Include(w => w.Survey).FirstOrDefaultAsync(w => w.Id == waveId, ct);
        if (wave is null)
        {
            return null;
        }
        var visible = db.VisibleAccounts(user.Id, user.Role);
        var invitations = db.Invitations.AsNoTracking().Where(i => i.WaveId == waveId && visible.Any(a => a.Id == i.AccountId));
        var counts = await invitations.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(InvitationStatus s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;
        var invited = counts.Sum(c => c.Count);
        var total = new ProgressGroup("total", null, invited, Count(InvitationStatus.Pending), Count(InvitationStatus.Sent),
            Count(InvitationStatus.Started), Count(InvitationStatus.Completed), invited == 0 ? 0 : (double)Count(InvitationStatus.Completed) / invited);

        var pages = Math.Max(1, (invited + InvitationsPerPage - 1) / InvitationsPerPage);
        page = Math.Clamp(page, 1, pages);
        var rows = await (
                from i in invitations
                join a in db.Accounts on i.AccountId equals a.Id
                join c in db.Contacts on i.ContactId equals c.Id into cs
                from c in cs.DefaultIfEmpty()
                orderby a.Name, i.Id
                select new { i.Id, i.AccountId, a.Name, a.ExternalId, c.FirstName, c.LastName, Role = (BuyingRole?)c.BuyingRole, i.Language, i.Status, i.TokenNonce })
            .Skip((page - 1) * InvitationsPerPage).Take(InvitationsPerPage)
            .ToListAsync(ct);
        var t = editor ? await tokens.GetAsync(db, ct) : null;
        var lines = rows.Select(r => new InvitationLine(r.Id, r.AccountId, r.Name, r.ExternalId,
                string.Join(' ', new[] { r.FirstName, r.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } n ? n : null,
                r.Role, r.Language, r.Status,
                t is null ? null : smtp.Value.PublicBaseUrl.TrimEnd('/') + InvitationTokens.LinkFor(t.TokenFor(r.Id, r.TokenNonce))))
            .ToList();

        IReadOnlyList<AccountPick> picks = [];
        var matches = 0;
        var state = SurveyCatalog.StateOf(wave.OpensOn, wave.ClosesOn, Today);
        if (editor && state != WaveState.Closed)
        {
            var accounts = db.Accounts.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(search))
            {
                var like = "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                    .Replace("_", "\\_", StringComparison.Ordinal) + "%";
                accounts = accounts.Where(a => EF.Functions.ILike(a.Name, like) || EF.Functions.ILike(a.ExternalId, like));
            }
            matches = await accounts.CountAsync(ct);
            picks = await accounts.OrderByDescending(a => a.KeyAccount).ThenBy(a => a.Name).Take(AccountsShown)
                .Select(a => new AccountPick(a.Id, a.ExternalId, a.Name, a.Segment, a.KeyAccount,
                    db.Contacts.Count(c => c.AccountId == a.Id && c.IsActive
                        && db.Consents.Any(x => x.ContactId == c.Id && x.Purpose == ConsentPurpose.Surveys && x.Granted)),
                    db.Invitations.Count(i => i.WaveId == waveId && i.AccountId == a.Id)))
                .ToListAsync(ct);
        }
        return new WaveView(wave.Id, wave.Name, wave.OpensOn, wave.ClosesOn, state, wave.SurveyId, wave.Survey!.Name, wave.Survey.Anonymous,
            total, lines, page, pages, picks, matches);
    }

    public async Task<WaveProgressReport?> ProgressAsync(long waveId, Caller user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = user.SeesOwnAccountsOnly ? db.VisibleAccounts(user.Id, user.Role) : null;
        return (await WaveProgress.ComputeAsync(db, waveId, visible, ct)).Value;
    }
}
