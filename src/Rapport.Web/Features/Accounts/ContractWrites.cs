using Rapport.Core.Common;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Import.Rules;
using Rapport.Web.Features.Identity;

namespace Rapport.Web.Features.Accounts;

internal static partial class ContractsApi
{
    internal static async Task<Results<Created<ContractItem>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ContractInput input, RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.AddRules(ContractRules.Validate(input));
        var accountId = await db.ResolveWritableAccountAsync(user, input.AccountExternalId, errors, ct);
        if (errors.Any || accountId is null)
        {
            return ApiProblems.Validation(errors);
        }
        var contractNo = input.ContractId!.Trim();
        if (await db.Contracts.AnyAsync(c => c.ContractNo == contractNo, ct))
        {
            return Duplicate(contractNo);
        }
        var now = clock.GetUtcNow();
        var contract = new Contract { ContractNo = contractNo, CreatedAt = now, UpdatedAt = now };
        Apply(contract, input, accountId.Value);
        db.Contracts.Add(contract);
        try
        {
            await AuditTrail.SaveAsync(db, user, AuditTrail.Create, Entity, () => contract.Id.ToString(CultureInfo.InvariantCulture),
                new { contractId = contract.ContractNo, accountExternalId = input.AccountExternalId }, ct);
        }
        catch (DbUpdateException ex) when (AccountsApi.IsUniqueViolation(ex))
        {
            return Duplicate(contractNo);
        }
        return TypedResults.Created($"/api/v1/contracts/{contract.Id}", (await ReadAsync(db, user, contract.Id, Today(clock), ct))!);
    }

    internal static async Task<Results<Ok<ContractItem>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, ContractInput input, RapportDbContext db, Caller user, TimeProvider clock, CancellationToken ct)
    {
        var contract = await db.Contracts.AsTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null || !await db.CanWriteAsync(user, contract.AccountId, ct))
        {
            return ApiProblems.NotFound(Entity, id);
        }
        var errors = new FieldErrors();
        errors.AddRules(ContractRules.Validate(input));
        var accountId = await db.ResolveWritableAccountAsync(user, input.AccountExternalId, errors, ct);
        if (errors.Any || accountId is null)
        {
            return ApiProblems.Validation(errors);
        }
        var contractNo = input.ContractId!.Trim();
        if (contractNo != contract.ContractNo && await db.Contracts.AnyAsync(c => c.ContractNo == contractNo, ct))
        {
            return Duplicate(contractNo);
        }
        contract.ContractNo = contractNo;
        Apply(contract, input, accountId.Value);
        if (db.ChangeTracker.HasChanges())
        {
            contract.UpdatedAt = clock.GetUtcNow();
            try
            {
                await AuditTrail.SaveAsync(db, user, AuditTrail.Update, Entity, () => id.ToString(CultureInfo.InvariantCulture), null, ct);
            }
            catch (DbUpdateException ex) when (AccountsApi.IsUniqueViolation(ex))
            {
                return Duplicate(contractNo);
            }
        }
        return TypedResults.Ok((await ReadAsync(db, user, id, Today(clock), ct))!);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, RapportDbContext db, Caller user, CancellationToken ct)
    {
        var contract = await db.Contracts.AsTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null || !await db.CanWriteAsync(user, contract.AccountId, ct))
        {
            return ApiProblems.NotFound(Entity, id);
        }
        db.Contracts.Remove(contract);
        await AuditTrail.SaveAsync(db, user, AuditTrail.Delete, Entity, () => id.ToString(CultureInfo.InvariantCulture),
            new { contractId = contract.ContractNo, contract.AccountId }, ct);
        return TypedResults.NoContent();
    }

    private static void Apply(Contract contract, ContractInput input, long accountId)
    {
        contract.AccountId = accountId;
        contract.StartDate = input.StartDate!.Value;
        contract.EndDate = input.EndDate;
        contract.NoticeDays = input.NoticeDays;
        contract.AutoRenew = input.AutoRenew ?? false;
        contract.AnnualValue = input.AnnualValue;
        contract.TerminatedOn = input.TerminatedOn;
    }

    private static ProblemHttpResult Duplicate(string contractNo) =>
        ApiProblems.Conflict($"A contract with the contract id '{contractNo}' already exists.");
}
