using Rapport.Core.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Accounts.Records;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Accounts;

/// <summary><c>/api/v1/contacts</c>: the buying-center members of the accounts.</summary>
internal static class ContactsApi
{
    private const string Entity = "contact";

    public static RouteGroupBuilder MapContactsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/contacts").WithTags("Contacts");
        group.MapGet("/", ListAsync).WithName("ListContacts")
            .WithSummary("Paged contacts, filterable by account, search text (last name or e-mail prefix), buying role and active flag.");
        group.MapGet("/{id:long}", GetAsync).WithName("GetContact").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateContact").Produces<ContactDetail>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Write)
            .WithSummary("Create a contact; the fields and rules are those of the contacts CSV. consentSurveys/consentMarketing record a consent (source 'api').");
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateContact").Produces<ContactDetail>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).RequireAuthorization(Policies.Write)
            .WithSummary("Replace a contact; consents change only when consentSurveys/consentMarketing are given.");
        group.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteContact").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).RequireAuthorization(Policies.Write);
        return group;
    }

    /// <param name="search">Case-insensitive prefix of the last name or the e-mail address.</param>
    internal static async Task<Results<Ok<PagedResult<ContactListItem>>, ValidationProblem>> ListAsync(
        RapportDbContext db, Caller user, CancellationToken ct,
        int? page = null, int? pageSize = null, long? accountId = null, string? search = null, string? buyingRole = null, bool? active = null)
    {
        var errors = new FieldErrors();
        var paging = PageRequest.Validate(page, pageSize, errors);
        var query = db.Contacts.WhereAccountVisible(db, user, c => c.AccountId);
        if (accountId is { } account)
        {
            query = query.Where(c => c.AccountId == account);
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var prefix = Like.Escape(search.Trim().ToLowerInvariant()) + "%";
            query = query.Where(c => EF.Functions.Like(c.LastName.ToLower(), prefix, Like.EscapeCharacter)
                || EF.Functions.Like(c.Email!.ToLower(), prefix, Like.EscapeCharacter));
        }
        if (InputRules.Enum<BuyingRole>(buyingRole, "buyingRole", errors) is { } role)
        {
            query = query.Where(c => c.BuyingRole == role);
        }
        if (active is { } isActive)
        {
            query = query.Where(c => c.IsActive == isActive);
        }
        if (errors.Any)
        {
            return ApiProblems.Validation(errors);
        }
        var result = await paging.ReadAsync(query, q => q.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id)
            .Select(c => new ContactListItem(c.Id, c.ExternalId, c.AccountId, c.Account!.ExternalId, c.FirstName, c.LastName, c.Email, c.Phone,
                c.JobTitle, c.Department, c.BuyingRole, c.IsActive)), ct);
        return TypedResults.Ok(result);
    }

    internal static async Task<IResult> CreateAsync(ContactInput input, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.CreateAsync(ContactRecord.Kind, s.User, input, ct);
        return result.Succeeded
            ? TypedResults.Created($"/api/v1/contacts/{result.Value}", await ReadDetailAsync(s.Db, s.User, result.Value, ct))
            : result.Error.ToProblem();
    }

    internal static async Task<IResult> UpdateAsync(long id, ContactInput input, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.UpdateAsync(ContactRecord.Kind, s.User, id, input, ct);
        return result.Succeeded ? TypedResults.Ok(await ReadDetailAsync(s.Db, s.User, id, ct)) : result.Error.ToProblem();
    }

    internal static async Task<IResult> DeleteAsync(long id, [AsParameters] AccountWriteServices s, CancellationToken ct)
    {
        var result = await s.Records.DeleteAsync(ContactRecord.Kind, s.User, id, ct);
        return result.Succeeded ? TypedResults.NoContent() : result.Error.ToProblem();
    }

    internal static async Task<Results<Ok<ContactDetail>, ProblemHttpResult>> GetAsync(long id, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var detail = await ReadDetailAsync(db, user, id, ct);
        return detail is null ? ApiProblems.NotFound(Entity, id) : TypedResults.Ok(detail);
    }

    internal static async Task<ContactDetail?> ReadDetailAsync(RapportDbContext db, Caller user, long id, CancellationToken ct)
    {
        var contact = await db.Contacts.WhereAccountVisible(db, user, c => c.AccountId)
            .Include(c => c.Account).Include(c => c.Consents)
            .FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null)
        {
            return null;
        }
        return new ContactDetail(contact.Id, contact.ExternalId, contact.AccountId, contact.Account!.ExternalId, contact.FirstName, contact.LastName,
            contact.Email, contact.Phone, contact.JobTitle, contact.Department, contact.BuyingRole, contact.IsActive, contact.InactiveSince,
            contact.Language,
            contact.Consents.OrderBy(c => c.Purpose).Select(c => new ContactConsent(c.Purpose, c.Granted, c.Source, c.RecordedAt)).ToList(),
            contact.CreatedAt, contact.UpdatedAt);
    }
}
