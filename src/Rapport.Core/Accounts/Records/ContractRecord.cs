using Microsoft.EntityFrameworkCore;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Import.Rules;

namespace Rapport.Core.Accounts.Records;

/// <summary>A contract request that passed the rules.</summary>
public sealed record ContractValues(ContractInput Input, string ContractNo, long AccountId);

/// <summary>Contracts: keyed by the contract number (CSV <c>contract_id</c>).</summary>
public sealed class ContractRecord : AccountRecordKind<Contract, ContractInput, ContractValues>
{
    public static readonly ContractRecord Kind = new();

    public override string Entity => "contract";

    public override Task<Contract?> FindForWriteAsync(RapportDbContext db, long id, CancellationToken ct) =>
        db.Contracts.AsTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    public override long IdOf(Contract entity) => entity.Id;

    public override long AccountIdOf(Contract entity) => entity.AccountId;

    public override async Task<ContractValues?> ValidateAsync(RapportDbContext db, Caller user, ContractInput input, Contract? existing,
        FieldErrors errors, CancellationToken ct)
    {
        errors.AddRules(ContractRules.Validate(input));
        var accountId = await AccountWriteScope.ResolveWritableAccountAsync(db, user, input.AccountExternalId, errors, ct);
        return errors.Any || accountId is null ? null : new ContractValues(input, input.ContractId!.Trim(), accountId.Value);
    }

    public override async Task<Error?> FindDuplicateAsync(RapportDbContext db, ContractValues values, Contract? existing, CancellationToken ct) =>
        values.ContractNo != existing?.ContractNo && await db.Contracts.AnyAsync(c => c.ContractNo == values.ContractNo, ct)
            ? SaveConflict(values) : null;

    public override Error SaveConflict(ContractValues values) =>
        Error.Conflict($"A contract with the contract id '{values.ContractNo}' already exists.");

    public override Contract Create(ContractValues values, Caller user, DateTimeOffset now)
    {
        var contract = new Contract { ContractNo = values.ContractNo, CreatedAt = now, UpdatedAt = now };
        Set(contract, values);
        return contract;
    }

    public override void Apply(RapportDbContext db, Contract entity, ContractValues values, Caller user, DateTimeOffset now) => Set(entity, values);

    private static void Set(Contract entity, ContractValues values)
    {
        var input = values.Input;
        entity.ContractNo = values.ContractNo;
        entity.AccountId = values.AccountId;
        entity.StartDate = input.StartDate!.Value;
        entity.EndDate = input.EndDate;
        entity.NoticeDays = input.NoticeDays;
        entity.AutoRenew = input.AutoRenew ?? false;
        entity.AnnualValue = input.AnnualValue;
        entity.TerminatedOn = input.TerminatedOn;
    }

    public override void Touch(Contract entity, DateTimeOffset now) => entity.UpdatedAt = now;

    public override object CreateDetails(Contract entity, ContractInput input) =>
        new { contractId = entity.ContractNo, accountExternalId = input.AccountExternalId };

    public override object DeleteDetails(Contract entity) => new { contractId = entity.ContractNo, entity.AccountId };
}
