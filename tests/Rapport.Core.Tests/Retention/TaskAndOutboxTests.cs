using Microsoft.EntityFrameworkCore;
using Npgsql;
using Rapport.Core.Accounts;
using Rapport.Core.Data;
using Rapport.Core.Events;
using Rapport.Core.Retention;
using Rapport.Testing;

namespace Rapport.Core.Tests.Retention;

public sealed class TaskAndOutboxTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private RapportDbContext NewContext() => new(DataServiceCollectionExtensions.CreateOptions(database.DataSource));

    private async Task<long> NewAccountAsync()
    {
        await using var db = NewContext();
        var account = new Account { ExternalId = $"T-{Guid.NewGuid():N}", Name = "Task test GmbH" };
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account.Id;
    }

    [Fact]
    public async Task SaveChanges_SameOriginKeyTwiceOnOneAccount_IsRejected()
    {
        var accountId = await NewAccountAsync();
        await using (var db = NewContext())
        {
            db.Tasks.Add(new AccountTask { AccountId = accountId, Title = "Call Ms Brenner", Origin = TaskOrigin.Playbook, OriginKey = "playbook:win_back:2026-11" });
            await db.SaveChangesAsync();
        }

        await using var again = NewContext();
        again.Tasks.Add(new AccountTask { AccountId = accountId, Title = "Call Ms Brenner", Origin = TaskOrigin.Playbook, OriginKey = "playbook:win_back:2026-11" });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => again.SaveChangesAsync());

        Assert.Equal(PostgresErrorCodes.UniqueViolation, (error.InnerException as PostgresException)?.SqlState);
    }

    [Fact]
    public async Task SaveChanges_TaskStatusAndOrigin_StoredAsSnakeCaseText()
    {
        var accountId = await NewAccountAsync();
        await using var db = NewContext();
        db.Tasks.Add(new AccountTask { AccountId = accountId, Title = "Review plan", Origin = TaskOrigin.Plan, Status = AccountTaskStatus.InProgress });
        await db.SaveChangesAsync();

        var stored = await db.Database.SqlQueryRaw<string>(
            "SELECT status || '/' || origin AS \"Value\" FROM tasks WHERE account_id = {0}", accountId).SingleAsync();

        Assert.Equal("in_progress/plan", stored);
    }

    [Fact]
    public async Task OutboxAdd_Payload_StoredAsCamelCaseJson()
    {
        var accountId = await NewAccountAsync();
        await using var db = NewContext();
        Outbox.Add(db, EventTypes.LifecyclePhaseChanged, accountId, new { AccountId = accountId, From = "maturity", To = "endangerment" });
        await db.SaveChangesAsync();

        var to = await db.Database.SqlQueryRaw<string>(
            "SELECT payload ->> 'to' AS \"Value\" FROM outbox_events WHERE account_id = {0}", accountId).SingleAsync();

        Assert.Equal("endangerment", to);
    }

    [Fact]
    public void OutboxAdd_UnknownType_Throws()
    {
        using var db = NewContext();

        Assert.Throws<ArgumentException>(() => Outbox.Add(db, "account.renamed", null, new { }));
    }
}
