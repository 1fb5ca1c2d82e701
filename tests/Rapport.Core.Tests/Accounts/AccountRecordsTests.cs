using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Rapport.Core.Accounts;
using Rapport.Core.Accounts.Records;
using Rapport.Core.Common;
using Rapport.Core.Data;
using Rapport.Core.Identity;
using Rapport.Core.Import.Rules;
using Rapport.Testing;

namespace Rapport.Core.Tests.Accounts;

/// <summary>The one write path of account-owned records: rules, scope, duplicate key, save with audit entry.</summary>
public sealed class AccountRecordsTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateAsync_ValidContactOnOwnAccount_SavesWithAuditEntry()
    {
        var owner = await NewCallerAsync(UserRole.AccountManager);
        var account = await NewAccountAsync(owner.Id);
        var externalId = NewKey("K");

        await using var db = NewContext();
        var result = await Records(db).CreateAsync(ContactRecord.Kind, owner, Contact(externalId, account.ExternalId), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error?.Message);
        await using var check = NewContext();
        var contact = await check.Contacts.SingleAsync(c => c.Id == result.Value);
        Assert.Equal(account.Id, contact.AccountId);
        Assert.Equal(Now, contact.CreatedAt);
        var entityId = result.Value.ToString(CultureInfo.InvariantCulture);
        var entry = await check.AuditLog.SingleAsync(a => a.Entity == "contact" && a.EntityId == entityId);
        Assert.Equal("create", entry.Action);
        Assert.Equal(owner.Email, entry.Actor);
    }

    [Fact]
    public async Task CreateAsync_MissingLastName_ValidationErrorNamesField()
    {
        var owner = await NewCallerAsync(UserRole.AccountManager);
        var account = await NewAccountAsync(owner.Id);

        await using var db = NewContext();
        var result = await Records(db).CreateAsync(ContactRecord.Kind, owner, Contact(NewKey("K"), account.ExternalId) with { LastName = " " },
            CancellationToken.None);

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.True(result.Error!.Fields!.ContainsKey("lastName"));
    }

    [Fact]
    public async Task CreateAsync_AccountOfAnotherManager_ReportedAsUnknownAccount()
    {
        var owner = await NewCallerAsync(UserRole.AccountManager);
        var stranger = await NewCallerAsync(UserRole.AccountManager);
        var account = await NewAccountAsync(owner.Id);

        await using var db = NewContext();
        var result = await Records(db).CreateAsync(ContractRecord.Kind, stranger, Contract(NewKey("V"), account.ExternalId), CancellationToken.None);

        Assert.Equal(ErrorKind.Validation, result.Error?.Kind);
        Assert.Equal([$"there is no account with the external id '{account.ExternalId}'"], result.Error!.Fields!["accountExternalId"]);
    }

    [Fact]
    public async Task UpdateAsync_RecordOfInvisibleAccount_NotFound()
    {
        var owner = await NewCallerAsync(UserRole.AccountManager);
        var stranger = await NewCallerAsync(UserRole.AccountManager);
        var account = await NewAccountAsync(owner.Id);
        var id = await CreateContractAsync(owner, NewKey("V"), account.ExternalId);

        await using var db = NewContext();
        var result = await Records(db).UpdateAsync(ContractRecord.Kind, stranger, id, Contract(NewKey("V"), account.ExternalId), CancellationToken.None);

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
        Assert.Equal($"There is no contract with id {id}.", result.Error!.Message);
    }

    [Fact]
    public async Task DeleteAsync_ViewerOnVisibleAccount_NotFound()
    {
        var owner = await NewCallerAsync(UserRole.AccountManager);
        var viewer = await NewCallerAsync(UserRole.Viewer);
        var account = await NewAccountAsync(owner.Id);
        var id = await CreateContractAsync(owner, NewKey("V"), account.ExternalId);

        await using var db = NewContext();
        var result = await Records(db).DeleteAsync(ContractRecord.Kind, viewer, id, CancellationToken.None);

        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
    }

    [Fact]
    public async Task CreateAsync_ExternalIdTaken_ConflictWithoutSaving()
    {
        var owner = await NewCallerAsync(UserRole.AccountManager);
        var account = await NewAccountAsync(owner.Id);
        var contractNo = NewKey("V");
        await CreateContractAsync(owner, contractNo, account.ExternalId);

        await using var db = NewContext();
        var result = await Records(db).CreateAsync(ContractRecord.Kind, owner, Contract(contractNo, account.ExternalId) with { AnnualValue = 5m },
            CancellationToken.None);

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal($"A contract with the contract id '{contractNo}' already exists.", result.Error!.Message);
        await using var check = NewContext();
        Assert.Equal(1, await check.Contracts.CountAsync(c => c.ContractNo == contractNo));
    }

    [Fact]
    public async Task UpdateAsync_KeyTakenMeanwhile_UniqueViolationBecomesSameConflict()
    {
        var owner = await NewCallerAsync(UserRole.AccountManager);
        var account = await NewAccountAsync(owner.Id);
        var taken = NewKey("V");
        await CreateContractAsync(owner, taken, account.ExternalId);
        var id = await CreateContractAsync(owner, NewKey("V"), account.ExternalId);

        // A kind that skips the duplicate check stands for a second request that checked before the first one saved.
        await using var db = NewContext();
        var result = await Records(db).UpdateAsync(new UncheckedContractRecord(), owner, id, Contract(taken, account.ExternalId), CancellationToken.None);

        Assert.Equal(ErrorKind.Conflict, result.Error?.Kind);
        Assert.Equal($"A contract with the contract id '{taken}' already exists.", result.Error!.Message);
    }

    [Fact]
    public async Task DeleteAsync_SharedAccountByNonOwner_Forbidden()
    {
        var owner = await NewCallerAsync(UserRole.AccountManager);
        var colleague = await NewCallerAsync(UserRole.AccountManager);
        var account = await NewAccountAsync(owner.Id);
        await using (var share = NewContext())
        {
            share.AccountShares.Add(new AccountShare { AccountId = account.Id, UserId = colleague.Id });
            await share.SaveChangesAsync();
        }

        await using var db = NewContext();
        var result = await Records(db).DeleteAsync(AccountRecord.Kind, colleague, account.Id, CancellationToken.None);

        Assert.Equal(ErrorKind.Forbidden, result.Error?.Kind);
        await using var check = NewContext();
        Assert.True(await check.Accounts.AnyAsync(a => a.Id == account.Id));
    }

    private RapportDbContext NewContext() => new(DataServiceCollectionExtensions.CreateOptions(database.DataSource));

    private static AccountRecords Records(RapportDbContext db) => new(db, new ManualClock(Now));

    private static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static ContactInput Contact(string externalId, string accountExternalId) =>
        new() { ExternalId = externalId, AccountExternalId = accountExternalId, LastName = "Berger", Email = "berger@example.com" };

    private static ContractInput Contract(string contractNo, string accountExternalId) =>
        new() { ContractId = contractNo, AccountExternalId = accountExternalId, StartDate = new DateOnly(2026, 1, 1), AnnualValue = 1200m };

    private async Task<long> CreateContractAsync(Caller user, string contractNo, string accountExternalId)
    {
        await using var db = NewContext();
        var result = await Records(db).CreateAsync(ContractRecord.Kind, user, Contract(contractNo, accountExternalId), CancellationToken.None);
        return result.Succeeded ? result.Value : throw new InvalidOperationException(result.Error.Message);
    }

    private async Task<Caller> NewCallerAsync(UserRole role)
    {
        await using var db = NewContext();
        var user = new User { Email = $"user-{Guid.NewGuid():N}@test.rapport", DisplayName = "Test User", Role = role, PreferredLanguage = "en" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new Caller(user.Id, user.Email, user.DisplayName, role, "en", MustChangePassword: false);
    }

    private async Task<Account> NewAccountAsync(long ownerId)
    {
        await using var db = NewContext();
        var account = new Account { ExternalId = NewKey("A"), Name = "Records test GmbH", OwnerUserId = ownerId };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    /// <summary>Contracts without the duplicate check, so that only the unique index catches a taken key.</summary>
    private sealed class UncheckedContractRecord : AccountRecordKind<Contract, ContractInput, ContractValues>
    {
        private readonly ContractRecord inner = ContractRecord.Kind;

        public override string Entity => inner.Entity;

        public override Task<Contract?> FindForWriteAsync(RapportDbContext db, long id, CancellationToken ct) => inner.FindForWriteAsync(db, id, ct);

        public override long IdOf(Contract entity) => inner.IdOf(entity);

        public override long AccountIdOf(Contract entity) => inner.AccountIdOf(entity);

        public override Task<ContractValues?> ValidateAsync(RapportDbContext db, Caller user, ContractInput input, Contract? existing,
            FieldErrors errors, CancellationToken ct) => inner.ValidateAsync(db, user, input, existing, errors, ct);

        public override Task<Error?> FindDuplicateAsync(RapportDbContext db, ContractValues values, Contract? existing, CancellationToken ct) =>
            Task.FromResult<Error?>(null);

        public override Error SaveConflict(ContractValues values) => inner.SaveConflict(values);

        public override Contract Create(ContractValues values, Caller user, DateTimeOffset now) => inner.Create(values, user, now);

        public override void Apply(RapportDbContext db, Contract entity, ContractValues values, Caller user, DateTimeOffset now) =>
            inner.Apply(db, entity, values, user, now);

        public override void Touch(Contract entity, DateTimeOffset now) => inner.Touch(entity, now);

        public override object CreateDetails(Contract entity, ContractInput input) => inner.CreateDetails(entity, input);

        public override object DeleteDetails(Contract entity) => inner.DeleteDetails(entity);
    }
}
